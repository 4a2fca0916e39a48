/**
 * Request shapes of the six frameworks: which parameter of a function is the request, the response, Koa/Hono's
 * context, `next` or an error, and which Source a property path or method call on them yields. One vocabulary serves
 * Express, Next.js (pages and app router `Request`), Fastify, Koa, Hono and Nest, because their accessors rarely
 * collide (`req.body` vs `ctx.request.body` vs `c.req.json()`).
 */
import { ts } from 'ts-morph';
import { AUTH_HEADERS, CREDENTIAL_URL_ENV, PUBLIC_ENV, SECRET_ENV } from '../catalogue';
import type { Source } from '../types';

/** What a local name stands for: a request-ish object (with the path read so far) or a tainted value. */
export type Role = 'req' | 'res' | 'ctx' | 'next' | 'env' | 'nextHeaders' | 'nextCookies';

export interface Val {
  sources: Set<Source>;
  names: string[];
  role?: Role;
  path?: string[];
}

export const emptyVal = (): Val => ({ sources: new Set(), names: [] });

const REQ_NAMES = /^(req|request|_req|incomingRequest|httpRequest)$/;
const RES_NAMES = /^(res|response|reply|rep|_res|httpResponse)$/;
const CTX_NAMES = /^(ctx|context|c)$/;
const NEXT_NAMES = /^(next|_next|done)$/;
const ERR_NAMES = /^(err|error|e|ex|exception)$/;
const REQ_TYPES = /\b(Request|NextRequest|NextApiRequest|FastifyRequest|IncomingMessage|ExpressRequest)\b/;
const RES_TYPES = /\b(Response|NextApiResponse|FastifyReply|ServerResponse|ExpressResponse)\b/;
const CTX_TYPES = /\b(Context|ParameterizedContext|RouterContext|KoaContext)\b/;

export type ParamRole = Role | 'err';

/** Roles of a function's parameters by name, declared type and position (Express's 4-argument error handler). */
export function paramRoles(params: readonly ts.ParameterDeclaration[], sf: ts.SourceFile): (ParamRole | undefined)[] {
  const roles = params.map((p): ParamRole | undefined => {
    const type = p.type?.getText(sf) ?? '';
    const name = ts.isIdentifier(p.name) ? p.name.text : '';
    if (/NextFunction/.test(type) || NEXT_NAMES.test(name)) return 'next';
    if (REQ_TYPES.test(type)) return 'req';
    if (RES_TYPES.test(type)) return 'res';
    if (CTX_TYPES.test(type)) return 'ctx';
    if (REQ_NAMES.test(name)) return 'req';
    if (RES_NAMES.test(name)) return 'res';
    if (CTX_NAMES.test(name)) return 'ctx';
    return undefined;
  });
  if (params.length === 4 && roles[3] === 'next') return ['err', roles[1] ?? 'req', roles[2] ?? 'res', 'next'];
  if (roles[0] === undefined && params[0] && ts.isIdentifier(params[0].name) && ERR_NAMES.test(params[0].name.text)) roles[0] = 'err';
  // `(request, { params })` / `(req, context)` in Next.js route handlers: the second argument holds route params.
  if (roles[0] === 'req' && params[1] && !roles[1] && !ts.isIdentifier(params[1].name)) roles[1] = 'ctx';
  // Positional fallback: `(a, b, next)` is (req, res, next).
  if (roles[2] === 'next') {
    roles[0] ??= 'req';
    roles[1] ??= 'res';
  }
  return roles;
}

const lower = (s: string) => s.toLowerCase();

/** Sources of reading `path` on a request (`req.body.email` → ['body','email']). */
function reqPath(path: string[]): Source[] {
  const [a, b, c] = path.map(lower);
  if (a === undefined) return [];
  if (a === 'body') return b === undefined ? ['body', 'bodyWhole'] : ['body'];
  if (a === 'params') return ['params'];
  if (a === 'query' || a === 'searchparams') return ['query'];
  if (a === 'nexturl' && b === 'searchparams') return ['query'];
  if (a === 'headers' || a === 'header') return headerSources(b, b === undefined);
  if (a === 'cookies' || a === 'signedcookies') return ['cookie'];
  if (a === 'user' || a === 'auth' || a === 'session' || a === 'principal' || a === 'tenant' || a === 'claims') return ['identity'];
  if (a === 'rawbody') return ['rawBody'];
  if (a === 'file' || a === 'files') return ['body'];
  if (a === 'token' && c === undefined) return ['session'];
  return [];
}

export function headerSources(name: string | undefined, whole: boolean): Source[] {
  if (whole || name === undefined) return ['headers', 'headersWhole'];
  const n = lower(name);
  if (AUTH_HEADERS.test(n)) return ['authHeader'];
  if (n === 'cookie') return ['cookie'];
  return ['headers'];
}

/** Koa `ctx` and Next.js `context`: `ctx.params`, `ctx.request.body`, `ctx.state.user`, Hono `c.var.user`. */
function ctxPath(path: string[]): Source[] {
  const [a, b] = path.map(lower);
  if (a === undefined) return [];
  if (a === 'params') return ['params'];
  if (a === 'query' || a === 'querystring') return ['query'];
  // Koa `ctx.request.body`, Hono `c.req.path`, Next.js `getServerSideProps(context)`: `context.req.cookies`.
  if (a === 'request' || a === 'req') return reqPath(path.slice(1));
  if (a === 'headers' || a === 'header') return headerSources(b, b === undefined);
  if (a === 'state' || a === 'var') return b && /^(user|auth|jwt|jwtpayload|session|account|claims|principal|tenant|currentuser)$/.test(b) ? ['identity'] : [];
  if (a === 'session' || a === 'user') return ['identity'];
  if (a === 'cookies') return ['cookie'];
  return [];
}

