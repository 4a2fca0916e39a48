/**
 * Binding names to values: a function's parameters by role (request, response, context, next, error, Nest parameter
 * decorators, the receiver of `.then`/`.map` callbacks) and destructuring patterns property by property.
 */
import { ts } from 'ts-morph';
import type { Source } from '../types';
import { decoratorRole, emptyVal, paramRoles, type Val } from './request';
import { member, union, type ValueScope } from './values';

export type FnLike = ts.ArrowFunction | ts.FunctionExpression | ts.FunctionDeclaration | ts.MethodDeclaration | ts.ConstructorDeclaration;

export function bindParams(scope: ValueScope, fn: FnLike, nextNames: Set<string>, receiver?: Val, method?: string): void {
  const roles = paramRoles(fn.parameters, scope.sf);
  fn.parameters.forEach((p, i) => {
    const decorators = ts.canHaveDecorators(p) ? (ts.getDecorators(p) ?? []) : [];
    const byDecorator = decorators.length ? decoratorRole(decorators, scope.sf) : undefined;
    let val: Val | undefined;
    const role = roles[i];
    if (receiver && i === 0 && !p.type) val = method === 'catch' ? { sources: new Set<Source>(['error']), names: [] } : receiver;
    else if (byDecorator?.role) val = { ...emptyVal(), role: byDecorator.role, path: [] };
    else if (byDecorator?.sources) val = { sources: new Set(byDecorator.sources), names: byDecorator.names ?? [] };
    else if (role === 'err') val = { sources: new Set<Source>(['error']), names: [] };
    else if (role === 'next') {
      if (ts.isIdentifier(p.name)) nextNames.add(p.name.text);
      return;
    } else if (role) val = { ...emptyVal(), role, path: [] };
    if (val) bind(scope, p.name, val);
  });
}

/** Bind a (possibly destructuring) name to a value; properties of the value for each destructured element. */
export function bind(scope: ValueScope, name: ts.BindingName, val: Val, merge = false): void {
  if (ts.isIdentifier(name)) {
    scope.memo.clear();
    val.sources.forEach((s) => scope.reads.add(s));
    const prev = merge ? scope.vars.get(name.text) : undefined;
    scope.vars.set(name.text, prev && !prev.role ? union(prev, val) : val);
    return;
  }
  for (const el of name.elements) {
    if (ts.isOmittedExpression(el)) continue;
    if (ts.isArrayBindingPattern(name)) bind(scope, el.name, member(scope, val, '?'), merge);
    else if (el.dotDotDotToken) bind(scope, el.name, val, merge);
    else {
      const key = el.propertyName ?? el.name;
      const prop = ts.isIdentifier(key) || ts.isStringLiteralLike(key) ? key.text : '?';
      bind(scope, el.name, member(scope, val, prop), merge);
    }
  }
}
