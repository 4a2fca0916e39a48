/**
 * Small AST helpers shared by the Fastify and Hono collectors: literal strings, object-literal properties, the
 * receiver of a method call and path normalisation. Kept local to the two adapters (no shared-file edits).
 */
import { ts } from 'ts-morph';
import { unwrap } from '../../refs';
import type { HttpMethod } from '../../types';
import { collectStringConstants, evalStrings } from '../common';

export const HTTP_METHODS: Record<string, HttpMethod> = {
  get: 'GET',
  post: 'POST',
  put: 'PUT',
  patch: 'PATCH',
  delete: 'DELETE',
  head: 'HEAD',
  options: 'OPTIONS',
  all: 'ALL',
};

/** The text of a string literal or a template without substitutions. */
export function stringOf(node: ts.Node | undefined): string | undefined {
  if (!node) return undefined;
  const n = ts.isExpression(node) ? unwrap(node) : node;
  return ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n) ? n.text : undefined;
}

/** `'GET'` or `['GET', 'POST']` → methods (upper-cased); undefined when not literal. */
export function methodsOf(node: ts.Expression | undefined): HttpMethod[] | undefined {
  if (!node) return undefined;
  const n = unwrap(node);
  const one = (e: ts.Expression): HttpMethod | undefined => {
    const s = stringOf(e)?.toLowerCase();
    return s ? HTTP_METHODS[s] ?? (s === '*' ? 'ALL' : undefined) : undefined;
  };
  if (ts.isArrayLiteralExpression(n)) {
    const out = n.elements.map(one).filter((m): m is HttpMethod => !!m);
    return out.length ? out : undefined;
  }
  const m = one(n);
  return m ? [m] : undefined;
}

export function propName(p: ts.ObjectLiteralElementLike): string | undefined {
  const name = p.name;
  if (!name) return undefined;
  if (ts.isIdentifier(name) || ts.isStringLiteralLike(name)) return name.text;
  return undefined;
}

/** The value of a named property of an object literal (`{ key: value }`, `{ key }`, or a method `key() {}`). */
export function propValue(obj: ts.ObjectLiteralExpression, key: string): ts.Expression | undefined {
  for (const p of obj.properties) {
    if (propName(p) !== key) continue;
    if (ts.isPropertyAssignment(p)) return p.initializer;
    if (ts.isShorthandPropertyAssignment(p)) return p.name;
  }
  return undefined;
}

export function asObject(node: ts.Expression | undefined): ts.ObjectLiteralExpression | undefined {
  if (!node) return undefined;
  const n = unwrap(node);
  return ts.isObjectLiteralExpression(n) ? n : undefined;
}

/** `a.b(...)`: the callee's property name and receiver, when the call is a method call. */
export function methodCall(node: ts.CallExpression): { name: string; receiver: ts.Expression; nameNode: ts.Node } | undefined {
  const callee = node.expression;
  if (ts.isPropertyAccessExpression(callee)) return { name: callee.name.text, receiver: callee.expression, nameNode: callee.name };
  return undefined;
}

/** The nearest function-like ancestor whose first parameter is the identifier `name`. */
export function paramOwner(node: ts.Node, name: string): ts.FunctionLikeDeclaration | undefined {
  for (let n: ts.Node | undefined = node.parent; n; n = n.parent) {
    if (ts.isFunctionDeclaration(n) || ts.isFunctionExpression(n) || ts.isArrowFunction(n) || ts.isMethodDeclaration(n)) {
      const first = n.parameters[0];
      if (first && ts.isIdentifier(first.name) && first.name.text === name) return n;
    }
  }
  return undefined;
}

/** Join a prefix and a route path the way routers do: one slash between, no trailing slash except the root. */
export function joinPath(prefix: string, path: string): string {
  const joined = `/${prefix}/${path}`.replace(/\/{2,}/g, '/');
  return joined.length > 1 ? joined.replace(/\/$/, '') : joined;
}

/** Normalise a route path to `:param` style: regex constraints (`:id{[0-9]+}`) dropped, OpenAPI `{id}` → `:id`. */
export function normalisePath(path: string): string {
  return path.replace(/(:[A-Za-z_$][\w$]*)\{[^}]*\}/g, '$1').replace(/\{([A-Za-z_$][\w$]*)\}/g, ':$1');
}

const constants = new WeakMap<ts.SourceFile, Map<string, string>>();

/**
 * The value(s) of a path expression: literals, or same-file constants and templates of them
 * (`` `${API}/tickets` ``). The file's constants are collected once, only when a path is not a plain literal.
 */
export function pathValues(node: ts.Expression | undefined, sf: ts.SourceFile): string[] | undefined {
  if (!node) return undefined;
  const literal = stringOf(node);
  if (literal !== undefined) return [literal];
  let consts = constants.get(sf);
  if (!consts) constants.set(sf, (consts = collectStringConstants(sf)));
  return evalStrings(node, consts);
}

/** A single path value (see `pathValues`). */
export function pathValue(node: ts.Expression | undefined, sf: ts.SourceFile): string | undefined {
  const v = pathValues(node, sf);
  return v?.length === 1 ? v[0] : undefined;
}
