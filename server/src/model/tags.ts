/**
 * Route tags (ai, auth, webhook, admin, health, public, data) from the path and what the handler does.
 * OWNED BY the protections work item; this first version tags by path only.
 */
import type { LinkContext } from './adapter';
import type { Route, RouteTag } from './types';

export function tagRoute(_ctx: LinkContext, route: Omit<Route, 'tags'>): RouteTag[] {
  const tags: RouteTag[] = [];
  const p = route.path.toLowerCase();
  if (/\/(chat|ai|completions?|assistant|ask|conversations?\/[^/]+\/messages)(\/|$)/.test(p)) tags.push('ai');
  if (/\/(login|signin|sign-in|signup|sign-up|register|reset|forgot|token|auth)(\/|$)/.test(p)) tags.push('auth');
  if (/webhooks?/.test(p)) tags.push('webhook');
  if (/\/admin(\/|$)/.test(p)) tags.push('admin');
  if (/\/(health|healthz|ready|readyz|live|livez|status|ping)$/.test(p)) tags.push('health');
  return tags;
}
