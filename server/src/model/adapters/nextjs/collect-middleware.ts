/**
 * The middleware file's routing facts: `config.matcher`, Clerk `createRouteMatcher` conditions, and `if` statements
 * that gate the auth check on `pathname.startsWith('/x')` — each narrows which routes the middleware's auth guards.
 */
import { ts } from 'ts-morph';
import type { ExtractContext } from '../../adapter';
import { memberPath, unwrap } from '../../refs';
import type { NextFacts, NextMatcher } from './facts';

/** `export const config = { matcher }`, Clerk's `createRouteMatcher([...])` uses and whether `protect()` is called. */
export function collectMiddlewareExtras(ctx: ExtractContext, facts: NextFacts): void {
  for (const stmt of ctx.sf.statements) {
    if (!ts.isVariableStatement(stmt)) continue;
    for (const decl of stmt.declarationList.declarations) {
      const init = decl.initializer && unwrap(decl.initializer);
      if (!ts.isIdentifier(decl.name) || !init) continue;
      if (decl.name.text === 'config' && ts.isObjectLiteralExpression(init)) readMatcher(ctx, init, facts);
    }
  }
  if (/\.protect\(|\bredirectToSignIn\(/.test(ctx.text)) facts.callsProtect = true;
  const routeMatchers = new Map<string, NextMatcher[]>();
  const visit = (node: ts.Node): void => {
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer) {
      const init = unwrap(node.initializer);
      if (ts.isCallExpression(init) && ts.isIdentifier(init.expression) && init.expression.text === 'createRouteMatcher' && init.arguments[0]) {
        const list = matcherList(ctx, unwrap(init.arguments[0]));
        if (list) routeMatchers.set(node.name.text, list);
      }
    }
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'authMiddleware') {
      readPublicRoutes(ctx, node, facts);
    }
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && routeMatchers.has(node.expression.text)) {
      const negated = ts.isPrefixUnaryExpression(node.parent) && node.parent.operator === ts.SyntaxKind.ExclamationToken;
      const key = negated ? 'protectExclude' : 'protectInclude';
      facts[key] = [...(facts[key] ?? []), ...routeMatchers.get(node.expression.text)!];
    }
    if (ts.isIfStatement(node)) readPathGate(ctx, node, gates);
    ts.forEachChild(node, visit);
  };
  const gates: Gates = { include: [], exclude: [], ungatedDeny: false };
  visit(ctx.sf);
  // An include gate narrows the auth only when every denying branch sits behind a path test.
  if (gates.include.length && !gates.ungatedDeny) facts.protectInclude = [...(facts.protectInclude ?? []), ...gates.include];
  if (gates.exclude.length) facts.protectExclude = [...(facts.protectExclude ?? []), ...gates.exclude];
}

interface Gates {
  include: NextMatcher[];
  exclude: NextMatcher[];
  /** Some branch denies the request with no path test on it or around it. */
  ungatedDeny: boolean;
}

/** Clerk's older `authMiddleware({ publicRoutes, ignoredRoutes })` protects every matched route except those. */
function readPublicRoutes(ctx: ExtractContext, call: ts.CallExpression, facts: NextFacts): void {
  const opts = call.arguments[0] && unwrap(call.arguments[0]);
  if (!opts || !ts.isObjectLiteralExpression(opts)) return;
  for (const p of opts.properties) {
    if (!ts.isPropertyAssignment(p) || !/^(publicRoutes|ignoredRoutes)$/.test(p.name.getText(ctx.sf))) continue;
    const list = matcherList(ctx, unwrap(p.initializer));
    if (list) facts.protectExclude = [...(facts.protectExclude ?? []), ...list];
  }
}

