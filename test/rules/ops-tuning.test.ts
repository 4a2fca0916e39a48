// Regression: health and monitoring detection gaps found on the accuracy corpus — `/up` as a top-level health
// route (not `/…/:id/up`), and Sentry wired as Hono middleware (@hono/sentry) or Toucan on edge runtimes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scanFixture } from '../helpers/scan';

const of = <T extends { rule: string }>(rule: string, findings: T[]) => findings.filter((f) => f.rule === rule);
const PKG = JSON.stringify({ name: 'api', dependencies: { hono: '^4.4.0' } }, null, 2);
const SERVER = (extra: string) => `import { Hono } from 'hono';
${extra}
const app = new Hono();
app.get('/api/tickets', (c) => c.json([]));
export default app;
`;

test('health-missing: GET /up at the top is a health route; a vote endpoint ending in /up is not', async () => {
  const up = await scanFixture({ 'package.json': PKG, 'src/index.ts': SERVER('') + "app.get('/up', (c) => c.json({ ok: true }));\n" });
  assert.deepEqual(of('health-missing', up.result.findings), []);
  const vote = await scanFixture({ 'package.json': PKG, 'src/index.ts': SERVER('') + "app.post('/api/posts/:id/up', (c) => c.json({ ok: true }));\n" });
  assert.equal(of('health-missing', vote.result.findings).length, 1);
});

test('monitoring-missing: quiet with @hono/sentry middleware and with Toucan; an import alone is not enough', async () => {
  const hono = await scanFixture({ 'package.json': PKG, 'src/index.ts': SERVER("import { sentry } from '@hono/sentry';") + "app.use('*', sentry());\n" });
  assert.deepEqual(of('monitoring-missing', hono.result.findings), []);
  const toucan = await scanFixture({
    'package.json': PKG,
    'src/index.ts': SERVER("import { Toucan } from 'toucan-js';") + "app.use('*', async (c, next) => { new Toucan({ dsn: c.env.SENTRY_DSN, request: c.req.raw }); await next(); });\n",
  });
  assert.deepEqual(of('monitoring-missing', toucan.result.findings), []);
  const unused = await scanFixture({ 'package.json': PKG, 'src/index.ts': SERVER("import { sentry } from '@hono/sentry';\nvoid sentry;") });
  assert.equal(of('monitoring-missing', unused.result.findings).length, 1);
});
