import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareExpectations, expectations, parseFixture } from '../helpers/fixture';
import { scanFixture } from '../helpers/scan';
import { buildModel, runRule, type RouteSpec } from '../helpers/model-builder';
import { authExemption, isAuthEntryPoint } from '../../rules/lib/routes';

const RULE = 'auth-missing';

const EXPRESS = `
//- /package.json
{ "dependencies": { "express": "^4.19.0" } }
//- /src/auth.ts
import type { Request, Response, NextFunction } from 'express';
export function requireAuth(req: Request, res: Response, next: NextFunction) {
  if (!req.headers.authorization) return res.status(401).json({ error: 'unauthorized' });
  next();
}
//- /src/app.ts
import express from 'express';
import { requireAuth } from './auth';
const app = express();
app.use(express.json());
app.post('/api/chat', async (req, res) => res.json({ ok: true })); // expect: auth-missing
app.get('/api/tickets/:id', requireAuth, (req, res) => res.json({ id: req.params.id })); // ok: auth-missing
app.get('/health', (req, res) => res.send('ok')); // ok: auth-missing
app.post('/auth/login', (req, res) => res.json({})); // ok: auth-missing
app.post('/auth/password/reset', (req, res) => res.json({})); // ok: auth-missing
app.get('/auth/me', (req, res) => res.json({})); // expect: auth-missing
app.post('/webhooks/stripe', (req, res) => res.sendStatus(200)); // ok: auth-missing
app.get('/api/status/public', (req, res) => res.json({})); // ok: auth-missing
app.delete('/api/conversations/:id/reset', (req, res) => res.sendStatus(204)); // expect: auth-missing
export default app;
`;

test('express: unauthenticated routes are reported, exempt ones are not (inline markers)', async () => {
  const { result } = await scanFixture(EXPRESS, { helpers: { auth: ['requireAuth'] }, publicRoutes: ['GET /api/status/public'] });
  const findings = result.findings.filter((f) => f.rule === RULE);
  assert.deepEqual(compareExpectations(expectations(parseFixture(EXPRESS)), findings, [RULE]), []);
});

test('express: the message names the route and what it does; severity follows the route', async () => {
  const { result } = await scanFixture(EXPRESS, { helpers: { auth: ['requireAuth'] } });
  const chat = result.findings.find((f) => f.rule === RULE && f.route === 'POST /api/chat')!;
  assert.equal(chat.severity, 'error');
  assert.match(chat.message, /^POST \/api\/chat calls an LLM and has no authentication: anyone can spend your model budget/);
  const me = result.findings.find((f) => f.rule === RULE && f.route === 'GET /auth/me')!;
  assert.equal(me.severity, 'warning', 'a plain GET is a warning');
  assert.equal(me.fixes[0]?.title, 'Add auth guard (requireAuth)');
});

test('a configured severity is respected and never raised for GETs', async () => {
  const { result } = await scanFixture(EXPRESS, { helpers: { auth: ['requireAuth'] }, rules: { [RULE]: 'info' } });
  const sev = new Set(result.findings.filter((f) => f.rule === RULE).map((f) => f.severity));
  assert.deepEqual([...sev], ['info']);
});

test('app-level auth middleware protects every later route', async () => {
  const { result } = await scanFixture(
    {
      'src/auth.ts': "export function requireAuth(req: any, res: any, next: any) { if (!req.headers.authorization) return res.status(401).end(); next(); }\n",
      'src/app.ts': "import express from 'express';\nimport { requireAuth } from './auth';\nconst app = express();\napp.use(requireAuth);\napp.post('/api/chat', (req, res) => res.json({}));\n",
    },
    { helpers: { auth: ['requireAuth'] } },
  );
  assert.equal(result.findings.filter((f) => f.rule === RULE).length, 0);
});

