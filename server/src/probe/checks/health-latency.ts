/**
 * `health`: the inventory's health routes and the common health paths, asked with GET; one 2xx is enough.
 * `latency`: P50/P95 per route (nearest-rank over a small sample) against the seed's budgets: 500 ms for APIs,
 * 2 s for AI routes. AI routes that take POST are timed only with --allow-post.
 */
import { GateRefusal, errorCode } from '../gate';
import { check, concretePath, routeKey, type ProbeContext } from '../context';
import { hasTag, isSafeMethod } from '../routes';
import type { LatencyRow, ProbeCheck } from '../types';

export const COMMON_HEALTH_PATHS = ['/health', '/healthz', '/api/health', '/status', '/readyz', '/livez', '/ready', '/_health'];
export const BUDGET_MS = { api: 500, ai: 2000 } as const;

export async function healthCheck(ctx: ProbeContext): Promise<{ check: ProbeCheck; found?: string }> {
  const fromCode = ctx.routes.filter((r) => hasTag('health')(r) && isSafeMethod(r)).map((r) => concretePath(r.path));
  const paths = [...new Set([...fromCode, ...COMMON_HEALTH_PATHS])];
  const tried: Record<string, unknown>[] = [];
  for (const path of paths) {
    try {
      const res = await ctx.gate.send({ method: 'GET', url: path, purpose: 'health' });
      tried.push({ request: `GET ${path}`, status: res.status, ms: res.ms });
      if (res.status >= 200 && res.status < 300) {
        return { check: check('health', 'pass', `GET ${path} answers ${res.status} in ${res.ms} ms`, { tried, fromCode }), found: path };
      }
    } catch (e) {
      if (e instanceof GateRefusal) return { check: check('health', 'skip', `not finished: ${e.message}`, { tried, fromCode }) };
      tried.push({ request: `GET ${path}`, error: errorCode(e) });
    }
  }
  // Nothing answered at all (connection refused, timeouts): no verdict on health, the target is down or unreachable.
  if (tried.length && tried.every((t) => 'error' in t)) {
    return { check: check('health', 'error', `no health path could be reached (${String(tried[0].error)})`, { tried, fromCode }) };
  }
  const summary = fromCode.length ? `the health route(s) in code do not answer 2xx (${fromCode.join(', ')})` : `no health endpoint answers 2xx (tried ${tried.length} paths)`;
  return { check: check('health', 'fail', summary, { tried, fromCode }) };
}

/** Nearest-rank percentile: the smallest sample with at least p% of samples at or below it. */
export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

interface Timed {
  route: string;
  path: string;
  ai: boolean;
  post: boolean;
}

function timedRoutes(ctx: ProbeContext, healthPath?: string): Timed[] {
  const out: Timed[] = [{ route: `GET ${ctx.target.pathname}`, path: ctx.target.pathname + ctx.target.search, ai: false, post: false }];
  if (healthPath) out.push({ route: `GET ${healthPath}`, path: healthPath, ai: false, post: false });
  const api = ctx.routes.filter((r) => isSafeMethod(r) && !hasTag('ai')(r) && !hasTag('health')(r)).slice(0, 3);
  const ai = ctx.routes.filter((r) => hasTag('ai')(r) && (isSafeMethod(r) || (ctx.options.allowPost && r.method === 'POST'))).slice(0, 2);
  for (const r of [...api, ...ai]) out.push({ route: routeKey(r), path: concretePath(r.path), ai: hasTag('ai')(r), post: !isSafeMethod(r) });
  const seen = new Set<string>();
  return out.filter((t) => !seen.has(t.route) && seen.add(t.route));
}

export async function latencyCheck(ctx: ProbeContext, healthPath?: string): Promise<{ check: ProbeCheck; rows: LatencyRow[] }> {
  const rows: LatencyRow[] = [];
  const errors: string[] = [];
  for (const t of timedRoutes(ctx, healthPath)) {
    const ms: number[] = [];
    for (let i = 0; i < ctx.options.latencySamples; i++) {
      try {
        const res = await ctx.gate.send(t.post
          ? { method: 'POST', url: t.path, purpose: 'latency', headers: { 'content-type': 'application/json' }, body: '{"message":"Hello"}' }
          : { method: 'GET', url: t.path, purpose: 'latency' });
        ms.push(res.ms);
      } catch (e) {
        if (!(e instanceof GateRefusal)) errors.push(`${t.route}: ${errorCode(e)}`);
        break;
      }
    }
    if (ms.length) rows.push({ route: t.route, ai: t.ai, n: ms.length, p50Ms: percentile(ms, 50), p95Ms: percentile(ms, 95), budgetMs: t.ai ? BUDGET_MS.ai : BUDGET_MS.api });
  }
  if (!rows.length) return { check: check('latency', errors.length ? 'error' : 'skip', errors[0] ?? 'no request could be timed (budget spent)'), rows };
  const over = rows.filter((r) => r.p95Ms > r.budgetMs);
  const evidence = { rows, errors, samplesPerRoute: ctx.options.latencySamples };
  if (over.length) return { check: check('latency', 'fail', over.map((r) => `${r.route}: P95 ${r.p95Ms} ms > ${r.budgetMs} ms`).join('; '), evidence), rows };
  const slowest = rows.reduce((a, b) => (b.p95Ms / b.budgetMs > a.p95Ms / a.budgetMs ? b : a));
  return { check: check('latency', 'pass', `${rows.length} route(s) within budget; slowest ${slowest.route} P95 ${slowest.p95Ms} ms (n=${slowest.n})`, evidence), rows };
}
