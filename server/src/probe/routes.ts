/**
 * The route inventory as the probe sees it: converted from the static model (`readiness scan`'s routes), and
 * classified into the groups the checks need (private, auth, AI, webhook, health).
 */
import type { Route } from '../model/types';
import type { ProbeRoute } from './types';

export function routesFromModel(routes: readonly Route[]): ProbeRoute[] {
  const name = (r: Route, kind: string) => r.protections.find((p) => p.kind === kind)?.name ?? null;
  const seen = new Set<string>();
  const out: ProbeRoute[] = [];
  for (const r of routes) {
    if (seen.has(r.key)) continue;
    seen.add(r.key);
    out.push({
      method: r.method,
      path: r.path,
      tags: [...r.tags],
      file: r.file,
      line: r.span.line,
      protections: { auth: name(r, 'auth'), rateLimit: name(r, 'rateLimit'), validation: name(r, 'validation'), roles: name(r, 'role') },
    });
  }
  return out;
}

/**
 * Routes a stranger must not be able to read. Deny-by-default (CONTRACT: auth-missing): every route is private
 * unless it is public on purpose, a health check, a webhook (signed, not logged in) or a login/signup route.
 */
export function isPrivate(r: ProbeRoute): boolean {
  if (r.tags.includes('public') || r.tags.includes('health') || r.tags.includes('webhook')) return false;
  return !(r.tags.includes('auth') && !r.protections?.auth);
}

export function isSafeMethod(r: ProbeRoute): boolean {
  return r.method === 'GET' || r.method === 'HEAD' || r.method === 'ALL';
}

export const hasTag = (tag: string) => (r: ProbeRoute) => r.tags.includes(tag);