test('a control declared in the config counts as authentication', async () => {
  const { result } = await scanFixture(
    { 'src/app.ts': "import express from 'express';\nconst app = express();\napp.post('/api/chat', (req, res) => res.json({}));\n" },
    { controls: [{ kind: 'auth', paths: ['/api/**'], description: 'SSO proxy in front of /api' }] },
  );
  assert.equal(result.findings.filter((f) => f.rule === RULE).length, 0);
});

// Rule logic over hand-built models, independent of adapter progress.
const FILES = { 'src/app.ts': "export const handler = () => 1;\napp.get('/a', handler);\napp.post('/b', handler);\n" };
const route = (over: Partial<RouteSpec>): RouteSpec => ({ method: 'GET', path: '/a', file: 'src/app.ts', framework: 'express', at: "app.get('/a', handler)", ...over });

test('exemptions: health, public, webhook, auth entry points, OPTIONS', () => {
  const built = buildModel({
    files: FILES,
    routes: [
      route({ path: '/healthz', tags: ['health'] }),
      route({ path: '/api/x', tags: ['public'] }),
      route({ method: 'POST', path: '/api/webhooks/stripe', tags: ['webhook'], at: "app.post('/b', handler)" }),
      route({ method: 'OPTIONS', path: '/api/chat' }),
      route({ method: 'POST', path: '/api/auth/signup', tags: ['auth'], at: "app.post('/b', handler)" }),
    ],
  });
  assert.deepEqual(runRule(built, RULE), []);
});

test('role checks and handler-level checks count as authentication; none at all does not', () => {
  const built = buildModel({
    files: FILES,
    routes: [
      route({ protections: [{ kind: 'role', name: 'handler', scope: 'route' }] }),
      route({ method: 'POST', at: "app.post('/b', handler)", protections: [{ kind: 'auth', name: 'handler', scope: 'handler' }] }),
      route({ method: 'POST', path: '/b', at: "app.post('/b', handler)", protections: [{ kind: 'rateLimit', name: 'handler' }] }),
    ],
  });
  const findings = runRule(built, RULE);
  assert.deepEqual(findings.map((f) => f.route), ['POST /b']);
  assert.equal(findings[0].severity, 'error');
  assert.equal(findings[0].key, 'POST /b src/app.ts');
  assert.equal(findings[0].span.line, 3);
});

test('related information comes from the route via (mounts, prefixes)', () => {
  const built = buildModel({
    files: { ...FILES, 'src/server.ts': "app.use('/api', router);\n" },
    routes: [route({ tags: ['data'], via: [{ message: "mounted under /api", file: 'src/server.ts', at: "app.use('/api', router)" }] })],
  });
  const [f] = runRule(built, RULE);
  assert.equal(f.severity, 'error', 'data routes are errors even for GET');
  assert.match(f.message, /returns customer data/);
  assert.deepEqual(f.related?.map((r) => [r.file, r.message, r.span.line]), [['src/server.ts', 'mounted under /api', 1]]);
});

test('auth entry points: ways in are exempt, other /auth routes are not', () => {
  const is = (path: string) => isAuthEntryPoint({ path } as never);
  for (const p of ['/auth/login', '/api/auth/signin', '/signup', '/api/users/register', '/register', '/api/v1/auth/register', '/auth/forgot-password', '/auth/password/reset', '/auth/reset/:token', '/auth/token/refresh', '/auth/refresh', '/api/auth/callback/google', '/oauth/github/callback', '/api/auth/*nextauth', '/auth/magic-link']) {
    assert.equal(is(p), true, p);
  }
  for (const p of ['/api/devices/register', '/api/webhooks/register', '/auth/me', '/auth/logout-all', '/api/conversations/:id/reset', '/api/tokens', '/api/payments/callback', '/api/admin/users', '/auth/sessions']) {
    assert.equal(is(p), false, p);
  }
  assert.equal(authExemption({ path: '/api/chat', method: 'OPTIONS', tags: [] } as never), 'CORS preflight');
  assert.equal(authExemption({ path: '/.well-known/jwks.json', method: 'GET', tags: [] } as never), 'public by protocol');
  assert.equal(authExemption({ path: '/.well-known/jwks.json', method: 'POST', tags: [] } as never), undefined);
  assert.equal(authExemption({ path: '/api/robots.txt.bak', method: 'GET', tags: [] } as never), undefined);
  assert.equal(authExemption({ path: '/api/public/pricing', method: 'GET', tags: [] } as never), 'public by name');
  assert.equal(authExemption({ path: '/auth/logout', method: 'POST', tags: ['auth'] } as never), 'logout');
  assert.equal(authExemption({ path: '/up', method: 'GET', tags: [] } as never), 'health check');
  assert.equal(authExemption({ path: '/up', method: 'POST', tags: [] } as never), undefined);
  assert.equal(authExemption({ path: '/auth/logout-all', method: 'POST', tags: ['auth'] } as never), undefined);
  assert.equal(authExemption({ path: '/api/public/tickets', method: 'GET', tags: ['data'] } as never), undefined);
  assert.equal(authExemption({ path: '/api/publications', method: 'GET', tags: [] } as never), undefined);
});

