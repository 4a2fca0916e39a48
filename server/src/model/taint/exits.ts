/**
 * How a function ends the request: response writes of every framework (`res.status(401).json()`, `reply.send()`,
 * `c.json(x, 401)`, `ctx.body =`, `Response.json()`, `new Response()`, `NextResponse.*`), thrown HTTP errors and
 * `next(err)`, each with the status it sends when the code says so. Guards are branches that end this way.
 */
import { ts } from 'ts-morph';
import { EXCEPTION_STATUS, STATUS_NAMES } from '../catalogue';
import { unwrap } from '../refs';
import type { GuardFact } from '../types';
import type { ValueScope } from './values';

export interface Exit {
  exit: GuardFact['exit'];
  status?: number;
  /** The response's body expression and headers, when the exit writes a response. */
  body?: ts.Expression;
  headers?: { name: string; value: ts.Expression }[];
}

const RES_TERMINAL = /^(json|send|end|sendStatus|jsonp|render|redirect|sendFile|download|unauthorized|forbidden|notFound|badRequest|tooManyRequests|internalServerError)$/;
const RES_HEADER = /^(setHeader|set|header|append|headers|writeHead|type)$/;
const HONO_TERMINAL = /^(json|text|body|html|redirect|newResponse|notFound)$/;
const WEB_RESPONSE = /^(Response|NextResponse)$/;

/** A numeric status from `401`, `HttpStatus.FORBIDDEN`, `StatusCodes.UNAUTHORIZED`. */
export function statusOf(node: ts.Expression | undefined): number | undefined {
  if (!node) return undefined;
  const n = unwrap(node);
  if (ts.isNumericLiteral(n)) {
    const v = Number(n.text);
    return v >= 100 && v < 600 ? v : undefined;
  }
  if (ts.isPropertyAccessExpression(n)) return STATUS_NAMES[n.name.text];
  return undefined;
}

/** `{ status: 401, headers: {...} }` of a Response init. */
function initOf(node: ts.Expression | undefined): { status?: number; headers: Exit['headers'] } {
  const n = node && unwrap(node);
  const out: { status?: number; headers: NonNullable<Exit['headers']> } = { headers: [] };
  if (!n || !ts.isObjectLiteralExpression(n)) return { status: statusOf(n), headers: [] };
  for (const p of n.properties) {
    if (!ts.isPropertyAssignment(p) || !p.name || !(ts.isIdentifier(p.name) || ts.isStringLiteralLike(p.name))) continue;
    if (p.name.text === 'status') out.status = statusOf(p.initializer);
    if (p.name.text === 'headers') out.headers.push(...headersOf(p.initializer));
  }
  return out;
}

/** Header names (lower-cased) and values from `{ 'X-Y': v }` or `new Headers({...})`. */
export function headersOf(node: ts.Expression): { name: string; value: ts.Expression }[] {
  let n = unwrap(node);
  if (ts.isNewExpression(n) && n.arguments?.[0]) n = unwrap(n.arguments[0]);
  if (!ts.isObjectLiteralExpression(n)) return [];
  const out: { name: string; value: ts.Expression }[] = [];
  for (const p of n.properties) {
    if (ts.isPropertyAssignment(p) && p.name && (ts.isIdentifier(p.name) || ts.isStringLiteralLike(p.name))) {
      out.push({ name: p.name.text.toLowerCase(), value: p.initializer });
    }
  }
  return out;
}

/** The calls of a chain, outermost first: `res.status(401).json(x)` → [json(x), status(401)], root `res`. */
function chain(call: ts.CallExpression): { segments: { name: string; call: ts.CallExpression }[]; root?: ts.Expression } {
  const segments: { name: string; call: ts.CallExpression }[] = [];
  let cur: ts.Expression = call;
  for (;;) {
    const u = unwrap(cur);
    if (!ts.isCallExpression(u)) return { segments, root: u };
    const callee = unwrap(u.expression);
    if (!ts.isPropertyAccessExpression(callee)) return { segments, root: callee };
    segments.push({ name: callee.name.text, call: u });
    cur = callee.expression;
  }
}

