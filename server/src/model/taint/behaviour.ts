/**
 * What a function does, judged from its IR alone: does it authenticate (reads a credential and ends the request with
 * 401/403 or a login redirect), check a role, enforce a rate limit (ends with 429), or validate input? Pure over
 * FunctionFacts; resolution across files (factories, helpers, libraries) lives in protections.ts.
 */
import { LIMITER_CALL, ROLE_NAMES } from '../catalogue';
import type { CallFact, FunctionFacts, GuardFact, Protection, Source } from '../types';

const AUTH_SOURCES: readonly Source[] = ['authHeader', 'cookie', 'session', 'identity'];
const CLIENT_SOURCES: readonly Source[] = ['params', 'query', 'body', 'bodyWhole', 'headers', 'headersWhole', 'rawBody'];
/** A 403 that compares identity with a record or client input is an ownership check (authz), not authentication. */
const OWNERSHIP_SOURCES: readonly Source[] = ['dbRecord', 'params', 'query', 'body', 'bodyWhole'];
const VALIDATOR_CALLEE = /(^|\.)(parse|parseAsync|safeParse|safeParseAsync|validate|validateAsync|validateSync|validateOrReject|cast|Check|Decode|Parse)$/;
const BARE_VALIDATORS = /^(validate|validateOrReject|validateSync|parse|safeParse|parseAsync|safeParseAsync)$/;
const NOT_VALIDATOR_ROOT = /^(JSON|Date|url|URL|qs|querystring|path|Number|console|parseInt|parseFloat)$/;

const hasAny = (list: readonly Source[], wanted: readonly Source[]) => list.some((s) => wanted.includes(s));
const isRedirect = (status?: number) => status !== undefined && status >= 300 && status < 400;

/** Checks that read a cookie or header and answer 403 without identifying anyone: CSRF tokens, captchas, origins. */
const NOT_AUTHENTICATION = /^(csrf|xsrf|_csrf|csrftoken|x-csrf-token|x-xsrf-token|captcha|recaptcha|hcaptcha|turnstile|origin|referer|referrer)$/;

export function isAuthGuard(g: GuardFact): boolean {
  if (g.names.some((n) => NOT_AUTHENTICATION.test(n))) return false;
  if (g.status === 401) return true;
  if (g.status !== 403 && !isRedirect(g.status)) return false;
  return hasAny(g.sources, AUTH_SOURCES) && !hasAny(g.sources, OWNERSHIP_SOURCES);
}

export function isRoleGuard(g: GuardFact): boolean {
  return (g.status === 403 || g.status === 401) && g.names.some((n) => ROLE_NAMES.has(n));
}

/** String literals of a guard's test: the roles/claims it requires (`user.role !== 'admin'` → admin). */
export function rolesIn(test: string): string[] {
  const out: string[] = [];
  for (const m of test.matchAll(/['"`]([\w:.\-/]{1,40})['"`]/g)) if (!out.includes(m[1])) out.push(m[1]);
  return out;
}

export interface Behaviour {
  auth?: GuardFact;
  /** Set when the auth check is a library call that rejects by itself (`request.jwtVerify()`). */
  authLibrary?: string;
  role?: { guard: GuardFact; roles: string[] };
  rateLimit?: { guard?: GuardFact; call?: CallFact; keyedBy: NonNullable<Protection['keyedBy']> };
  validation?: CallFact;
}

/** Behaviour of one function, from its own IR. */
export function behaviourOf(fn: FunctionFacts, strict = false): Behaviour {
  const out: Behaviour = {};
  const readsCredential = hasAny(fn.reads, AUTH_SOURCES);
  // Middleware (not strict): reading a credential anywhere and ending with 401/403 is enough. Handlers (strict):
  // the guard itself must test the credential, so that a 403 on someone else's record is not mistaken for auth.
  out.auth = fn.guards.find((g) => isAuthGuard(g) && (strict ? hasAny(g.sources, AUTH_SOURCES) || g.test === 'catch' : readsCredential));
  // `await request.jwtVerify()` (@fastify/jwt) answers 401 by itself when the token is bad.
  const selfVerifying = fn.calls.find((c) => /^(request|req)\.jwtVerify$/.test(c.callee));
  if (!out.auth && selfVerifying) {
    out.auth = { span: selfVerifying.span, test: selfVerifying.callee, sources: ['authHeader'], names: [], status: 401, exit: 'throw' };
    out.authLibrary = '@fastify/jwt';
  }
  const roleGuard = fn.guards.find(isRoleGuard);
  if (roleGuard) out.role = { guard: roleGuard, roles: rolesIn(roleGuard.test) };
  const limited = fn.guards.find((g) => g.status === 429);
  const limiterCall = fn.calls.find((c) => LIMITER_CALL.test(c.callee));
  if (limited) out.rateLimit = { guard: limited, call: limiterCall, keyedBy: keyedByNames(limiterCall ? argNames(limiterCall) : limited.names, limiterCall ? argSources(limiterCall) : limited.sources) };
  out.validation = fn.calls.find((c) => isValidatorCall(c));
  return out;
}

/**
 * A schema parse of client input. Reading already-validated input (`c.req.valid('json')`, `matchedData(req)`) is not
 * itself validation: the validator middleware that produced it is the protection.
 */
export function isValidatorCall(c: CallFact): boolean {
  // Bare calls only for names that are validators by convention (`validate(req.body)` from `ajv.compile`, valibot `parse`).
  const bare = c.callee.indexOf('.') < 0;
  if (!VALIDATOR_CALLEE.test(c.callee) || (bare && !BARE_VALIDATORS.test(c.callee))) return false;
  if (c.root && NOT_VALIDATOR_ROOT.test(c.root)) return false;
  return c.args.some((a) => hasAny(a.sources, CLIENT_SOURCES) || hasAny(a.spreads ?? [], CLIENT_SOURCES));
}

export function argNames(c: CallFact): string[] {
  return c.args.flatMap((a) => a.names);
}

export function argSources(c: CallFact): Source[] {
  return c.args.flatMap((a) => a.sources);
}

/** What a limiter is keyed by, from the names/sources of its key expression. */
export function keyedByNames(names: readonly string[], sources: readonly Source[] = []): NonNullable<Protection['keyedBy']> {
  const has = (re: RegExp) => names.some((n) => re.test(n));
  if (has(/^(conversation|conversationid|thread|threadid|chat|chatid|sessionid|room|roomid)$/)) return 'conversation';
  if (sources.includes('identity') || has(/^(user|userid|user_id|sub|uid|accountid|tenantid|orgid|organizationid|memberid)$/)) return 'user';
  if (sources.includes('authHeader') || has(/^(apikey|api_key|x-api-key|key|token|apitoken)$/)) return 'apiKey';
  if (has(/^(ip|ips|x-forwarded-for|remoteaddress|x-real-ip|cf-connecting-ip|socket)$/)) return 'ip';
  return names.length ? 'custom' : 'unknown';
}

/** keyGenerator / identifier option text of a limiter (`(req) => req.user.id`) → what it keys by. */
export function keyedByText(text: string | undefined, fallback: NonNullable<Protection['keyedBy']>): NonNullable<Protection['keyedBy']> {
  if (!text) return fallback;
  const words = text.toLowerCase().match(/[a-z_][\w-]*/g) ?? [];
  const k = keyedByNames(words);
  return k === 'custom' || k === 'unknown' ? 'custom' : k;
}
