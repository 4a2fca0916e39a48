import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareExpectations, expectations, parseFixture } from '../helpers/fixture';
import { scanFixture } from '../helpers/scan';
import { buildModel, runRule, type RouteSpec } from '../helpers/model-builder';

const RULE = 'ratelimit-missing';

const EXPRESS = `
//- /package.json
{ "dependencies": { "express": "^4.19.0", "express-rate-limit": "^7.0.0" } }
//- /src/app.ts
import express from 'express';
import rateLimit from 'express-rate-limit';
const app = express();
app.post('/api/chat', async (req, res) => res.json({})); // expect: ratelimit-missing
app.post('/api/ai/complete', rateLimit({ limit: 20, keyGenerator: (req) => String(req.headers['x-user-id']) }), async (req, res) => res.json({})); // ok: ratelimit-missing
app.post('/auth/login', (req, res) => res.json({})); // expect: ratelimit-missing
app.post('/webhooks/stripe', (req, res) => res.sendStatus(200)); // expect: ratelimit-missing
app.delete('/admin/users/:id', (req, res) => res.sendStatus(204)); // expect: ratelimit-missing
app.get('/api/tickets', (req, res) => res.json([])); // ok: ratelimit-missing
app.get('/health', (req, res) => res.send('ok')); // ok: ratelimit-missing
export default app;
`;

test('express: chat, auth, webhook and admin routes without a limiter are reported (inline markers)', async () => {
  const { result } = await scanFixture(EXPRESS);
  const findings = result.findings.filter((f) => f.rule === RULE);
  assert.deepEqual(compareExpectations(expectations(parseFixture(EXPRESS)), findings, [RULE]), []);
  const messages = Object.fromEntries(findings.map((f) => [f.route, f.message]));
  assert.match(messages['POST /api/chat'], /calls an LLM and has no rate limit: one script can burn your model budget/);
  assert.match(messages['POST /auth/login'], /brute-forced/);
  assert.match(messages['POST /webhooks/stripe'], /flood of deliveries/);
  assert.match(messages['DELETE /admin/users/:id'], /admin endpoint/);
  assert.ok(findings.every((f) => f.severity === 'error'));
});

test('an app-level limiter or a declared gateway limit counts', async () => {
  const appLevel = await scanFixture({
    'src/app.ts': "import express from 'express';\nimport rateLimit from 'express-rate-limit';\nconst app = express();\napp.use(rateLimit({ limit: 100 }));\napp.post('/auth/login', (req, res) => res.json({}));\napp.post('/api/chat', (req, res) => res.json({}));\n",
  });
  // The login route is fine; the chat route is limited, but only per IP (express-rate-limit's default key).
  const left = appLevel.result.findings.filter((f) => f.rule === RULE);
  assert.deepEqual(left.map((f) => [f.route, f.severity]), [['POST /api/chat', 'warning']]);
  assert.match(left[0].message, /only per IP/);
  const gateway = await scanFixture(
    { 'src/app.ts': "import express from 'express';\nconst app = express();\napp.post('/api/chat', (req, res) => res.json({}));\n" },
    { controls: [{ kind: 'rateLimit', paths: ['/api/**'], description: 'Cloudflare rate limiting rule 12' }] },
  );
  assert.deepEqual(gateway.result.findings.filter((f) => f.rule === RULE), []);
});

const FILES = { 'src/app.ts': "const h = () => 1;\napp.post('/api/chat', limiter, h);\n" };
const chat = (over: Partial<RouteSpec>): RouteSpec => ({
  method: 'POST', path: '/api/chat', file: 'src/app.ts', framework: 'express', at: "app.post('/api/chat', limiter, h)", tags: ['ai'], ...over,
});

test('ai routes limited only per IP get a warning asking for per-user and per-conversation limits', () => {
  const built = buildModel({ files: FILES, routes: [chat({ protections: [{ kind: 'rateLimit', name: 'limiter', keyedBy: 'ip', at: 'limiter, h' }] })] });
  const [f] = runRule(built, RULE);
  assert.equal(f.severity, 'warning');
  assert.match(f.message, /rate-limited only per IP \(limiter\): add per-user\/token and per-conversation limits/);
  assert.deepEqual(f.related?.map((r) => [r.message, r.file, r.span.line]), [['limiter is keyed by the client IP', 'src/app.ts', 2]]);
});

test('ai routes keyed by user or conversation, and non-ai routes keyed by IP, are fine', () => {
  const built = buildModel({
    files: FILES,
    routes: [
      chat({ protections: [{ kind: 'rateLimit', name: 'limiter', keyedBy: 'user', at: 'limiter, h' }] }),
      chat({ protections: [{ kind: 'rateLimit', name: 'limiter', keyedBy: 'ip', at: 'limiter, h' }, { kind: 'rateLimit', name: 'limiter', keyedBy: 'conversation', at: 'limiter, h' }] }),
      chat({ path: '/auth/login', tags: ['auth'], protections: [{ kind: 'rateLimit', name: 'limiter', keyedBy: 'ip', at: 'limiter, h' }] }),
      chat({ method: 'OPTIONS' }),
      chat({ tags: ['data'] }),
    ],
  });
  assert.deepEqual(runRule(built, RULE), []);
});

test('a configured info severity is never raised to warning for the per-IP case', () => {
  const built = buildModel({ files: FILES, routes: [chat({ protections: [{ kind: 'rateLimit', name: 'limiter', keyedBy: 'ip', at: 'limiter, h' }] }), chat({})] });
  const findings = runRule(built, RULE, { rules: { [RULE]: 'info' } });
  assert.deepEqual(findings.map((f) => f.severity), ['info', 'info']);
});

test('a per-IP keyedBy inherited by a limiter that sets its own keyGenerator is not reported', () => {
  const files = { 'src/app.ts': "const h = () => 1;\napp.post('/api/chat', { config: { rateLimit: { max: 20, keyGenerator: (r) => r.user.id } } }, h);\n" };
  const built = buildModel({
    files,
    routes: [{ ...chat({}), framework: 'fastify', at: "app.post('/api/chat', { config", protections: [{ kind: 'rateLimit', name: 'rateLimit: { max: 20, keyGenerator: (r) => r.user.id }', keyedBy: 'ip' }] }],
  });
  assert.deepEqual(runRule(built, RULE), []);
});

test('not reported: chat history reads and deletes, logout, the NextAuth catch-all; still reported: chat sends, login', () => {
  const files = { 'src/app.ts': "const read = (req: any, res: any) => res.json([]);\napp.get('/x', read);\n" };
  const at = "app.get('/x', read)";
  const built = buildModel({
    files,
    routes: [
      { method: 'GET', path: '/api/chat/history/:id', file: 'src/app.ts', framework: 'express', tags: ['ai'], at, handler: '(req: any' },
      { method: 'DELETE', path: '/api/chat/:id', file: 'src/app.ts', framework: 'express', tags: ['ai'], at, handler: '(req: any' },
      { method: 'POST', path: '/auth/logout', file: 'src/app.ts', framework: 'express', tags: ['auth'], at },
      { method: 'ALL', path: '/api/auth/*nextauth', file: 'src/app.ts', framework: 'nextjs', tags: ['auth'], at },
      { method: 'POST', path: '/api/chat', file: 'src/app.ts', framework: 'express', tags: ['ai'], at },
      { method: 'POST', path: '/auth/login', file: 'src/app.ts', framework: 'express', tags: ['auth'], at },
    ],
  });
  assert.deepEqual(runRule(built, RULE).map((f) => f.route), ['POST /api/chat', 'POST /auth/login']);
});
