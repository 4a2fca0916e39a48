/**
 * ratelimit-missing: chat/AI, auth, webhook and admin routes need a rate limit (any scope, including a gateway
 * limit declared in the config). AI chat routes limited only per IP get a warning: one customer behind a NAT can
 * starve the others, and a per-IP limit does not stop one user or one runaway conversation burning the budget.
 */
import { defineRule, type Finding, type Protection, type Route, type RouteTag, type RuleContext } from './api';
import { addRateLimitFix } from './fixes/add-rate-limit';
import { finish } from './fixes/common';
import { atMost, isAuthEntryPoint, isLogout, protectionsOf, relatedOf, whatItDoes } from './lib/routes';

const LIMITED: readonly RouteTag[] = ['ai', 'auth', 'webhook', 'admin'];

/** What an attacker (or a bug) does with the route when nothing limits it. */
function consequence(ctx: RuleContext, route: Route): string {
  if (route.tags.includes('ai')) {
    return whatItDoes(route, ctx.model.functions) === 'calls an LLM'
      ? 'calls an LLM and has no rate limit: one script can burn your model budget and slow every other customer'
      : 'is a chat endpoint without a rate limit: one script can scrape or churn conversations for every customer';
  }
  if (route.tags.includes('auth')) {
    return isAuthEntryPoint(route)
      ? 'is a login/sign-up/reset endpoint without a rate limit: passwords and reset codes can be brute-forced'
      : 'is an account endpoint without a rate limit: tokens and sessions can be tested in bulk';
  }
  if (route.tags.includes('webhook')) return 'receives webhooks without a rate limit: a flood of deliveries (forged or replayed) can take the API down';
  return 'is an admin endpoint without a rate limit: a stolen session can script mass changes unchecked';
}

/**
 * A limiter whose own declaration sets a key function (`keyGenerator:`), e.g. a Fastify route's `config.rateLimit`
 * whose keyedBy the model inherited from the plugin's per-IP default: not an IP-only limit.
 */
function ownKey(ctx: RuleContext, p: Protection): boolean {
  return /\bkeyGenerator\s*:/.test(ctx.slice(p.declaredAt.file, p.declaredAt.span));
}

/** Fastify: the route's own options set `config.rateLimit` with a `keyGenerator` (overriding a global per-IP limit). */
function routeKeyedLimit(ctx: RuleContext, route: Route): boolean {
  const obj = route.anchors?.optionsObject;
  return !!obj && /\brateLimit\s*:\s*\{[^]*\bkeyGenerator\s*:/.test(ctx.slice(route.file, { ...route.span, start: obj.start, end: obj.end }));
}

/**
 * Why the route needs a limit, or undefined. Chat routes count when they call the model (reading or deleting a
 * conversation spends no budget); a logout cannot be abused in bulk; the NextAuth catch-all is the library's own
 * handler (its OAuth flows are not password endpoints).
 */
function needsLimit(ctx: RuleContext, route: Route): boolean {
  if (route.method === 'OPTIONS') return false;
  const reasons = route.tags.filter((t) => LIMITED.includes(t)).filter((t) => {
    if (t === 'ai') return whatItDoes(route, ctx.model.functions) === 'calls an LLM';
    if (t === 'auth') return !isLogout(route) && !/\/auth\/\*[^/]*$/.test(route.path);
    return true;
  });
  return reasons.length > 0;
}

function check(ctx: RuleContext, route: Route): Finding | undefined {
  if (!needsLimit(ctx, route)) return undefined;
  const limits = protectionsOf(route, ['rateLimit']);
  const base = { file: route.file, span: route.span, route: route.key, key: `${route.key} ${route.file}`, related: relatedOf(route) };
  if (!limits.length) {
    const fix = addRateLimitFix(ctx, route);
    return ctx.finding({ ...base, message: `${route.key} ${consequence(ctx, route)}.`, fixes: fix ? [finish(ctx, fix)] : [] });
  }
  const ipOnly = route.tags.includes('ai') && limits.every((p) => p.keyedBy === 'ip' && !ownKey(ctx, p)) && !routeKeyedLimit(ctx, route);
  if (!ipOnly) return undefined;
  const fix = addRateLimitFix(ctx, route);
  return ctx.finding({
    ...base,
    severity: atMost(ctx.severity, 'warning'),
    message: `${route.key} ${whatItDoes(route, ctx.model.functions)} and is rate-limited only per IP (${limits.map((p) => p.name).join(', ')}): add per-user/token and per-conversation limits so one customer or one runaway conversation cannot spend the budget.`,
    fixes: fix ? [finish(ctx, fix)] : [],
    related: [
      ...(base.related ?? []),
      ...limits.map((p) => ({ message: `${p.name} is keyed by the client IP`, file: p.declaredAt.file, span: p.declaredAt.span })),
    ],
  });
}

export const ratelimitMissing = defineRule({
  meta: {
    id: 'ratelimit-missing',
    check: 'ratelimit',
    title: 'Route without a rate limit',
    description: 'A chat/AI, auth, webhook or admin route has no rate limit.',
    defaultSeverity: 'error',
    docs: 'rules/docs/ratelimit-missing.md',
    fixable: true,
  },
  detect: (ctx) => ctx.routes.flatMap((route) => check(ctx, route) ?? []),
});
