/**
 * The probe's programmatic entry: `runProbe(options, { onProgress, signal })` runs every check in a fixed order
 * through one request gate and returns the report (CONTRACT.md "Probe report"). The CLI and the language server's
 * `readiness/probe` request both call it. A check that throws becomes an `error` result; cancellation rejects.
 */
import { RequestGate } from './gate';
import { fetchFollowingSameOrigin, type PageResult, type ProbeContext, type ResolvedOptions } from './context';
import { tlsCertCheck } from './checks/tls';
import { httpsRedirectCheck, plainHttpUrl } from './checks/redirect';
import { hstsCheck, securityHeadersCheck } from './checks/headers';
import { edgeCheck } from './checks/edge';
import { corsCheck } from './checks/cors';
import { authBypassCheck } from './checks/auth-bypass';
import { rateLimitCheck } from './checks/rate-limit';
import { errorHandlingCheck, webhookSignatureCheck } from './checks/post-checks';
import { healthCheck, latencyCheck } from './checks/health-latency';
import { bundleSecretsCheck } from './checks/bundle';
import { DnsClient } from './dns/resolver';
import { spfCheck } from './dns/spf';
import { dkimCheck } from './dns/dkim';
import { caaCheck, dmarcCheck, mxCheck } from './dns/dmarc-mx-caa';
import { DEFAULTS, PROBE_CHECK_IDS, type LatencyRow, type ProbeCheck, type ProbeCheckId, type ProbeOptions, type ProbeReport, type ProbeRunHooks } from './types';

export * from './types';
export { joinProbe, probeRowInputs } from './join';
export { routesFromModel } from './routes';

export class ProbeCancelled extends Error {
  constructor() {
    super('probe cancelled');
    this.name = 'AbortError';
  }
}

