/**
 * Pure route helpers shared by the spine rules (auth-missing, ratelimit-missing): which protections a route has,
 * which routes are exempt from authentication on purpose, and plain-English descriptions of what a route does so
 * that messages say why the gap matters.
 */
import type { Finding, FunctionFacts, HttpMethod, Protection, ProtectionKind, Route, Severity } from '../api';

/** Protections of a kind, from any scope (app, router, mount, controller, route, handler, middleware file, config). */
export function protectionsOf(route: Route, kinds: readonly ProtectionKind[]): Protection[] {
  return route.protections.filter((p) => kinds.includes(p.kind));
}

/**
 * Auth entry points are the ways in (log in, sign up, reset a password, refresh a token, finish an OAuth flow):
 * they cannot require a session. Other `/auth/*` routes (`/auth/me`, `/auth/logout-all`) still need one, so the
 * `auth` tag alone is not enough.
 */
const ENTRY_POINT =
  /\/(log-?in|sign-?in|sign-?up|(?:password|pwd)[-_/]?(?:reset|forgot)|(?:reset|forgot)[-_]?password|magic-?link|verify-?email|passwordless)(\/:?[^/]*)?$/i;
/** Generic words (`reset`, `token`) only count right under an auth-looking segment: `/conversations/:id/reset` is not a way in. */
const UNDER_AUTH = /\/(auth|oauth2?|sso|session|sessions|account|password)\/(reset|forgot|token|refresh|refresh-token|token\/refresh|callback)(\/[^/]*)?$/i;
/** `register` is a way in only for accounts: `/api/register`, `/auth/register`, not `/api/devices/register`. */
const REGISTER = /^(\/(api|v\d+))*(\/(auth|users?|accounts?))?\/register(\/:?[^/]*)?$/i;
/** OAuth/SSO callbacks: `/api/auth/callback/google`, `/oauth/google/callback`. */
const CALLBACK = /\/(auth|oauth2?|sso)\/[^/]+\/callback$/i;
/** The NextAuth/Auth.js catch-all handler (`app/api/auth/[...nextauth]/route.ts` → `/api/auth/*nextauth`). */
const AUTH_CATCH_ALL = /\/auth\/\*[^/]*$/i;

export function isAuthEntryPoint(route: Route): boolean {
  return ENTRY_POINT.test(route.path) || REGISTER.test(route.path) || UNDER_AUTH.test(route.path) || CALLBACK.test(route.path) || AUTH_CATCH_ALL.test(route.path);
}

/** Logging out ends the caller's own session; `logout-all` and session revocation still need authentication. */
export function isLogout(route: Route): boolean {
  return /\/(log-?out|sign-?out)$/i.test(route.path);
}

const STATE_CHANGING: readonly HttpMethod[] = ['POST', 'PUT', 'PATCH', 'DELETE', 'ALL'];

export function changesState(route: Route): boolean {
  return STATE_CHANGING.includes(route.method);
}

/** Liveness paths the path tagger may not know (`/up` is the Rails/Kamal convention). */
const HEALTH = /^(\/api)?\/(up|heartbeat|healthcheck|_health|alive)$/i;

/** Files crawlers and protocols fetch anonymously: discovery documents, JWKS, robots, favicons, sitemaps. */
const WELL_KNOWN = /(^|\/)(\.well-known\/.*|robots\.txt|favicon\.ico|sitemap\.xml)$/i;

/** Why a route may be reachable without authentication, or undefined when it must be authenticated. */
export function authExemption(route: Route): string | undefined {
  if (route.method === 'OPTIONS') return 'CORS preflight';
  if (route.tags.includes('health') || ((route.method === 'GET' || route.method === 'HEAD') && HEALTH.test(route.path))) return 'health check';
  if (route.tags.includes('public')) return 'declared public';
  if (route.tags.includes('webhook')) return 'webhook (authenticated by signature)';
  if (isAuthEntryPoint(route)) return 'auth entry point';
  if (isLogout(route)) return 'logout';
  if ((route.method === 'GET' || route.method === 'HEAD') && WELL_KNOWN.test(route.path)) return 'public by protocol';
  // A `/public/` segment states intent; it does not cover routes seen touching customer data, the model or admin.
  if (/\/public(\/|$)/i.test(route.path) && !route.tags.some((t) => t === 'data' || t === 'ai' || t === 'admin')) return 'public by name';
  return undefined;
}