function envPath(path: string[]): Source[] {
  const name = path[0];
  if (!name) return ['env'];
  if (CREDENTIAL_URL_ENV.test(name)) return ['secretEnv'];
  return !PUBLIC_ENV.test(name) && SECRET_ENV.test(name) ? ['secretEnv'] : ['env'];
}

/** Sources of reading `path` below a role (no call involved). */
export function pathSources(role: Role, path: string[]): Source[] {
  switch (role) {
    case 'req':
      return reqPath(path);
    case 'ctx':
      return ctxPath(path);
    case 'res':
      return lower(path[0] ?? '') === 'locals' && /^(user|auth|session|account|claims|tenant)$/.test(lower(path[1] ?? '')) ? ['identity'] : [];
    case 'env':
      return envPath(path);
    case 'nextHeaders':
      return headerSources(path[0], path.length === 0);
    case 'nextCookies':
      return ['cookie'];
    default:
      return [];
  }
}

/**
 * Sources of calling `method` on `path` below a role, with the first argument's literal text when there is one:
 * `request.json()`, `request.headers.get('authorization')`, `c.req.param('id')`, `ctx.get('authorization')`.
 * Undefined when the call is not a known accessor (its result then carries the receiver's and arguments' sources).
 */
export function callSources(role: Role, path: string[], method: string, arg?: string): Source[] | undefined {
  const p = path.map(lower);
  const m = method;
  const last = p[p.length - 1];
  if (role === 'nextHeaders' && p.length === 0 && m === 'get') return headerSources(arg, false);
  if (role === 'nextCookies' && p.length === 0) return ['cookie'];
  if (role === 'req' || (role === 'ctx' && (p[0] === 'req' || p[0] === 'request'))) {
    const q = role === 'ctx' ? p.slice(1) : p;
    const honoReq = role === 'ctx' && p[0] === 'req';
    if (q.length === 0) {
      if (m === 'json' || m === 'formData' || m === 'parseBody' || m === 'blob') return ['body', 'bodyWhole'];
      if (m === 'text' || m === 'arrayBuffer') return honoReq || role === 'req' ? ['rawBody'] : ['rawBody'];
      if (m === 'param') return ['params'];
      if (m === 'query' || m === 'queries') return ['query'];
      if (m === 'header' || m === 'get') return headerSources(arg, arg === undefined);
      if (m === 'valid') return ['validated'];
      if (m === 'jwtVerify' || m === 'isAuthenticated') return ['identity'];
      if (m === 'cookies') return ['cookie'];
    }
    if ((last === 'headers' || last === 'header') && (m === 'get' || m === 'has')) return headerSources(arg, false);
    if (last === 'cookies' && (m === 'get' || m === 'getAll' || m === 'has')) return ['cookie'];
    if (last === 'searchparams' && (m === 'get' || m === 'getAll' || m === 'has')) return ['query'];
    const fromPath = reqPath(q);
    if (fromPath.length) return fromPath.filter((s) => s !== 'bodyWhole' && s !== 'headersWhole');
    return undefined;
  }
  if (role === 'ctx') {
    if (p.length === 0 && m === 'get') {
      if (arg && /^(jwtpayload|user|session|auth|claims|tenant|account|currentuser)$/i.test(arg)) return ['identity'];
      return headerSources(arg, false);
    }
    if (last === 'cookies' && m === 'get') return ['cookie'];
    if (last === 'session' && m === 'get') return ['identity'];
    const fromPath = ctxPath(p);
    return fromPath.length ? fromPath.filter((s) => s !== 'bodyWhole' && s !== 'headersWhole') : undefined;
  }
  if (role === 'env' && p.length === 0 && m === 'get' && arg) return envPath([arg]);
  return undefined;
}

/** NestJS parameter decorators → the value the parameter holds. */
export function decoratorRole(decorators: readonly ts.Decorator[], sf: ts.SourceFile): { role?: Role; sources?: Source[]; names?: string[] } | undefined {
  for (const d of decorators) {
    const e = d.expression;
    const call = ts.isCallExpression(e) ? e : undefined;
    const name = (call ? call.expression : e).getText(sf);
    const first = call?.arguments[0];
    const arg = first && ts.isStringLiteralLike(first) ? first.text : undefined;
    const names = arg ? [arg.toLowerCase()] : [];
    if (name === 'Param') return { sources: ['params'], names };
    if (name === 'Query') return { sources: ['query'], names };
    if (name === 'Body') return { sources: arg ? ['body'] : ['body', 'bodyWhole'], names };
    if (name === 'Headers') return { sources: headerSources(arg, arg === undefined), names };
    if (name === 'Req' || name === 'Request') return { role: 'req' };
    if (name === 'Res' || name === 'Response') return { role: 'res' };
    if (name === 'Session') return { sources: ['identity'], names };
    if (/(User|Session|Tenant|Claims|Principal|Account|Member|Auth|Identity|Org|Organization|Caller)$/.test(name)) return { sources: ['identity'], names };
  }
  return undefined;
}