/** The then-branch ends the request as unauthenticated (401/403, a redirect to sign-in, Clerk's protect()). */
const DENIES = /\b40[13]\b|Unauthori[sz]ed|Forbidden|\.protect\(|redirectToSignIn|redirect\s*\([^;]*(log-?in|sign-?in|auth)/i;
/** The then-branch lets the request through untouched. */
const PASSES = /NextResponse\.next\(\)|^\{?\s*return\s*(;|\}|$)/;

/**
 * `if (pathname.startsWith('/admin') && !token) return 401` guards only /admin; `if (pathname.startsWith('/api/public'))
 * return NextResponse.next()` exempts a prefix; negated tests swap the two.
 */
function readPathGate(ctx: ExtractContext, node: ts.IfStatement, gates: Gates): void {
  const then = node.thenStatement.getText(ctx.sf);
  const denies = DENIES.test(then);
  const passes = !denies && PASSES.test(then.trim());
  if (!denies && !passes) return;
  const tests = pathTests(ctx, node.expression);
  if (denies && !tests.length && !insidePathGate(ctx, node)) gates.ungatedDeny = true;
  for (const test of tests) (denies !== test.negated ? gates.include : gates.exclude).push(test.matcher);
}

/** The statement sits in the then-branch of an `if` that tests the pathname positively. */
function insidePathGate(ctx: ExtractContext, node: ts.Node): boolean {
  for (let n = node; n.parent && !ts.isFunctionLike(n.parent); n = n.parent) {
    const p = n.parent;
    if (ts.isIfStatement(p) && p.thenStatement === n && pathTests(ctx, p.expression).some((t) => !t.negated)) return true;
  }
  return false;
}

/** `pathname.startsWith('/x')` / `pathname === '/x'` tests in a condition (not inside nested functions). */
function pathTests(ctx: ExtractContext, cond: ts.Expression): { matcher: NextMatcher; negated: boolean }[] {
  const out: { matcher: NextMatcher; negated: boolean }[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isFunctionLike(n)) return;
    const negated = ts.isPrefixUnaryExpression(n.parent) && n.parent.operator === ts.SyntaxKind.ExclamationToken;
    if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && n.expression.name.text === 'startsWith') {
      const lit = n.arguments[0] && unwrap(n.arguments[0]);
      if (isPathname(n.expression.expression) && lit && ts.isStringLiteralLike(lit) && lit.text.startsWith('/')) {
        out.push({ matcher: { source: escapePattern(lit.text) + '(.*)', span: ctx.span(n) }, negated });
      }
    } else if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsEqualsEqualsToken) {
      const [a, b] = [unwrap(n.left), unwrap(n.right)];
      const lit = ts.isStringLiteralLike(b) && isPathname(a) ? b : ts.isStringLiteralLike(a) && isPathname(b) ? a : undefined;
      if (lit?.text.startsWith('/')) out.push({ matcher: { source: escapePattern(lit.text), span: ctx.span(n) }, negated });
    }
    ts.forEachChild(n, visit);
  };
  visit(cond);
  return out;
}

function isPathname(e: ts.Expression): boolean {
  return memberPath(e)?.pop() === 'pathname';
}

/** A literal path as a matcher pattern (parentheses, colons and regex characters taken literally). */
function escapePattern(path: string): string {
  return path.replace(/[():*+?\\]/g, (c) => '\\' + c);
}

function readMatcher(ctx: ExtractContext, obj: ts.ObjectLiteralExpression, facts: NextFacts): void {
  for (const p of obj.properties) {
    if (!ts.isPropertyAssignment(p) || !p.name || p.name.getText(ctx.sf).replace(/['"]/g, '') !== 'matcher') continue;
    const list = matcherList(ctx, unwrap(p.initializer));
    if (list) facts.matcher = list;
    else facts.matcherUnreadable = ctx.span(p);
  }
}

/** A string, or an array of strings and `{ source, has?, missing? }` objects. */
function matcherList(ctx: ExtractContext, node: ts.Expression): NextMatcher[] | undefined {
  if (ts.isStringLiteralLike(node)) return [{ source: node.text, span: ctx.span(node) }];
  if (!ts.isArrayLiteralExpression(node)) return undefined;
  const out: NextMatcher[] = [];
  for (const el of node.elements.map(unwrap)) {
    if (ts.isStringLiteralLike(el)) out.push({ source: el.text, span: ctx.span(el) });
    else if (ts.isObjectLiteralExpression(el)) {
      let source: string | undefined;
      let conditional = false;
      for (const p of el.properties) {
        const key = p.name?.getText(ctx.sf).replace(/['"]/g, '');
        if (key === 'source' && ts.isPropertyAssignment(p) && ts.isStringLiteralLike(p.initializer)) source = p.initializer.text;
        if (key === 'has' || key === 'missing') conditional = true;
      }
      if (source === undefined) return undefined;
      out.push({ source, conditional: conditional || undefined, span: ctx.span(el) });
    } else return undefined;
  }
  return out;
}
