/**
 * `auth-bypass`: request the inventory's private routes without credentials (GET, or HEAD for HEAD routes) and see
 * whether data comes back. A 2xx with a body fails; 401/403, a redirect to a login page or a 404 pass. Routes that
 * only accept unsafe methods are listed as not probed, because sending them is not this check's business.
 */
import { GateRefusal, errorCode } from '../gate';
import { check, concretePath, routeKey, worst, type ProbeContext } from '../context';
import { isPrivate, isSafeMethod } from '../routes';
import type { ProbeCheck, ProbeStatus, RouteResult } from '../types';

const MAX_ROUTES = 25;

function judge(status: number, body: string, location?: string): { status: ProbeStatus; note: string } {
  if (status >= 200 && status < 300) {
    if (body.trim().length) return { status: 'fail', note: `${status} with a ${body.length}-byte body without credentials` };
    return { status: 'warn', note: `${status} (empty body) without credentials` };
  }
  if (status === 401 || status === 403) return { status: 'pass', note: `${status} without credentials` };
  if (status >= 300 && status < 400) return { status: 'pass', note: `${status} redirect${location ? ` to ${location}` : ''}` };
  if (status === 404 || status === 405) return { status: 'pass', note: `${status}: not reachable at this path` };
  return { status: 'warn', note: `${status} without credentials` };
}

export async function authBypassCheck(ctx: ProbeContext): Promise<ProbeCheck> {
  const candidates = ctx.routes.filter(isPrivate);
  if (!ctx.routes.length) return check('auth-bypass', 'skip', 'no route inventory (use --routes-from DIR or open the workspace)');
  const probed = candidates.filter(isSafeMethod).slice(0, MAX_ROUTES);
  const notProbed = candidates.filter((r) => !isSafeMethod(r)).map(routeKey);
  if (!probed.length) return check('auth-bypass', 'skip', 'no private GET routes in the inventory', { notProbed });
  const routes: RouteResult[] = [];
  for (const r of probed) {
    const method = r.method === 'HEAD' ? 'HEAD' : 'GET';
    try {
      const res = await ctx.gate.send({ method, url: concretePath(r.path), purpose: 'auth-bypass', anonymous: true });
      routes.push({ route: routeKey(r), ...judge(res.status, res.body, res.headers.location) });
    } catch (e) {
      if (e instanceof GateRefusal) {
        notProbed.push(...probed.slice(routes.length).map((x) => `${routeKey(x)} (${e.message})`));
        break;
      }
      routes.push({ route: routeKey(r), status: 'error', note: errorCode(e) });
    }
  }
  const status = worst(routes.map((r) => r.status));
  const open = routes.filter((r) => r.status === 'fail');
  const summary = open.length
    ? `${open.length} private route(s) answer without credentials: ${open.slice(0, 3).map((r) => r.route).join(', ')}` +
      (open.length > 3 ? ` and ${open.length - 3} more` : '')
    : `${routes.length} private route(s) refuse anonymous requests${notProbed.some((n) => n.includes('budget')) ? '; budget spent before the rest' : ''}`;
  return check('auth-bypass', routes.length ? status : 'skip', routes.length ? summary : 'request budget spent before any route was probed', { routes, notProbed });
}
