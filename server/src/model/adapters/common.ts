/**
 * Shared helpers for framework adapters: route path joining/normalisation, span arithmetic, static evaluation of
 * path expressions (literals, same-file constants) and the import map a collector uses to recognise a library's
 * factory calls. Any adapter may use these; they hold no framework knowledge.
 */
import { ts } from 'ts-morph';
import type { ExtractContext } from '../adapter';
import { unwrap } from '../refs';
import type { ExprRef, Span } from '../types';

/** A regex path is kept as its literal text (`/^\/ab+c/`); it is never joined segment-wise. */
export function isRegexPath(path: string): boolean {
  return path.length > 1 && path.startsWith('/') && /\/[dgimsuyv]*$/.test(path) && /[\\^$()[\]|+?]/.test(path);
}

/** Normalise one path: leading `/`, no duplicate or trailing slashes (except the root), `{id}` → `:id`. */
export function normalisePath(path: string): string {
  if (isRegexPath(path)) return path;
  let p = path.trim().replace(/\{([A-Za-z_$][\w$]*)\}/g, ':$1');
  if (!p.startsWith('/')) p = '/' + p;
  p = p.replace(/\/{2,}/g, '/');
  if (p.length > 1) p = p.replace(/\/+$/, '');
  return p || '/';
}

/** Join a mount prefix and a path (`/api` + `/` → `/api`, `/` + `/x` → `/x`). */
export function joinPaths(prefix: string, path: string): string {
  const a = prefix ? normalisePath(prefix) : '/';
  if (isRegexPath(path)) return a === '/' ? path : a + path;
  const b = normalisePath(path);
  if (a === '/') return b;
  if (b === '/') return a;
  return a + b;
}

/** True when `path` lies under `prefix` on a segment boundary (`/api` covers `/api` and `/api/x`, not `/apix`). */
export function pathUnder(prefix: string, path: string): boolean {
  const p = normalisePath(prefix);
  if (p === '/') return true;
  return path === p || path.startsWith(p + '/');
}

/** A span from the start of `a` to the end of `b`. */
export function spanFromTo(a: Span, b: Span): Span {
  return { start: a.start, line: a.line, column: a.column, end: b.end, endLine: b.endLine, endColumn: b.endColumn };
}

/** String constants of a file (`const API = '/api'`), for resolving paths written with a constant. */
export function collectStringConstants(sf: ts.SourceFile): Map<string, string> {
  const consts = new Map<string, string>();
  const visit = (node: ts.Node): void => {
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer && !consts.has(node.name.text)) {
      const flags = ts.getCombinedNodeFlags(node);
      const values = flags & ts.NodeFlags.Const ? evalStrings(node.initializer, consts) : undefined;
      if (values?.length === 1) consts.set(node.name.text, values[0]);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return consts;
}

/**
 * The string value(s) of a path expression: string/template literals, constants of the same file, `+` and
 * `${}` of those, arrays of paths, and regex literals (as their text). Undefined when it is dynamic.
 */
export function evalStrings(node: ts.Expression, consts: Map<string, string>): string[] | undefined {
  const n = unwrap(node);
  if (ts.isStringLiteralLike(n)) return [n.text];
  if (ts.isRegularExpressionLiteral(n)) return [n.text];
  if (ts.isIdentifier(n)) return consts.has(n.text) ? [consts.get(n.text)!] : undefined;
  if (ts.isArrayLiteralExpression(n)) {
    const out: string[] = [];
    for (const el of n.elements) {
      const v = ts.isExpression(el) ? evalStrings(el, consts) : undefined;
      if (!v) return undefined;
      out.push(...v);
    }
    return out;
  }
  if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    const l = evalStrings(n.left, consts);
    const r = evalStrings(n.right, consts);
    return l?.length === 1 && r?.length === 1 ? [l[0] + r[0]] : undefined;
  }
  if (ts.isTemplateExpression(n)) {
    let s = n.head.text;
    for (const part of n.templateSpans) {
      const v = evalStrings(part.expression, consts);
      if (v?.length !== 1) return undefined;
      s += v[0] + part.literal.text;
    }
    return [s];
  }
  return undefined;
}

/**
 * A route path as written: its static value, or for a template with unknown parts (`/api/${version}/x`) the
 * template with each unknown part as a parameter (`/api/:version/x`), since it matches any value there.
 */
export function pathStrings(node: ts.Expression, consts: Map<string, string>): string[] | undefined {
  const known = evalStrings(node, consts);
  if (known) return known;
  const n = unwrap(node);
  if (!ts.isTemplateExpression(n)) return undefined;
  let s = n.head.text;
  for (const part of n.templateSpans) {
    const v = evalStrings(part.expression, consts);
    const e = unwrap(part.expression);
    const name = ts.isIdentifier(e) ? e.text : ts.isPropertyAccessExpression(e) ? e.name.text : 'param';
    s += (v?.length === 1 ? v[0] : `:${name}`) + part.literal.text;
  }
  return [s];
}

/** True for expressions that can only be a path (string-valued), never a middleware: literals, templates, `+`. */
export function isStringish(node: ts.Expression): boolean {
  const n = unwrap(node);
  if (ts.isStringLiteralLike(n) || ts.isTemplateExpression(n) || ts.isRegularExpressionLiteral(n)) return true;
  if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.PlusToken) return isStringish(n.left) || isStringish(n.right);
  return false;
}

/** The string value of a ref recorded from a plain string literal (`'./routes'`), else undefined. */
export function literalOfRef(ref: ExprRef | undefined): string | undefined {
  if (!ref || ref.kind !== 'other') return undefined;
  const m = /^(['"`])([^'"`$]*)\1$/.exec(ref.text);
  return m ? m[2] : undefined;
}

/** Local name → where it was imported from (ESM or `require`), from the core facts. */
export function importMap(ctx: ExtractContext): Map<string, { spec: string; imported: string }> {
  const map = new Map<string, { spec: string; imported: string }>();
  for (const imp of ctx.core.imports) {
    if (imp.typeOnly) continue;
    for (const n of imp.names) map.set(n.local, { spec: imp.spec, imported: n.imported });
  }
  return map;
}
