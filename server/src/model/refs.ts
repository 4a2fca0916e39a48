/**
 * ExprRef: how an expression that names a value (a middleware, a handler, a router) is written, kept as plain data
 * so that it can be resolved across files after the AST is gone.
 */
import { ts } from 'ts-morph';
import type { ExprRef, Span } from './types';

export interface RefContext {
  sf: ts.SourceFile;
  span(node: ts.Node): Span;
  functionId(node: ts.Node): string;
}

const MAX_TEXT = 160;

export function clip(text: string, max = MAX_TEXT): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > max ? flat.slice(0, max - 1) + '…' : flat;
}

/** Strip parentheses, `as`, `satisfies`, `!` and `await` wrappers that do not change which value is named. */
export function unwrap(node: ts.Expression): ts.Expression {
  let n = node;
  for (;;) {
    if (ts.isParenthesizedExpression(n) || ts.isAsExpression(n) || ts.isNonNullExpression(n)) n = n.expression;
    else if (ts.isSatisfiesExpression(n) || ts.isTypeAssertionExpression(n)) n = n.expression;
    else if (ts.isAwaitExpression(n)) n = n.expression;
    else return n;
  }
}

/** `a.b.c` → ['a','b','c']; undefined when the chain has calls or computed parts. */
export function memberPath(node: ts.Expression): string[] | undefined {
  const n = unwrap(node);
  if (ts.isIdentifier(n)) return [n.text];
  if (n.kind === ts.SyntaxKind.ThisKeyword) return ['this'];
  if (ts.isPropertyAccessExpression(n)) {
    const left = memberPath(n.expression);
    return left ? [...left, n.name.text] : undefined;
  }
  if (ts.isElementAccessExpression(n) && ts.isStringLiteralLike(n.argumentExpression)) {
    const left = memberPath(n.expression);
    return left ? [...left, n.argumentExpression.text] : undefined;
  }
  return undefined;
}

/** Literal-ish text of an object literal's properties (`{ windowMs: 60000, max: 10 }` → { windowMs: '60000', … }). */
export function objectOptions(node: ts.Expression, sf: ts.SourceFile): Record<string, string> | undefined {
  const n = unwrap(node);
  if (!ts.isObjectLiteralExpression(n)) return undefined;
  const out: Record<string, string> = {};
  for (const p of n.properties) {
    if (ts.isPropertyAssignment(p) || ts.isMethodDeclaration(p)) {
      const key = p.name && (ts.isIdentifier(p.name) || ts.isStringLiteralLike(p.name)) ? p.name.text : undefined;
      if (key) out[key] = clip(ts.isPropertyAssignment(p) ? p.initializer.getText(sf) : p.getText(sf));
    } else if (ts.isShorthandPropertyAssignment(p)) out[p.name.text] = p.name.text;
  }
  return out;
}

export function makeRef(node: ts.Expression, ctx: RefContext): ExprRef {
  const n = unwrap(node);
  const text = clip(n.getText(ctx.sf));
  const span = ctx.span(n);
  if (ts.isIdentifier(n)) return { kind: 'ident', name: n.text, text, span };
  if (ts.isArrowFunction(n) || ts.isFunctionExpression(n)) {
    return { kind: 'function', functionId: ctx.functionId(n), text, span };
  }
  const path = memberPath(n);
  if (path && path.length > 1) return { kind: 'member', object: path[0], path: path.slice(1), text, span };
  if (ts.isCallExpression(n)) {
    const first = n.arguments.find((a) => ts.isObjectLiteralExpression(unwrap(a)));
    return {
      kind: 'call',
      callee: makeRef(n.expression, ctx),
      args: n.arguments.map((a) => makeRef(a, ctx)),
      text,
      span,
      options: first ? objectOptions(first, ctx.sf) : undefined,
    };
  }
  if (ts.isNewExpression(n)) {
    return { kind: 'new', callee: makeRef(n.expression, ctx), args: (n.arguments ?? []).map((a) => makeRef(a, ctx)), text, span };
  }
  if (ts.isArrayLiteralExpression(n)) {
    return { kind: 'array', items: n.elements.filter((e) => !ts.isOmittedExpression(e)).map((e) => makeRef(e, ctx)), text, span };
  }
  return { kind: 'other', text, span };
}