function roleOfRoot(scope: ValueScope, root: ts.Expression | undefined): string | undefined {
  if (!root) return undefined;
  const r = unwrap(root);
  if (ts.isIdentifier(r)) return scope.vars.get(r.text)?.role;
  if (ts.isPropertyAccessExpression(r) && ts.isIdentifier(r.expression)) {
    // `ctx.response.body`, `reply.raw`: treat members of a response as the response.
    const role = scope.vars.get(r.expression.text)?.role;
    return role === 'res' ? 'res' : undefined;
  }
  return undefined;
}

/** A response-writing call (or header-only write, with exit 'respond' and no body), or undefined. */
export function responseCall(scope: ValueScope, call: ts.CallExpression): (Exit & { headerOnly?: boolean }) | undefined {
  const { segments, root } = chain(call);
  const role = roleOfRoot(scope, root);
  const outer = segments[0];
  if (!outer) return undefined;
  if (role === 'res') return resResponse(segments);
  if (role === 'ctx' && segments.length >= 1) return ctxResponse(segments);
  if (root && ts.isIdentifier(unwrap(root)) && WEB_RESPONSE.test((unwrap(root) as ts.Identifier).text)) {
    const a = outer.call.arguments;
    if (outer.name === 'json') return { exit: 'respond', body: a[0], ...initOf(a[1]) };
    if (outer.name === 'redirect') return { exit: 'respond', status: statusOf(a[1]) ?? 307 };
    if (outer.name === 'error') return { exit: 'respond', status: 500 };
    return undefined;
  }
  if (outer.name === 'set' || outer.name === 'append') {
    const prev = segments[1];
    const owner = prev ? undefined : unwrap((unwrap(outer.call.expression) as ts.PropertyAccessExpression).expression);
    if (owner && ts.isPropertyAccessExpression(owner) && owner.name.text === 'headers') {
      const holder = rootRole(scope, owner.expression);
      const name = outer.call.arguments[0];
      if (holder !== 'req' && holder !== 'ctx' && name && ts.isStringLiteralLike(name) && outer.call.arguments[1]) {
        return { exit: 'respond', headerOnly: true, headers: [{ name: name.text.toLowerCase(), value: outer.call.arguments[1] }] };
      }
    }
  }
  return undefined;
}

function rootRole(scope: ValueScope, node: ts.Expression): string | undefined {
  let n = unwrap(node);
  while (ts.isPropertyAccessExpression(n) || ts.isCallExpression(n)) n = unwrap(n.expression);
  return ts.isIdentifier(n) ? scope.vars.get(n.text)?.role : undefined;
}

function headerArgs(call: ts.CallExpression): { name: string; value: ts.Expression }[] {
  const [a, b] = call.arguments;
  if (a && ts.isStringLiteralLike(a) && b) return [{ name: a.text.toLowerCase(), value: b }];
  if (a && ts.isObjectLiteralExpression(unwrap(a))) return headersOf(a);
  return [];
}

function resResponse(segments: { name: string; call: ts.CallExpression }[]): (Exit & { headerOnly?: boolean }) | undefined {
  const outer = segments[0];
  let status: number | undefined;
  const headers: { name: string; value: ts.Expression }[] = [];
  for (const s of segments) {
    if (/^(status|code|sendStatus)$/.test(s.name)) status ??= statusOf(s.call.arguments[0]);
    if (s.name === 'writeHead') {
      status ??= statusOf(s.call.arguments[0]);
      const h = s.call.arguments[1];
      if (h) headers.push(...headersOf(h));
    } else if (RES_HEADER.test(s.name) && s.name !== 'type') headers.push(...headerArgs(s.call));
  }
  if (RES_TERMINAL.test(outer.name)) {
    if (outer.name === 'redirect') status ??= statusOf(outer.call.arguments[0]) ?? 302;
    status ??= EXCEPTION_STATUS[outer.name];
    const body = /^(json|send|end|jsonp)$/.test(outer.name) ? outer.call.arguments[0] : undefined;
    return { exit: 'respond', status, body, headers: headers.length ? headers : undefined };
  }
  if (RES_HEADER.test(outer.name) && headers.length) return { exit: 'respond', headerOnly: true, headers };
  return undefined;
}

