/**
 * `rate-limit` (only with --allow-burst): a bounded burst (default 20 requests) to the inventory's auth and chat
 * routes. No 429 within the burst fails; a 429 without Retry-After or RateLimit headers warns (clients cannot back
 * off politely). The burst stops at the first 429 and never exceeds the request budget: the gate refuses the rest.
 * POST routes are burst only with --allow-post too, with an empty JSON object that a validator rejects cheaply.
 */
import { GateRefusal, errorCode } from '../gate';
import { check, concretePath, pickHeaders, routeKey, worst, type ProbeContext } from '../context';
import { hasTag, isSafeMethod } from '../routes';
import type { ProbeCheck, ProbeRoute, RouteResult } from '../types';

const MAX_ROUTES = 3;
const LIMIT_HEADERS = ['retry-after', 'ratelimit', 'ratelimit-policy', 'ratelimit-limit', 'ratelimit-remaining', 'x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset'];

interface BurstResult {
  sent: number;
  first429?: number;
  headers: Record<string, string>;
  error?: string;
  budgetSpent: boolean;
}

async function burst(ctx: ProbeContext, r: ProbeRoute, n: number): Promise<BurstResult> {
  const post = !isSafeMethod(r);
  const out: BurstResult = { sent: 0, headers: {}, budgetSpent: false };
  for (let i = 0; i < n; i++) {
    try {
      const res = await ctx.gate.send({
        method: post ? 'POST' : 'GET',
        url: concretePath(r.path),
        purpose: 'rate-limit',
        ...(post ? { body: '{}', headers: { 'content-type': 'application/json' } } : {}),
      });
      out.sent++;
      if (res.status === 429) {
        out.first429 = out.sent;
        out.headers = pickHeaders(res.headers, LIMIT_HEADERS);
        return out;
      }
    } catch (e) {
      if (e instanceof GateRefusal) out.budgetSpent = true;
      else out.error = errorCode(e);
      return out;
    }
  }
  return out;
}

function judge(route: string, b: BurstResult): RouteResult {
  if (b.first429 !== undefined) {
    if (!Object.keys(b.headers).length) return { route, status: 'warn', note: `429 after ${b.first429} requests, but no Retry-After or RateLimit headers` };
    return { route, status: 'pass', note: `429 after ${b.first429} requests (${Object.keys(b.headers).join(', ')})` };
  }
  if (b.error) return { route, status: 'error', note: `burst stopped after ${b.sent} requests: ${b.error}` };
  // A burst the budget cut short proves nothing: a limit above what was sent would not have shown.
  if (b.budgetSpent) return { route, status: 'skip', note: `request budget spent after ${b.sent} of the burst's requests` };
  return { route, status: 'fail', note: `no 429 after ${b.sent} requests` };
}

export async function rateLimitCheck(ctx: ProbeContext): Promise<ProbeCheck> {
  if (!ctx.options.allowBurst) return check('rate-limit', 'skip', 'bursts need --allow-burst');
  const candidates = ctx.routes.filter((r) => hasTag('auth')(r) || hasTag('ai')(r));
  if (!candidates.length) return check('rate-limit', 'skip', 'no auth or chat routes in the inventory (use --routes-from DIR)');
  const usable = candidates.filter((r) => isSafeMethod(r) || ctx.options.allowPost).slice(0, MAX_ROUTES);
  const notProbed = candidates.filter((r) => !usable.includes(r)).map((r) => `${routeKey(r)}${isSafeMethod(r) ? '' : ' (needs --allow-post)'}`);
  if (!usable.length) return check('rate-limit', 'skip', 'the auth and chat routes take POST: add --allow-post to burst them', { notProbed });
  const routes: RouteResult[] = [];
  const bursts: Record<string, unknown>[] = [];
  for (const r of usable) {
    const b = await burst(ctx, r, ctx.options.burst);
    routes.push(judge(routeKey(r), b));
    bursts.push({ route: routeKey(r), ...b });
  }
  const status = worst(routes.map((r) => r.status));
  const lead = routes.find((r) => r.status === status) ?? routes[0];
  return check('rate-limit', status, `${lead.route}: ${lead.note}`, { burst: ctx.options.burst, routes, bursts, notProbed });
}
