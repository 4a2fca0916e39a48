/**
 * auth-missing: deny by default. Every route needs an authentication protection (any scope: app, router, mount,
 * controller, route, handler-level check, Next.js middleware, or a control declared in the config) unless it is a
 * health check, declared public, an auth entry point (login, sign-up, reset, refresh, OAuth callback), a webhook
 * (authenticated by signature; webhook-unverified's business) or a CORS preflight.
 */
import { defineRule, type Finding, type Route, type RuleContext } from './api';
import { addAuthGuardFix } from './fixes/add-auth-guard';
import { finish } from './fixes/common';
import { atMost, authExemption, isSensitive, protectionsOf, relatedOf, whatItDoes } from './lib/routes';

/** "calls an LLM and " — empty for a plain GET, whose message then says only that it is open. */
function doing(ctx: RuleContext, route: Route): string {
  const what = whatItDoes(route, ctx.model.functions);
  return what ? `${what} and ` : '';
}

/** Why it matters, per kind of route: the consequence an attacker gets. */
function consequence(ctx: RuleContext, route: Route): string {
  if (route.tags.includes('ai')) {
    return whatItDoes(route, ctx.model.functions) === 'calls an LLM' ? 'anyone can spend your model budget and read what it answers' : 'anyone can read or change conversations';
  }
  if (route.tags.includes('admin')) return 'anyone on the internet can use it';
  if (route.tags.includes('data')) return route.method === 'GET' ? 'anyone can read it' : 'anyone can change it';
  return isSensitive(route) ? 'anyone on the internet can call it' : 'anyone on the internet can call it (add it to publicRoutes if that is intended)';
}

function check(ctx: RuleContext, route: Route): Finding | undefined {
  if (authExemption(route)) return undefined;
  // A role check implies an authenticated caller: it cannot pass without one.
  if (protectionsOf(route, ['auth', 'role']).length) return undefined;
  const severity = isSensitive(route) ? ctx.severity : atMost(ctx.severity, 'warning');
  const fix = addAuthGuardFix(ctx, route);
  return ctx.finding({
    severity,
    message: `${route.key} ${doing(ctx, route)}has no authentication: ${consequence(ctx, route)}.`,
    file: route.file,
    span: route.span,
    route: route.key,
    key: `${route.key} ${route.file}`,
    fixes: fix ? [finish(ctx, fix)] : [],
    related: relatedOf(route),
  });
}

export const authMissing = defineRule({
  meta: {
    id: 'auth-missing',
    check: 'auth',
    title: 'Sensitive route without authentication',
    description: 'A sensitive route is reachable without authentication, so anyone on the internet can call it.',
    defaultSeverity: 'error',
    docs: 'rules/docs/auth-missing.md',
    fixable: true,
  },
  detect: (ctx) => ctx.routes.flatMap((route) => check(ctx, route) ?? []),
});
