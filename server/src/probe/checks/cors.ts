/**
 * `cors`: send an arbitrary Origin and the `null` Origin (sandboxed iframes, file: pages) on a GET and on a
 * preflight, to the target page and a few API routes. Echoing either back with credentials lets any site read a
 * logged-in user's data: fail. Echoing without credentials is a warning (a reflected allow-list).
 */
import { randomBytes } from 'node:crypto';
import { GateRefusal, errorCode } from '../gate';
import { check, concretePath, pickHeaders, routeKey, worst, type ProbeContext } from '../context';
import type { ProbeCheck, ProbeStatus, RouteResult } from '../types';

interface Target {
  route: string;
  path: string;
}

function targets(ctx: ProbeContext): Target[] {
  const api = ctx.routes
    .filter((r) => ['GET', 'ALL'].includes(r.method) && !r.tags.includes('health'))
    .sort((a, b) => Number(b.tags.includes('data') || b.tags.includes('ai')) - Number(a.tags.includes('data') || a.tags.includes('ai')))
    .slice(0, 2)
    .map((r) => ({ route: routeKey(r), path: concretePath(r.path) }));
  const page = ctx.target.pathname + ctx.target.search;
  return [{ route: `GET ${ctx.target.pathname}`, path: page }, ...api.filter((t) => t.path !== page)];
}

function corsHeaders(origin: string, method: 'GET' | 'OPTIONS'): Record<string, string> {
  if (method === 'GET') return { origin };
  return { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' };
}

export function judgeCors(sent: string, headers: Record<string, string>): { status: ProbeStatus; note: string } {
  const allow = headers['access-control-allow-origin'];
  const creds = headers['access-control-allow-credentials']?.trim().toLowerCase() === 'true';
  if (allow === undefined) return { status: 'pass', note: 'no Access-Control-Allow-Origin' };
  if (allow.trim() === sent) {
    if (creds) return { status: 'fail', note: `echoes Origin ${sent} with credentials` };
    return { status: 'warn', note: `echoes Origin ${sent} (without credentials)` };
  }
  if (allow.trim() === '*') return creds ? { status: 'warn', note: '* with credentials (browsers refuse it; fix the config)' } : { status: 'pass', note: 'public (*), no credentials' };
  return { status: 'pass', note: `allows only ${allow}` };
}

export async function corsCheck(ctx: ProbeContext): Promise<ProbeCheck> {
  const origins = [`https://readiness-probe-${randomBytes(3).toString('hex')}.example`, 'null'];
  const routes: RouteResult[] = [];
  const exchanges: Record<string, unknown>[] = [];
  let refused: string | undefined;
  for (const t of targets(ctx)) {
    const statuses: ProbeStatus[] = [];
    const notes: string[] = [];
    for (const [origin, method] of origins.flatMap((o) => (['GET', 'OPTIONS'] as const).map((m) => [o, m] as const))) {
      try {
        const res = await ctx.gate.send({ method, url: t.path, purpose: 'cors', headers: corsHeaders(origin, method) });
        const verdict = judgeCors(origin, res.headers);
        statuses.push(verdict.status);
        if (verdict.status !== 'pass') notes.push(`${method} with Origin ${origin}: ${verdict.note}`);
        exchanges.push({ request: `${method} ${t.path}`, origin, status: res.status, headers: pickHeaders(res.headers, ['access-control-allow-origin', 'access-control-allow-credentials', 'access-control-allow-methods', 'vary']) });
      } catch (e) {
        if (e instanceof GateRefusal) {
          refused = e.message;
          break;
        }
        statuses.push('error');
        notes.push(`${method} with Origin ${origin}: ${errorCode(e)}`);
      }
    }
    // A partly probed route keeps what it showed (a reflected Origin is a finding even if the budget ran out).
    const partial = worst(statuses);
    if (statuses.length && !(refused && partial === 'pass')) routes.push({ route: t.route, status: partial, note: notes[0] ?? 'does not reflect foreign or null Origins' });
    if (refused) break;
  }
  const status = worst(routes.map((r) => r.status));
  if (status === 'skip') return check('cors', 'skip', `not checked: ${refused ?? 'no target'}`, { exchanges });
  const bad = routes.find((r) => r.status === status && status !== 'pass');
  const summary = bad ? `${bad.route}: ${bad.note}` : `no route reflects a foreign or null Origin (${routes.length} checked${refused ? `; then ${refused}` : ''})`;
  return check('cors', status, summary, { routes, exchanges });
}
