// Regression: monorepo workspace packages resolve to their source (an AI helper in packages/shared tags the route
// that calls it `ai`), `/password-reset` is an auth route, and `/tickets/:id/status` is a record's status, not health.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scanFixture } from '../helpers/scan';
import type { Route } from '../../server/src/model/types';

test('workspace package import resolves to packages/*/src/index.ts; unrelated bare names stay libraries', async () => {
  const { model } = await scanFixture({
    'package.json': JSON.stringify({ name: 'mono', private: true, workspaces: ['apps/*', 'packages/*'] }),
    'packages/shared/package.json': JSON.stringify({ name: '@acme/shared', main: 'src/index.ts' }),
    'packages/shared/src/index.ts': `import Anthropic from '@anthropic-ai/sdk';
const anthropic = new Anthropic();
export async function summarize(text: string) {
  const m = await anthropic.messages.create({ model: 'claude-3-haiku-20240307', max_tokens: 200, messages: [{ role: 'user', content: text }] });
  return m.content;
}
`,
    'apps/api/package.json': JSON.stringify({ name: '@acme/api', dependencies: { express: '^4.19.0', '@acme/shared': '*' } }),
    'apps/api/src/server.ts': `import express from 'express';
import { summarize } from '@acme/shared';
import { summarize as other } from 'acme-shared-lib';
const app = express();
app.post('/v1/summary', async (req, res) => res.json({ s: await summarize(String(req.body.text)) }));
app.post('/v1/other', async (req, res) => res.json({ s: await other(String(req.body.text)) }));
app.listen(3000);
`,
  });
  const tags = Object.fromEntries(model.routes.map((r: Route) => [r.key, r.tags]));
  assert.ok(tags['POST /v1/summary']?.includes('ai'), JSON.stringify(tags));
  assert.ok(!tags['POST /v1/other']?.includes('ai'));
});

test('tags: /password-reset is auth; /tickets/:id/status is not health; /status and /up are', async () => {
  const { model } = await scanFixture(`
//- src/app.ts
import express from 'express';
const app = express();
app.post('/api/password-reset', (req, res) => res.end());
app.patch('/v1/tickets/:id/status', (req, res) => res.end());
app.get('/status', (req, res) => res.json({ ok: true }));
app.get('/up', (req, res) => res.json({ ok: true }));
`);
  const tags = Object.fromEntries(model.routes.map((r: Route) => [r.key, [...r.tags].sort()]));
  assert.deepEqual(tags['POST /api/password-reset'], ['auth']);
  assert.deepEqual(tags['PATCH /v1/tickets/:id/status'], []);
  assert.deepEqual(tags['GET /status'], ['health']);
  assert.deepEqual(tags['GET /up'], ['health']);
});

test('tags: GET / answering a constant ok is a liveness check; a root that reads or renders is not', async () => {
  const { model } = await scanFixture(`
//- src/app.ts
import { Hono } from 'hono';
const app = new Hono();
app.get('/', (c) => c.text('ok'));
export default app;
//- src/other.ts
import { Hono } from 'hono';
const other = new Hono();
other.get('/', (c) => c.json({ user: c.req.header('x-user') }));
export default other;
`);
  const roots = model.routes.filter((r: Route) => r.key === 'GET /').map((r: Route) => [r.file, [...r.tags].sort()]).sort();
  assert.deepEqual(roots, [['src/app.ts', ['health']], ['src/other.ts', []]]);
});
