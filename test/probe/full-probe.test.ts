// A full probe of the "good" and the "bad" staging target (real HTTPS/HTTP servers and a real DNS server on
// 127.0.0.1): every check must give the expected status on each, and every request must be in the report.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startLab, type Lab, type Target } from './targets';
import { INVENTORY } from './app';
import { runProbe, type ProbeCheckId, type ProbeOptions, type ProbeReport, type ProbeStatus } from '../../server/src/probe';

let lab: Lab;
before(async () => {
  lab = await startLab();
});
after(() => lab.close());

function options(t: Target, extra: Partial<ProbeOptions> = {}): ProbeOptions {
  return {
    url: t.url,
    httpUrl: t.httpUrl,
    ca: lab.pki.ca,
    routes: INVENTORY,
    dnsServer: lab.dns.server,
    allowBurst: true,
    allowPost: true,
    burst: 10,
    latencySamples: 3,
    ...extra,
  };
}

function statuses(r: ProbeReport): Record<string, ProbeStatus> {
  return Object.fromEntries(r.checks.map((c) => [c.id, c.status]));
}

function summary(r: ProbeReport, id: ProbeCheckId): string {
  return r.checks.find((c) => c.id === id)?.summary ?? '';
}

/** What the servers saw equals what the report lists (TLS handshakes and refused requests aside). */
function assertEveryRequestListed(r: ProbeReport, t: Target, otherServerRequests = 0) {
  const sent = r.requestLog.filter((x) => x.method !== 'TLS' && !x.error?.startsWith('not sent'));
  assert.equal(sent.length + otherServerRequests, t.log.requests.length + otherServerRequests);
  assert.ok(r.requests <= r.budget);
}

test('the good target passes every check', async () => {
  const t = await lab.start('good');
  try {
    const r = await runProbe(options(t, { domain: 'good.test', dkimSelectors: ['sel1'] }));
    assert.deepEqual(statuses(r), {
      'tls-cert': 'pass', 'https-redirect': 'pass', hsts: 'pass', 'security-headers': 'pass', cors: 'pass', 'auth-bypass': 'pass',
      'rate-limit': 'pass', 'webhook-signature': 'pass', 'error-handling': 'pass', health: 'pass', latency: 'pass', 'bundle-secrets': 'pass',
      edge: 'pass', spf: 'pass', dkim: 'pass', dmarc: 'pass', mx: 'pass', caa: 'pass',
    }, JSON.stringify(r.checks.map((c) => `${c.id}: ${c.summary}`), null, 1));
    assert.match(summary(r, 'security-headers'), /A\+/);
    assert.ok(r.latency.some((l) => l.route === 'POST /api/chat' && l.ai && l.budgetMs === 2000 && l.n === 3));
    // The redirect server is a separate process-side server: its one request is in the log but not in the app's.
    const sent = r.requestLog.filter((x) => x.method !== 'TLS' && !x.error);
    assert.equal(sent.length, t.log.requests.length + 1);
  } finally {
    await t.close();
  }
});

test('the bad target fails every check that has something to fail, within its budget', async () => {
  const t = await lab.start('bad');
  try {
    const r = await runProbe(options(t, { domain: 'plusall.test' }));
    assert.deepEqual(statuses(r), {
      'tls-cert': 'fail', 'https-redirect': 'fail', hsts: 'fail', 'security-headers': 'fail', cors: 'fail', 'auth-bypass': 'fail',
      'rate-limit': 'fail', 'webhook-signature': 'fail', 'error-handling': 'fail', health: 'fail', latency: 'fail', 'bundle-secrets': 'fail',
      edge: 'pass', spf: 'fail', dkim: 'warn', dmarc: 'fail', mx: 'warn', caa: 'warn',
    }, JSON.stringify(r.checks.map((c) => `${c.id}: ${c.summary}`), null, 1));
    assert.match(summary(r, 'tls-cert'), /expired/);
    assert.match(summary(r, 'cors'), /with credentials/);
    assert.match(summary(r, 'rate-limit'), /no 429 after 10 requests/);
    assert.match(summary(r, 'error-handling'), /stack trace/);
    assert.match(summary(r, 'latency'), /GET \/api\/reports: P95 \d+ ms > 500 ms/);
    const bundle = r.checks.find((c) => c.id === 'bundle-secrets')!;
    const hits = (bundle.evidence.secrets as { kind: string; where: string; preview: string }[]).map((h) => `${h.kind} in ${h.where}`);
    assert.deepEqual(hits.sort(), ['pem-private-key in /app.js.map (source map)', 'stripe-live-secret in /app.js']);
    const json = JSON.stringify(r);
    assert.ok(!json.includes('PRIVATE KEY-----\\nM') && !/sk_live_\w{5}/.test(json), 'secret values are never in the report');
    assert.deepEqual(bundle.evidence.otherOrigins, ['https://cdn.other.example']);
    assertEveryRequestListed(r, t);
    // Reported for the acceptance: request count and time of a full probe of the bad target.
    console.log(`bad target: ${r.requests} requests in ${r.durationMs} ms (budget ${r.budget})`);
  } finally {
    await t.close();
  }
});

test('progress is reported in order and cancelling rejects the run', async () => {
  const t = await lab.start('good');
  try {
    const seen: number[] = [];
    await runProbe(options(t, { allowBurst: false, allowPost: false, latencySamples: 1 }), { onProgress: (_m, p) => seen.push(p) });
    assert.deepEqual([...seen].sort((a, b) => a - b), seen);
    assert.equal(seen.at(-1), 100);
    const ac = new AbortController();
    const run = runProbe(options(t), { signal: ac.signal, onProgress: (m) => m === 'CORS' && ac.abort() });
    await assert.rejects(run, { name: 'AbortError' });
  } finally {
    await t.close();
  }
});