test('messages say what is known: chat sends call the model, history reads do not, plain GETs are just open', () => {
  const files = { 'src/app.ts': "const read = (req: any, res: any) => res.json([]);\napp.get('/api/chat/:id', read);\napp.post('/api/chat', read);\napp.get('/', read);\n" };
  const built = buildModel({
    files,
    routes: [
      { method: 'GET', path: '/api/chat/:id', file: 'src/app.ts', framework: 'express', tags: ['ai'], at: "app.get('/api/chat/:id', read)", handler: '(req: any' },
      { method: 'POST', path: '/api/chat', file: 'src/app.ts', framework: 'express', tags: ['ai'], at: "app.post('/api/chat', read)", handler: '(req: any' },
      { method: 'GET', path: '/', file: 'src/app.ts', framework: 'express', at: "app.get('/', read)" },
    ],
  });
  assert.deepEqual(runRule(built, RULE).map((f) => f.message), [
    'GET /api/chat/:id is a chat endpoint and has no authentication: anyone can read or change conversations.',
    'POST /api/chat calls an LLM and has no authentication: anyone can spend your model budget and read what it answers.',
    'GET / has no authentication: anyone on the internet can call it (add it to publicRoutes if that is intended).',
  ]);
});

test('the fix reuses only a guard of the same framework (monorepo with Nest and Express apps)', () => {
  const files = {
    'apps/nest/src/tickets.controller.ts': "import { Controller, Get, UseGuards } from '@nestjs/common';\nimport { JwtAuthGuard } from './jwt.guard';\n@Controller('t')\nexport class T {\n  @UseGuards(JwtAuthGuard)\n  @Get()\n  list() { return []; }\n}\n",
    'apps/nest/src/jwt.guard.ts': 'export class JwtAuthGuard {}\n',
    'apps/api/src/app.ts': "import express from 'express';\nconst app = express();\napp.post('/api/chat', (req, res) => res.json({}));\n",
  };
  const built = buildModel({
    files,
    routes: [
      { method: 'GET', path: '/t', file: 'apps/nest/src/tickets.controller.ts', framework: 'nestjs', at: 'list()', protections: [{ kind: 'auth', name: 'JwtAuthGuard', at: 'JwtAuthGuard)' }] },
      { method: 'POST', path: '/api/chat', file: 'apps/api/src/app.ts', framework: 'express', tags: ['ai'], at: "app.post('/api/chat', (req, res) => res.json({}))", anchors: { middlewareInsert: '(req, res) =>' } },
    ],
  });
  const [f] = runRule(built, RULE);
  assert.equal(f.route, 'POST /api/chat');
  assert.deepEqual(f.fixes[0].createFiles?.map((c) => c.file), ['apps/api/src/middleware/require-auth.ts']);
  assert.doesNotMatch(f.fixes[0].edits.map((e) => e.newText).join(''), /JwtAuthGuard/);
});