/** Whether the route is sensitive enough that a missing guard is an error rather than a warning. */
export function isSensitive(route: Route): boolean {
  return route.tags.some((t) => t === 'ai' || t === 'data' || t === 'admin') || changesState(route);
}

const RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

/** The lower of two severities: a configured `info` never becomes a `warning`. */
export function atMost(configured: Severity, cap: Severity): Severity {
  return RANK[configured] <= RANK[cap] ? configured : cap;
}

/** Whether the route's handler (or its route middleware) visibly uses an LLM's output. */
export function callsLlm(route: Route, functions: Record<string, FunctionFacts>): boolean | undefined {
  const ids = [route.handlerId, ...route.middlewareIds].filter((id): id is string => !!id);
  const fns = ids.map((id) => functions[id]).filter(Boolean);
  if (!fns.length) return undefined;
  const llm = (v?: { sources: readonly string[] }) => !!v?.sources.includes('llm');
  return fns.some((f) => f.assignments.some((a) => llm(a.value)) || f.returns.some(llm) || f.responses.some((r) => llm(r.body)) || f.calls.some((c) => c.args.some(llm)));
}

/** What the route does, as a verb phrase for messages ("calls an LLM"), or undefined for a plain GET. */
export function whatItDoes(route: Route, functions: Record<string, FunctionFacts> = {}): string | undefined {
  if (route.tags.includes('ai')) {
    // Sending to a chat route calls the model (maybe through a service the IR does not show); reading or deleting
    // a conversation does not, unless the handler visibly uses an LLM's output.
    const sends = ['POST', 'PUT', 'PATCH', 'ALL'].includes(route.method);
    return sends || callsLlm(route, functions) ? 'calls an LLM' : 'is a chat endpoint';
  }
  if (route.tags.includes('admin')) return 'is an admin endpoint';
  if (route.tags.includes('data')) return route.method === 'GET' || route.method === 'HEAD' ? 'returns customer data' : 'changes customer data';
  if (route.tags.includes('webhook')) return 'receives webhooks';
  if (route.tags.includes('auth')) return isAuthEntryPoint(route) ? 'is a login/sign-up/reset endpoint' : 'is an account endpoint';
  return changesState(route) ? 'changes server state' : undefined;
}

/** Related information: the mounts, controller prefixes and middleware files that shaped the route. */
export function relatedOf(route: Route): Finding['related'] {
  if (!route.via.length) return undefined;
  return route.via.map((v) => ({ message: v.message, file: v.location.file, span: v.location.span }));
}

/**
 * The project's most common code-level protection of some kinds for the route's framework, preferring one already
 * used in the same file. Declared (gateway) controls and handler-body checks cannot be reused as middleware.
 */
export function commonGuard(
  guards: readonly { protection: Protection; uses: number; framework?: string }[],
  kinds: readonly ProtectionKind[],
  route: Route,
  accept: (p: Protection) => boolean = () => true,
): Protection | undefined {
  // Only the route's own framework: an Express middleware is no Nest guard, and a Koa one has another signature.
  const usable = guards.filter(
    (g) =>
      kinds.includes(g.protection.kind) &&
      g.protection.via !== 'declared' &&
      g.protection.scope !== 'handler' &&
      (!g.framework || g.framework === route.framework) &&
      accept(g.protection),
  );
  const score = (g: (typeof usable)[number]) => (g.protection.declaredAt.file === route.file ? 1_000_000 : 0) + g.uses;
  return [...usable].sort((a, b) => score(b) - score(a))[0]?.protection;
}