function ctxResponse(segments: { name: string; call: ts.CallExpression }[]): (Exit & { headerOnly?: boolean }) | undefined {
  const outer = segments[0];
  const a = outer.call.arguments;
  // Only direct calls on the context (`c.json(...)`, `ctx.throw(...)`), not `c.req.json()`.
  const callee = unwrap(outer.call.expression) as ts.PropertyAccessExpression;
  if (!ts.isIdentifier(unwrap(callee.expression))) return undefined;
  if (HONO_TERMINAL.test(outer.name)) {
    const status = outer.name === 'redirect' ? (statusOf(a[1]) ?? 302) : outer.name === 'notFound' ? 404 : statusOf(a[1]);
    const headers = a[2] ? headersOf(a[2]) : [];
    return { exit: 'respond', status, body: outer.name === 'redirect' ? undefined : a[0], headers: headers.length ? headers : undefined };
  }
  if (outer.name === 'throw') return { exit: 'throw', status: statusOf(a[0]) ?? 500 };
  if (outer.name === 'header' || outer.name === 'set' || outer.name === 'append') {
    const headers = headerArgs(outer.call);
    return headers.length ? { exit: 'respond', headerOnly: true, headers } : undefined;
  }
  return undefined;
}

/** `new Response(body, init)` / `new NextResponse(body, init)`. */
export function responseNew(node: ts.NewExpression): Exit | undefined {
  const callee = unwrap(node.expression);
  if (!ts.isIdentifier(callee) || !WEB_RESPONSE.test(callee.text)) return undefined;
  const a = node.arguments ?? [];
  const init = initOf(a[1]);
  return { exit: 'respond', body: a[0], status: init.status ?? 200, headers: init.headers?.length ? init.headers : undefined };
}

/** The status a thrown value or an error helper call carries (`new ForbiddenException()`, `createError(401)`). */
export function errorStatus(node: ts.Expression | undefined): number | undefined {
  if (!node) return undefined;
  const n = unwrap(node);
  if (!ts.isNewExpression(n) && !ts.isCallExpression(n)) return undefined;
  const callee = unwrap(n.expression);
  const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : '';
  if (EXCEPTION_STATUS[name] !== undefined) return EXCEPTION_STATUS[name];
  const args = n.arguments ?? [];
  if (/^(HttpException|HttpError)$/.test(name)) return statusOf(args[1]) ?? statusOf(args[0]);
  for (const a of args) {
    const s = statusOf(a);
    if (s && s >= 400) return s;
  }
  return undefined;
}

/** `return false` ends the request (with 403) only in a Nest guard's `canActivate`. */
function inCanActivate(node: ts.Node): boolean {
  let n: ts.Node | undefined = node.parent;
  while (n && !ts.isFunctionLike(n)) n = n.parent;
  return !!n && ts.isMethodDeclaration(n) && ts.isIdentifier(n.name) && n.name.text === 'canActivate';
}

/** What a `return <expr>` ends the request with, if anything. */
export function returnExit(scope: ValueScope, expr: ts.Expression | undefined, nextName?: string): Exit | undefined {
  if (!expr) return undefined;
  const n = unwrap(expr);
  if (n.kind === ts.SyntaxKind.FalseKeyword) return inCanActivate(n) ? { exit: 'return', status: 403 } : undefined;
  if (ts.isNewExpression(n)) return responseNew(n);
  if (!ts.isCallExpression(n)) return undefined;
  if (nextName && ts.isIdentifier(unwrap(n.expression)) && (unwrap(n.expression) as ts.Identifier).text === nextName) {
    return n.arguments.length ? { exit: 'next', status: errorStatus(n.arguments[0]) } : undefined;
  }
  const r = responseCall(scope, n);
  if (r && !r.headerOnly) return r;
  // `return unauthorized()` / `return forbidden(res)`: project helpers named after the status.
  const callee = unwrap(n.expression);
  const name = ts.isIdentifier(callee) ? callee.text : undefined;
  if (name && EXCEPTION_STATUS[name] !== undefined) return { exit: 'return', status: EXCEPTION_STATUS[name] };
  return undefined;
}
