/**
 * Guards: branches that end the request early. `if (!user) return res.status(401).end()`, `if (x) throw new
 * ForbiddenException()`, Koa's `ctx.status = 401; return`, `user ? next() : res.sendStatus(403)`,
 * `ctx.assert(user, 401)`, and a `catch` that answers 401 after a failed `jwt.verify`.
 */
import { ts } from 'ts-morph';
import { unwrap } from '../refs';
import { errorStatus, type Exit, responseCall, responseNew, returnExit, statusOf } from './exits';
import type { ValueScope } from './values';

/** What one expression does when evaluated as a statement: respond, throw (`ctx.throw`), or `next(err)`. */
export function exprExit(scope: ValueScope, expr: ts.Expression, nextNames: ReadonlySet<string>): Exit | undefined {
  const n = unwrap(expr);
  if (ts.isVoidExpression(n)) return exprExit(scope, n.expression, nextNames);
  if (ts.isCallExpression(n)) {
    const callee = unwrap(n.expression);
    if (ts.isIdentifier(callee) && nextNames.has(callee.text)) {
      return n.arguments.length ? { exit: 'next', status: errorStatus(n.arguments[0]) } : undefined;
    }
    const r = responseCall(scope, n);
    return r && !r.headerOnly ? r : undefined;
  }
  if (ts.isNewExpression(n)) return responseNew(n);
  return undefined;
}

/** `ctx.status = 401` / `res.statusCode = 403`: the status a later bare `return` ends with. */
function statusAssignment(scope: ValueScope, expr: ts.Expression): number | undefined {
  const n = unwrap(expr);
  if (!ts.isBinaryExpression(n) || n.operatorToken.kind !== ts.SyntaxKind.EqualsToken) return undefined;
  const left = unwrap(n.left);
  if (!ts.isPropertyAccessExpression(left) || !/^(status|statusCode)$/.test(left.name.text)) return undefined;
  const owner = unwrap(left.expression);
  const role = ts.isIdentifier(owner) ? scope.vars.get(owner.text)?.role : undefined;
  return role === 'ctx' || role === 'res' ? statusOf(n.right) : undefined;
}

/** `ctx.body = x` on a Koa context: a response. */
export function isBodyAssignment(scope: ValueScope, expr: ts.Expression): ts.Expression | undefined {
  const n = unwrap(expr);
  if (!ts.isBinaryExpression(n) || n.operatorToken.kind !== ts.SyntaxKind.EqualsToken) return undefined;
  const left = unwrap(n.left);
  if (!ts.isPropertyAccessExpression(left) || left.name.text !== 'body') return undefined;
  let owner = unwrap(left.expression);
  if (ts.isPropertyAccessExpression(owner) && owner.name.text === 'response') owner = unwrap(owner.expression);
  return ts.isIdentifier(owner) && scope.vars.get(owner.text)?.role === 'ctx' ? n.right : undefined;
}

export function statusAssigned(scope: ValueScope, expr: ts.Expression): number | undefined {
  return statusAssignment(scope, expr);
}

/** How a statement (a branch) ends the request, if it does. */
export function branchExit(scope: ValueScope, stmt: ts.Statement, nextNames: ReadonlySet<string>): Exit | undefined {
  const statements = ts.isBlock(stmt) ? stmt.statements : [stmt];
  let pending: Exit | undefined;
  let status: number | undefined;
  for (const s of statements) {
    if (ts.isThrowStatement(s)) return { exit: 'throw', status: errorStatus(s.expression) ?? status };
    if (ts.isReturnStatement(s)) {
      const e = s.expression ? (returnExit(scope, s.expression, firstOf(nextNames)) ?? exprExit(scope, s.expression, nextNames)) : undefined;
      if (e) return { ...e, status: e.status ?? status ?? pending?.status };
      if (pending || status) return { exit: 'respond', status: pending?.status ?? status };
      return undefined;
    }
    if (ts.isExpressionStatement(s)) {
      const assigned = statusAssignment(scope, s.expression);
      if (assigned) status = assigned;
      if (isBodyAssignment(scope, s.expression)) pending = { exit: 'respond', status };
      const e = exprExit(scope, s.expression, nextNames);
      if (e && (e.exit === 'throw' || e.exit === 'next')) return { ...e, status: e.status ?? status };
      if (e) pending = { ...e, status: e.status ?? status };
    }
  }
  return pending;
}

function firstOf(set: ReadonlySet<string>): string | undefined {
  for (const v of set) return v;
  return undefined;
}

/** `cond ? next() : res.sendStatus(403)`, `cond && res.status(401).end()`, `ok || reply.code(401).send()`. */
export function expressionGuard(scope: ValueScope, expr: ts.Expression, nextNames: ReadonlySet<string>): { test: ts.Expression; exit: Exit } | undefined {
  const n = unwrap(expr);
  if (ts.isConditionalExpression(n)) {
    const exit = exprExit(scope, n.whenTrue, nextNames) ?? exprExit(scope, n.whenFalse, nextNames);
    const other = exprExit(scope, n.whenFalse, nextNames);
    // Both arms respond (`ok ? res.json(x) : res.status(403).end()`): the guard is the arm with an error status.
    const chosen = other && (other.status ?? 0) >= 400 ? other : exit;
    return chosen && (chosen.status === undefined || chosen.status >= 300) ? { test: n.condition, exit: chosen } : undefined;
  }
  if (ts.isBinaryExpression(n) && /^(&&|\|\|)$/.test(n.operatorToken.getText())) {
    const exit = exprExit(scope, n.right, nextNames);
    return exit ? { test: n.left, exit } : undefined;
  }
  return undefined;
}

/** `ctx.assert(user, 401, 'msg')` / `assert(user, 401)` (http-assert): a guard on the first argument. */
export function assertGuard(call: ts.CallExpression): { test: ts.Expression; exit: Exit } | undefined {
  const callee = unwrap(call.expression);
  const name = ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isIdentifier(callee) ? callee.text : '';
  if (name !== 'assert' || call.arguments.length < 2) return undefined;
  const status = statusOf(call.arguments[1]);
  return status ? { test: call.arguments[0], exit: { exit: 'throw', status } } : undefined;
}
