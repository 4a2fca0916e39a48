/**
 * Route tags: `ai`, `auth`, `webhook`, `admin`, `health`, `data` from the path and from what the handler does
 * (directly or through 1–2 levels of called project functions); `public` comes from the config in link.ts and
 * adapters may pre-set tags they know from syntax. Tags decide which rules care about a route.
 */
import type { LinkContext } from './adapter';
import { AI_SDK_CALLS, DB_WRITE, WEBHOOK_CALLS, WEBHOOK_HEADERS } from './catalogue';
import { fileOf, reachable } from './taint/calls';
import { isDbModule, isLlmModule } from './taint/file-env';
import { moduleOfRoot } from './taint/handler-protections';
import type { FunctionFacts, Route, RouteTag } from './types';

const AI_PATH = /\/(chat|ai|completions?|assistant|ask|agent|llm|prompt|generate|conversations?\/[^/]+\/messages)(\/|$)/;
const AUTH_PATH = /\/(login|logout|signin|sign-in|signout|sign-out|signup|sign-up|register|reset|reset-password|password-reset|forgot|forgot-password|password|token|refresh|auth|oauth|callback|session|sessions|verify-email|magic-link|otp|2fa|mfa)(\/|$)/;
const HEALTH_PATH = /\/(_?health|healthz|healthcheck|ready|readyz|readiness|live|livez|liveness|status|ping|heartbeat)$/;
/** `/up` (the Rails/Kamal convention) is a health check only at the top (or under /api, /v1): `/posts/:id/up` is a vote. */
const HEALTH_ROOT_PATH = /^(\/(api|v\d+))?\/up$/;
/** Database roots named plainly enough to tag `data` on a write call (`prisma.ticket.create`). */
const DB_ROOT = /^(prisma|db|knex|sql|pool|supabase|mongoose|sequelize|drizzle|tx|trx)$/;

export function tagRoute(ctx: LinkContext, route: Omit<Route, 'tags'>): RouteTag[] {
  const tags = new Set<RouteTag>();
  const p = route.path.toLowerCase();
  const handler = route.handlerId ? ctx.functions[route.handlerId] : undefined;
  // A chat-looking path alone says "AI" only for requests that could start a model call: reading or deleting chat
  // history (`GET /api/chat/conversations/:id`) is not one, and the handler's behaviour below still tags real calls.
  if (AI_PATH.test(p) && (!handler || !['GET', 'HEAD', 'DELETE', 'OPTIONS'].includes(route.method))) tags.add('ai');
  if (AUTH_PATH.test(p)) tags.add('auth');
  if (/webhooks?|\/hooks?\//.test(p)) tags.add('webhook');
  if (/\/admin(\/|$|-)/.test(p)) tags.add('admin');
  // A path with a parameter (`/tickets/:id/status`) is about one record, not the service's health.
  if ((HEALTH_PATH.test(p) && !/\/[:*]/.test(p)) || HEALTH_ROOT_PATH.test(p)) tags.add('health');
  if (route.protections.some((x) => x.kind === 'role' && x.roles?.some((r) => /admin|superuser|owner|staff/i.test(r)))) tags.add('admin');
  if (handler && route.method === 'GET' && p === '/' && isLivenessReply(handler)) tags.add('health');
  if (handler) {
    const fns = reachable(ctx, handler, 2);
    if (fns.some((f) => callsLlm(ctx, f))) tags.add('ai');
    if (fns.some((f) => touchesDb(ctx, f))) tags.add('data');
    if (fns.some(handlesWebhook)) tags.add('webhook');
  }
  return [...tags];
}

/**
 * `app.get('/', (c) => c.text('ok'))`: the root answering a constant 'ok' and doing nothing else is the liveness
 * check load balancers hit by default; a root page that reads anything or renders content is not.
 */
function isLivenessReply(fn: FunctionFacts): boolean {
  if (fn.reads.length || fn.guards.length || fn.responses.length !== 1) return false;
  if (!fn.calls.every((c) => /^(res|reply|c|ctx|response|Response)\.(send|json|text|status|code|sendStatus|end)$/.test(c.callee))) return false;
  const body = fn.responses[0].body;
  return !!body && !body.sources.length && /^(['"`](ok|up|alive|healthy)['"`]|\{\s*(ok|status|healthy)\s*:\s*(true|['"`](ok|up)['"`])\s*\})$/i.test(body.text.trim());
}

/** The function calls an LLM SDK: an `llm` value, or a call whose root comes from an LLM module. */
export function callsLlm(ctx: LinkContext, fn: FunctionFacts): boolean {
  if (fn.reads.includes('llm')) return true;
  const file = fileOf(fn);
  return fn.calls.some((c) => {
    const module = moduleOfRoot(ctx, file, c.root);
    if (!module || !isLlmModule(module)) return false;
    if (module === 'ai') return AI_SDK_CALLS.has(c.callee);
    // `openai('gpt-4o')` from @ai-sdk/openai only names a model; the call happens in generateText/streamText.
    return !module.startsWith('@ai-sdk/');
  });
}

/** The function reads or writes a database: a `dbRecord` value, a call through a DB module, or a write on a DB root. */
export function touchesDb(ctx: LinkContext, fn: FunctionFacts): boolean {
  if (fn.reads.includes('dbRecord')) return true;
  const file = fileOf(fn);
  return fn.calls.some((c) => {
    if (isDbModule(moduleOfRoot(ctx, file, c.root))) return true;
    const method = c.callee.split('.').pop() ?? '';
    const root = c.root === 'this' ? c.callee.split('.')[1] : c.root;
    return !!root && DB_ROOT.test(root) && DB_WRITE.test(method);
  });
}

/**
 * Fields only a Slack slash-command / interactivity delivery carries (`response_url`, `trigger_id`, `api_app_id`), and
 * the ones it shares with other payloads (`team_id`, `command`) that count only when read off a form-encoded body.
 */
const SLACK_ONLY_FIELD = /^(response_url|trigger_id|api_app_id)$/;
const SLACK_FORM_FIELD = /^['"`](team_id|command|response_url|trigger_id|api_app_id|payload)['"`]$/;

/**
 * A Slack slash command or interaction: Slack posts `application/x-www-form-urlencoded` bodies, so the handler reads
 * `new URLSearchParams(req.body).get('team_id')` (or `req.body.response_url`) even when it forgot the signature check —
 * the route is a webhook whose missing verification is webhook-unverified's finding, not a missing login.
 */
function readsSlackPayload(fn: FunctionFacts, names: string[]): boolean {
  if (names.some((n) => SLACK_ONLY_FIELD.test(n))) return true;
  const formFrom = new Set(fn.assignments.filter((a) => a.value.names.includes('body')).map((a) => a.name));
  return fn.calls.some((c) => /\.get$/.test(c.callee) && !!c.root && formFrom.has(c.root) && SLACK_FORM_FIELD.test(c.args[0]?.text ?? ''));
}

/** The function reads a webhook signature header, calls a signature verifier or reads a Slack command payload. */
export function handlesWebhook(fn: FunctionFacts): boolean {
  if (fn.calls.some((c) => WEBHOOK_CALLS.test(c.callee))) return true;
  const names = [
    ...fn.assignments.flatMap((a) => a.value.names),
    ...fn.calls.flatMap((c) => c.args.flatMap((a) => a.names)),
    ...fn.guards.flatMap((g) => g.names),
  ];
  return names.some((n) => WEBHOOK_HEADERS.test(n)) || readsSlackPayload(fn, [...names, ...fn.responses.flatMap((r) => r.body?.names ?? [])]);
}
