/**
 * The two checks that send POSTs, and so run only with --allow-post:
 * - `webhook-signature`: an unsigned and a stale-timestamp delivery to each webhook route must be rejected (4xx);
 * - `error-handling`: a malformed JSON body must get a 4xx without a stack trace or internal details.
 */
import { GateRefusal, errorCode } from '../gate';
import { check, concretePath, routeKey, worst, type ProbeContext } from '../context';
import { hasTag, isSafeMethod } from '../routes';
import type { ProbeCheck, ProbeRoute, ProbeStatus, RouteResult } from '../types';

/** Signs of a leaked internal: stack frames, source paths, dependency paths, ORM/SQL and Python traces. */
const LEAKS: { name: string; re: RegExp }[] = [
  { name: 'stack trace', re: /\bat (?:[\w$.<>\[\] ]+ )?\(?(?:file:\/\/)?[\w./\\:-]+:\d+:\d+\)?/ },
  { name: 'node_modules path', re: /node_modules[\\/]/ },
  { name: 'server file path', re: /(?:^|[\s"'(])\/(?:home|usr|var|app|srv|opt|root|workspace)\/[\w.-]+\// },
  { name: 'Python traceback', re: /Traceback \(most recent call last\)/ },
  { name: 'database error', re: /\b(?:PrismaClient\w*Error|SequelizeDatabaseError|QueryFailedError|SQLSTATE|syntax error at or near)\b/ },
];

export function findLeaks(body: string): string[] {
  return LEAKS.filter((l) => l.re.test(body)).map((l) => l.name);
}

function stale(): Record<string, string> {
  const old = Math.floor(Date.now() / 1000) - 86_400;
  const zeros = '0'.repeat(64);
  return {
    'content-type': 'application/json',
    'stripe-signature': `t=${old},v1=${zeros}`,
    'x-hub-signature-256': `sha256=${zeros}`,
    'svix-id': 'msg_readiness_probe',
    'svix-timestamp': String(old),
    'svix-signature': 'v1,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=',
    'webhook-timestamp': String(old),
    'x-slack-request-timestamp': String(old),
    'x-slack-signature': `v0=${zeros}`,
  };
}

function judgeWebhook(status: number): ProbeStatus {
  if (status >= 200 && status < 300) return 'fail';
  if (status >= 500) return 'warn';
  return 'pass';
}

/** The unsigned and the stale-signed delivery to one webhook route; `refused` when the gate stopped them. */
async function deliver(ctx: ProbeContext, r: ProbeRoute, body: string, deliveries: Record<string, unknown>[]): Promise<RouteResult & { refused?: string }> {
  const statuses: ProbeStatus[] = [];
  const notes: string[] = [];
  for (const [kind, headers] of [['unsigned', { 'content-type': 'application/json' }], ['stale-signed', stale()]] as const) {
    try {
      const res = await ctx.gate.send({ method: 'POST', url: concretePath(r.path), purpose: 'webhook-signature', headers, body });
      const s = judgeWebhook(res.status);
      statuses.push(s);
      notes.push(`${kind} delivery → ${res.status}${s === 'fail' ? ' (accepted)' : s === 'warn' ? ' (server error)' : ''}`);
      deliveries.push({ route: routeKey(r), kind, status: res.status });
    } catch (e) {
      if (e instanceof GateRefusal) return { route: routeKey(r), status: worst(statuses), note: notes.join('; '), refused: e.message };
      statuses.push('error');
      notes.push(`${kind}: ${errorCode(e)}`);
    }
  }
  return { route: routeKey(r), status: worst(statuses), note: notes.join('; ') };
}

export async function webhookSignatureCheck(ctx: ProbeContext): Promise<ProbeCheck> {
  if (!ctx.options.allowPost) return check('webhook-signature', 'skip', 'webhook POSTs need --allow-post');
  const hooks = ctx.routes.filter(hasTag('webhook')).slice(0, 5);
  if (!hooks.length) return check('webhook-signature', 'skip', 'no webhook routes in the inventory');
  const body = JSON.stringify({ id: 'evt_readiness_probe', type: 'readiness.probe', created: Math.floor(Date.now() / 1000) - 86_400 });
  const routes: RouteResult[] = [];
  const deliveries: Record<string, unknown>[] = [];
  let refused: string | undefined;
  for (const r of hooks) {
    const result = await deliver(ctx, r, body, deliveries);
    refused = result.refused;
    // A route cut short keeps a failure it already showed (an accepted forgery); an unfinished pass says nothing.
    if (!refused || result.status === 'fail') routes.push({ route: result.route, status: result.status, note: result.note });
    if (refused) break;
  }
  const status = worst(routes.map((r) => r.status));
  if (status === 'skip' || (refused && status !== 'fail')) return check('webhook-signature', 'skip', `not finished: ${refused}`, { routes, deliveries });
  const lead = routes.find((r) => r.status === status) ?? routes[0];
  return check('webhook-signature', status, `${lead.route}: ${lead.note}`, { routes, deliveries });
}

export async function errorHandlingCheck(ctx: ProbeContext): Promise<ProbeCheck> {
  if (!ctx.options.allowPost) return check('error-handling', 'skip', 'the malformed-body POST needs --allow-post');
  const posts = ctx.routes.filter((r) => !isSafeMethod(r) && r.method === 'POST' && !hasTag('webhook')(r));
  const chosen = posts.length ? posts.slice(0, 2).map((r) => ({ route: routeKey(r), path: concretePath(r.path) })) : [{ route: `POST ${ctx.target.pathname}`, path: ctx.target.pathname }];
  const routes: RouteResult[] = [];
  const responses: Record<string, unknown>[] = [];
  for (const t of chosen) {
    try {
      const res = await ctx.gate.send({ method: 'POST', url: t.path, purpose: 'error-handling', headers: { 'content-type': 'application/json' }, body: '{"message": "readiness probe", ' });
      const leaks = findLeaks(res.body);
      const status: ProbeStatus = leaks.length || res.status >= 500 ? 'fail' : res.status >= 400 ? 'pass' : 'warn';
      const note = leaks.length ? `${res.status} with ${leaks.join(', ')} in the body` : res.status >= 500 ? `${res.status}: malformed JSON crashes the handler` : res.status >= 400 ? `${res.status} without internal details` : `${res.status}: malformed JSON accepted`;
      routes.push({ route: t.route, status, note });
      responses.push({ request: `POST ${t.path}`, status: res.status, leaks, bodyBytes: res.body.length });
    } catch (e) {
      if (e instanceof GateRefusal) break;
      routes.push({ route: t.route, status: 'error', note: errorCode(e) });
    }
  }
  if (!routes.length) return check('error-handling', 'skip', 'request budget spent');
  const status = worst(routes.map((r) => r.status));
  const lead = routes.find((r) => r.status === status) ?? routes[0];
  return check('error-handling', status, `${lead.route}: ${lead.note}`, { routes, responses });
}