/** Validate and fill in defaults; throws a one-line message for bad input (the CLI's exit code 2). */
export function resolveOptions(o: ProbeOptions): ResolvedOptions {
  let url: URL;
  try {
    url = new URL(o.url);
  } catch {
    throw new Error(`"${o.url}" is not a URL`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`the probe target must be http(s), not ${url.protocol}`);
  // Reports and logs print the target URL; credentials belong in --header, which is never printed.
  if (url.username || url.password) throw new Error('put credentials in --header "Authorization: …", not in the URL');
  const int = (name: string, v: number | undefined, min: number, fallback: number) => {
    const n = v ?? fallback;
    if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be an integer ≥ ${min}`);
    return n;
  };
  return {
    ...o,
    budget: int('budget', o.budget, 1, DEFAULTS.budget),
    burst: int('burst', o.burst, 1, DEFAULTS.burst),
    timeoutMs: int('timeout', o.timeoutMs, 1, DEFAULTS.timeoutMs),
    latencySamples: int('latency-samples', o.latencySamples, 1, DEFAULTS.latencySamples),
  };
}

/** The gate and the shared state of one probe run (exported for tests that run a single check). */
export function createContext(options: ProbeOptions, signal?: AbortSignal): ProbeContext {
  const opts = resolveOptions(options);
  const target = new URL(opts.url);
  const origins = [target.origin, plainHttpUrl(target, opts.httpUrl).origin];
  const gate = new RequestGate({ origins, budget: opts.budget, timeoutMs: opts.timeoutMs, allowPost: Boolean(opts.allowPost), ca: opts.ca, headers: opts.headers, signal });
  let page: Promise<PageResult> | undefined;
  return {
    gate,
    target,
    options: opts,
    routes: opts.routes ?? [],
    page: () => (page ??= fetchFollowingSameOrigin(gate, target.href, 'page', target.origin)),
  };
}

/** One stage of the run: a progress label, the check ids it yields (for `error` rows if it throws) and the work. */
type Step = { label: string; ids: ProbeCheckId[]; run: () => Promise<ProbeCheck | ProbeCheck[]> };

function steps(ctx: ProbeContext, dns: DnsClient, latency: LatencyRow[]): Step[] {
  let healthPath: string | undefined;
  return [
    { label: 'TLS certificate', ids: ['tls-cert'], run: async () => trustAfter(await tlsCertCheck(ctx), ctx) },
    { label: 'HTTP → HTTPS redirect', ids: ['https-redirect'], run: () => httpsRedirectCheck(ctx) },
    { label: 'HSTS and security headers', ids: ['hsts', 'security-headers', 'edge'], run: async () => [await hstsCheck(ctx), await securityHeadersCheck(ctx), await edgeCheck(ctx)] },
    { label: 'CORS', ids: ['cors'], run: () => corsCheck(ctx) },
    { label: 'auth bypass', ids: ['auth-bypass'], run: () => authBypassCheck(ctx) },
    {
      label: 'health',
      ids: ['health'],
      run: async () => {
        const r = await healthCheck(ctx);
        healthPath = r.found; // the latency check times the health route that answered
        return r.check;
      },
    },
    // Before the burst and the latency samples, so that a limiter tripped by them cannot answer these for the app.
    { label: 'webhooks and errors', ids: ['webhook-signature', 'error-handling'], run: async () => [await webhookSignatureCheck(ctx), await errorHandlingCheck(ctx)] },
    { label: 'latency', ids: ['latency'], run: async () => latencyOf(await latencyCheck(ctx, healthPath), latency) },
    { label: 'browser bundle', ids: ['bundle-secrets'], run: () => bundleSecretsCheck(ctx) },
    { label: 'rate limit', ids: ['rate-limit'], run: () => rateLimitCheck(ctx) },
    { label: 'email DNS', ids: ['spf', 'dkim', 'dmarc', 'mx', 'caa'], run: () => dnsChecks(dns, ctx.options) },
  ];
}

export async function runProbe(options: ProbeOptions, hooks: ProbeRunHooks = {}): Promise<ProbeReport> {
  const ctx = createContext(options, hooks.signal);
  const startedAt = new Date();
  const started = performance.now();
  const dns = new DnsClient(ctx.options.dnsServer, Math.min(ctx.options.timeoutMs, 3000));
  const latency: LatencyRow[] = [];
  const plan = steps(ctx, dns, latency);
  const checks: ProbeCheck[] = [];
  try {
    for (const [i, step] of plan.entries()) {
      if (hooks.signal?.aborted) throw new ProbeCancelled();
      hooks.onProgress?.(step.label, Math.round((i / plan.length) * 100));
      checks.push(...(await runStep(step, hooks.signal)));
    }
  } finally {
    await ctx.gate.close();
  }
  hooks.onProgress?.('done', 100);
  return {
    reportVersion: 1,
    target: ctx.target.href,
    startedAt: startedAt.toISOString(),
    requests: ctx.gate.requests,
    budget: ctx.gate.budget,
    durationMs: Math.round(performance.now() - started),
    checks: checks.sort((a, b) => PROBE_CHECK_IDS.indexOf(a.id) - PROBE_CHECK_IDS.indexOf(b.id)),
    latency,
    requestLog: ctx.gate.log,
    dnsQueries: dns.queries,
  };
}

async function runStep(step: Step, signal?: AbortSignal): Promise<ProbeCheck[]> {
  try {
    const r = await step.run();
    return Array.isArray(r) ? r : [r];
  } catch (e) {
    if (signal?.aborted) throw new ProbeCancelled();
    const why = `${step.label} failed: ${(e as Error).message.split('\n')[0]}`;
    return step.ids.map((id) => ({ id, status: 'error' as const, summary: why, evidence: {} }));
  }
}

/** An untrusted certificate is reported once; later checks still look at the server without verification. */
function trustAfter(c: ProbeCheck, ctx: ProbeContext): ProbeCheck {
  if (c.status === 'fail' && ctx.target.protocol === 'https:') {
    ctx.gate.skipCertificateVerification();
    c.evidence.laterChecks = 'ran without certificate verification, to describe the server anyway';
  }
  return c;
}

function latencyOf(r: { check: ProbeCheck; rows: LatencyRow[] }, into: LatencyRow[]): ProbeCheck {
  into.push(...r.rows);
  return r.check;
}

async function dnsChecks(dns: DnsClient, opts: ResolvedOptions): Promise<ProbeCheck[]> {
  const ids: ProbeCheckId[] = ['spf', 'dkim', 'dmarc', 'mx', 'caa'];
  const domain = opts.domain?.replace(/\.$/, '').toLowerCase();
  if (!domain) return ids.map((id) => ({ id, status: 'skip', summary: 'no sending domain (use --domain NAME)', evidence: {} }));
  const runs: [ProbeCheckId, () => Promise<ProbeCheck>][] = [
    ['spf', () => spfCheck(dns, domain)],
    ['dkim', () => dkimCheck(dns, domain, opts.dkimSelectors)],
    ['dmarc', () => dmarcCheck(dns, domain)],
    ['mx', () => mxCheck(dns, domain)],
    ['caa', () => caaCheck(dns, domain)],
  ];
  const out: ProbeCheck[] = [];
  for (const [id, run] of runs) {
    try {
      out.push(await run());
    } catch (e) {
      out.push({ id, status: 'error', summary: `DNS lookup failed: ${(e as Error).message}`, evidence: {} });
    }
  }
  return out;
}
