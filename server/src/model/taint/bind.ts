/**
 * Binding names to values: a function's parameters by role (request, response, context, next, error, Nest parameter
 * decorators, the receiver of `.then`/`.map` callbacks) and destructuring patterns property by property.
 */
import { ts } from 'ts-morph';
import type { Source } from '../types';
import type { FileEnv } from './file-env';
import { decoratorRole, emptyVal, paramRoles, type Val } from './request';
import { member, union, type ValueScope } from './values';

export type FnLike = ts.ArrowFunction | ts.FunctionExpression | ts.FunctionDeclaration | ts.MethodDeclaration | ts.ConstructorDeclaration;

const TOOL_FACTORY = /^(tool|createTool|defineTool|DynamicStructuredTool|DynamicTool|StructuredTool|registerTool|betaZodTool)$/;
const TOOL_KEY = /^(execute|func|handler|invoke|run|call)$/;

/** The callee's name, through an aliased import (`import { tool as lcTool }` → tool). */
function calleeName(call: ts.CallExpression | ts.NewExpression, env?: FileEnv): string {
  const e = call.expression;
  if (ts.isIdentifier(e)) return env?.imports.get(e.text)?.imported ?? e.text;
  return ts.isPropertyAccessExpression(e) ? e.name.text : '';
}

/**
 * An LLM tool's implementation, whose first parameter the model fills in: `tool({ execute })` (AI SDK),
 * `tools: { lookup: { execute } }`, LangChain `tool(fn, {...})` / `new DynamicStructuredTool({ func })`, MCP
 * `server.tool(name, schema, handler)` / `server.registerTool(name, config, handler)`.
 */
export function isToolImplementation(fn: FnLike, env?: FileEnv): boolean {
  const parent = fn.parent;
  const key = ts.isPropertyAssignment(parent) || ts.isMethodDeclaration(fn) ? (ts.isMethodDeclaration(fn) ? fn.name : (parent as ts.PropertyAssignment).name) : undefined;
  if (key && ts.isIdentifier(key) && TOOL_KEY.test(key.text)) {
    const obj = ts.isMethodDeclaration(fn) ? fn.parent : parent.parent;
    const holder = obj?.parent;
    if (holder && (ts.isCallExpression(holder) || ts.isNewExpression(holder)) && TOOL_FACTORY.test(calleeName(holder, env))) return true;
    const tools = holder && ts.isPropertyAssignment(holder) ? holder.parent?.parent : undefined;
    return !!tools && ts.isPropertyAssignment(tools) && ts.isIdentifier(tools.name) && tools.name.text === 'tools';
  }
  if (ts.isCallExpression(parent) && parent.arguments.includes(fn as ts.Expression)) {
    const name = calleeName(parent, env);
    return (name === 'tool' && parent.arguments[0] === fn) || ((name === 'tool' || name === 'registerTool') && parent.arguments[parent.arguments.length - 1] === fn && parent.arguments.length >= 2 && ts.isPropertyAccessExpression(parent.expression));
  }
  return false;
}

export function bindParams(scope: ValueScope, fn: FnLike, nextNames: Set<string>, receiver?: Val, method?: string): void {
  const roles = paramRoles(fn.parameters, scope.sf);
  if (fn.parameters[0] && isToolImplementation(fn, scope.env)) {
    bind(scope, fn.parameters[0].name, { sources: new Set<Source>(['toolArgs']), names: [] });
    return;
  }
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
