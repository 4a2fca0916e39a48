// The join: a real static scan of a small Express workspace (its routes are the probe's inventory) and a real
// probe of the good and bad staging apps, joined into route notes, confirmed findings, declared-control verdicts
// and one scorecard.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { scanFixture } from '../helpers/scan';
import { startLab, type Lab } from './targets';
import { joinProbe, runProbe, type ProbeReport } from '../../server/src/probe';
import { routesFromModel } from '../../server/src/probe/routes';
import { buildScorecard } from '../../server/src/engine';
import type { ReadinessConfig } from '../../server/src/config';
import { FILES } from './workspace';

const GATEWAY: ReadinessConfig = { controls: [{ kind: 'rateLimit', paths: ['/api/chat'], description: 'Cloudflare rate limiting rule 12' }] };

let lab: Lab;
before(async () => {
  lab = await startLab();
});
after(() => lab.close());

async function probeWith(profile: 'good' | 'bad', config: ReadinessConfig) {
  const scan = await scanFixture(FILES, config);
  const t = await lab.start(profile);
  try {
    const report: ProbeReport = await runProbe({
      url: t.url, httpUrl: t.httpUrl, ca: lab.pki.ca, routes: routesFromModel(scan.model.routes),
      allowBurst: true, allowPost: true, burst: 8, latencySamples: 1,
    });
    return { scan, report, join: joinProbe(report, scan.model, scan.result.findings) };
  } finally {
    await t.close();
  }
}

test('route notes pair the code with the live result, and a gateway control is disproven on the bad target', async () => {
  const { join } = await probeWith('bad', GATEWAY);
  const chat = join.routes.find((n) => n.checkId === 'rate-limit' && n.route === 'POST /api/chat');
  assert.equal(chat?.message, 'POST /api/chat: declared limiter "Cloudflare rate limiting rule 12" and no 429 after 8 requests');
  assert.equal(chat?.file, 'src/server.ts');
  assert.equal(chat?.line, 19);
  const [control] = join.controls;
  assert.equal(control.verdict, 'disproven');
  assert.match(control.evidence, /no 429 after 8 requests/);
});

test('without the declared control the note says "no limiter in code", and auth-missing is confirmed live', async () => {
  const { scan, join } = await probeWith('bad', {});
  const chat = join.routes.find((n) => n.checkId === 'rate-limit' && n.route === 'POST /api/chat');
  assert.equal(chat?.message, 'POST /api/chat: no limiter in code and no 429 after 8 requests');
  const reports = join.routes.find((n) => n.checkId === 'auth-bypass' && n.route === 'GET /api/reports');
  assert.match(reports?.message ?? '', /^GET \/api\/reports: no auth in code and 200 with a \d+-byte body without credentials$/);
  const confirmed = join.confirmed.map((c) => `${c.rule} ${c.route}`);
  assert.ok(confirmed.includes('auth-missing GET /api/reports'), confirmed.join(', '));
  // Only routes that were burst can confirm a rate-limit finding: the chat route was, the webhook was not.
  assert.ok(confirmed.includes('ratelimit-missing POST /api/chat'), confirmed.join(', '));
  assert.ok(scan.result.findings.some((f) => f.rule === 'ratelimit-missing' && f.route === 'POST /api/webhooks/stripe'));
  assert.ok(!confirmed.includes('ratelimit-missing POST /api/webhooks/stripe'));
  const card = buildScorecard(scan.result, join.rows);
  const row = (id: string) => card.checks.find((c) => c.id === id)!;
  assert.equal(row('ratelimit').status, 'fail');
  assert.equal(row('ratelimit').source, 'both');
  assert.equal(row('transport').source, 'probe');
  assert.equal(row('latency').status, 'fail');
  assert.equal(card.verdict, 'not-ready');
});

test('on the good target the control is proven and no static finding is confirmed', async () => {
  const { join } = await probeWith('good', GATEWAY);
  assert.equal(join.controls[0].verdict, 'proven');
  assert.match(join.controls[0].evidence, /POST \/api\/chat: 429 after \d+ requests/);
  assert.deepEqual(join.confirmed.filter((c) => c.rule === 'auth-missing'), []);
});
