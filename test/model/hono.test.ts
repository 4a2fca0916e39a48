import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { scanFixture } from '../helpers/scan';
import { inventory as inventoryOf, scanFixtureDir } from '../helpers/inventory';
import { patternMatches } from '../../server/src/model/adapters/hono/link';
import type { WorkspaceModel } from '../../server/src/model/types';

const inventory = (model: WorkspaceModel) => inventoryOf(model, 'hono');

test('hono-api: basePath, sub-apps across files, ordered wildcard use, jwt, bearerAuth, zValidator, chains, app.on', async () => {
  const { model } = await scanFixtureDir('hono-api');
  assert.deepEqual(inventory(model), [
    'GET /api/health src/index.ts:11 handler=src/index.ts:<anonymous>@11 []',
    // Registered before `admin.use('*', bearerAuth(...))`, so the guard does not run for it.
    'GET /api/admin/ping src/routes/admin.ts:8 handler=src/routes/admin.ts:<anonymous>@8 []',
    'DELETE /api/admin/users/:id src/routes/admin.ts:10 handler=src/routes/admin.ts:<anonymous>@10 [auth:bearerAuth:router, role:requireAdmin:route]',
    'POST /api/v1/chat src/routes/chat.ts:4 handler=src/routes/chat.ts:<anonymous>@4 [auth:jwt:mount]',
    'GET /api/v1/chat/:conversationId src/routes/chat.ts:5 handler=src/routes/chat.ts:<anonymous>@5 [auth:jwt:mount]',
    'DELETE /api/v1/chat/:conversationId src/routes/chat.ts:5 handler=src/routes/chat.ts:<anonymous>@5 [auth:jwt:mount]',
    'GET /api/v1/tickets src/routes/tickets.ts:9 handler=src/routes/tickets.ts:<anonymous>@9 [auth:jwt:mount]',
    'GET /api/v1/tickets/:id src/routes/tickets.ts:11 handler=src/routes/tickets.ts:<anonymous>@11 [auth:jwt:mount]',
    'PUT /api/v1/tickets/:id src/routes/tickets.ts:12 handler=src/routes/tickets.ts:<anonymous>@12 [auth:jwt:mount, validation:zValidator:route]',
    'POST /api/v1/tickets src/routes/tickets.ts:13 handler=src/routes/tickets.ts:createHandler@15 [auth:jwt:mount, validation:zValidator:route]',
  ]);
  const del = model.routes.find((r) => r.framework === 'hono' && r.method === 'DELETE' && r.path === '/api/admin/users/:id')!;
  assert.equal(del.protections[0].library, 'hono/bearer-auth');
  assert.equal(model.functions[del.middlewareIds[0]].name, 'requireAdmin');
  assert.deepEqual(
    del.via.map((v) => `${v.message} @ ${v.location.file}:${v.location.span.line}`),
    ["basePath('/api') @ src/index.ts:8", "mounted at '/api/admin' with app.route() @ src/index.ts:17"],
  );
  const chat = model.routes.find((r) => r.framework === 'hono' && r.path === '/api/v1/chat')!;
  assert.equal(chat.protections[0].library, 'hono/jwt');
  assert.deepEqual(chat.protections[0].importFrom, { module: 'hono/jwt', exportName: 'jwt' });
  assert.equal(chat.protections[0].declaredAt.file, 'src/index.ts');
  assert.equal(chat.protections[0].declaredAt.span.line, 14);
});

test('hono-workers: instances imported across files, basePath aliases sharing a router, aliases of middleware, inline sub-apps', async () => {
  const { model } = await scanFixtureDir('hono-workers');
  assert.deepEqual(inventory(model), [
    'GET / src/index.ts:10 handler=src/index.ts:<anonymous>@10 []',
    'GET /v2/me src/index.ts:14 handler=src/index.ts:<anonymous>@14 [auth:auth:mount, auth:requireUser:route]',
    'GET /inline/x src/index.ts:15 handler=src/index.ts:<anonymous>@15 []',
    'POST /v2/chat src/routes/messages.ts:6 handler=src/routes/messages.ts:<anonymous>@9 [auth:auth:mount, rateLimit:limiter:mount, validation:validator:route]',
    'GET /v2/chat/:conversationId src/routes/messages.ts:11 handler=src/routes/messages.ts:<anonymous>@11 [auth:auth:mount, rateLimit:limiter:mount]',
    'POST /webhooks/stripe src/routes/webhooks.ts:4 handler=src/routes/webhooks.ts:<anonymous>@4 []',
  ]);
  const me = model.routes.find((r) => r.framework === 'hono' && r.path === '/v2/me')!;
  assert.deepEqual(
    me.via.map((v) => `${v.message} @ ${v.location.file}:${v.location.span.line}`),
    ["basePath('/v2') @ src/app.ts:4"],
  );
  // `createMiddleware(fn)`: the wrapped function is what rules inspect.
  assert.equal(model.functions[me.middlewareIds[0]].params[1].name, 'next');
  const limited = model.routes.find((r) => r.framework === 'hono' && r.path === '/v2/chat')!;
  assert.equal(limited.protections[1].library, 'hono-rate-limiter');
});

test('anchors: middlewareInsert is the first middleware/handler argument', async () => {
  const { model, root } = await scanFixtureDir('hono-api');
  const at = (method: string, path: string) => {
    const r = model.routes.find((x) => x.framework === 'hono' && x.method === method && x.path === path)!;
    return readFileSync(join(root, r.file), 'utf8').slice(r.anchors!.middlewareInsert!);
  };
  assert.ok(at('DELETE', '/api/admin/users/:id').startsWith('requireAdmin, async (c)'));
  assert.ok(at('POST', '/api/v1/tickets').startsWith("zValidator('json', createTicket), createHandler"));
  // Path-less chained call: the first argument is already the middleware.
  assert.ok(at('PUT', '/api/v1/tickets/:id').startsWith("zValidator('json', createTicket), async"));
  assert.ok(at('GET', '/api/health').startsWith('(c) => c.json({ ok: true })'));
});

test('use() order: middleware added after a mount does not guard the mounted routes', async () => {
  const { model } = await scanFixture({
    'src/index.ts': [
      "import { Hono } from 'hono';",
      "import { bearerAuth } from 'hono/bearer-auth';",
      "import sub from './sub';",
      'const app = new Hono();',
      "app.route('/early', sub);",
      "app.use('*', bearerAuth({ token: 't' }));",
      "app.route('/late', sub);",
      "app.on('GET', ['/a', '/b'], (c) => c.text('x'));",
      'export default app;',
      '',
    ].join('\n'),
    'src/sub.ts': "import { Hono } from 'hono';\nexport default new Hono().basePath('/s').get('/:id{[a-z]+}', (c) => c.text('s'));\n",
    'src/factory.ts': "import { createFactory } from 'hono/factory';\nconst f = createFactory();\nexport const extra = f.createApp();\nextra.get('/f', (c) => c.text('f'));\n",
  });
  assert.deepEqual(
    model.routes.filter((r) => r.framework === 'hono').map((r) => `${r.method} ${r.path} ${r.protections.map((p) => `${p.name}:${p.scope}`).join(',')}`),
    ['GET /f ', 'GET /a bearerAuth:app', 'GET /b bearerAuth:app', 'GET /early/s/:id ', 'GET /late/s/:id bearerAuth:app'],
  );
});

test('@hono/zod-openapi: createRoute inline or as a constant, request schemas validate, route middleware guards', async () => {
  const { model } = await scanFixture({
    'src/api.ts': [
      "import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';",
      "import { bearerAuth } from 'hono/bearer-auth';",
      'const getUser = createRoute({',
      "  method: 'get',",
      "  path: '/users/{id}',",
      '  request: { params: z.object({ id: z.string() }) },',
      "  middleware: [bearerAuth({ token: 't' })] as const,",
      '  responses: {},',
      '});',
      "const app = new OpenAPIHono().basePath('/v1');",
      'app.openapi(getUser, (c) => c.json({}));',
      "app.openapi(createRoute({ method: 'post', path: '/events', responses: {} }), (c) => c.json({}));",
      'export default app;',
      '',
    ].join('\n'),
  });
  assert.deepEqual(
    model.routes.filter((r) => r.framework === 'hono').map((r) => `${r.method} ${r.path} :${r.span.line} ${r.protections.map((p) => `${p.kind}:${p.name}:${p.scope}`).join(',')}`),
    ['GET /v1/users/:id :11 auth:bearerAuth:route,validation:createRoute request:route', 'POST /v1/events :12 '],
  );
  assert.ok(model.routes.every((r) => r.handlerId && r.anchors?.middlewareInsert === undefined));
});

test('paths written with same-file constants and templates', async () => {
  const { model } = await scanFixture({
    'src/index.ts': [
      "import { Hono } from 'hono';",
      "const V1 = '/v1';",
      'const users = new Hono();',
      "users.get(`/:id`, (c) => c.text('u'));",
      'const app = new Hono().basePath(V1);',
      "app.route(V1 + '/users', users);",
      '',
    ].join('\n'),
  });
  assert.deepEqual(model.routes.filter((r) => r.framework === 'hono').map((r) => `${r.method} ${r.path}`), ['GET /v1/v1/users/:id']);
});

test('hono/combine: every() gives what any branch gives, some() only what all branches give', async () => {
  const { model } = await scanFixture({
    'src/index.ts': [
      "import { Hono } from 'hono';",
      "import { some, every } from 'hono/combine';",
      "import { bearerAuth } from 'hono/bearer-auth';",
      "import { jwt } from 'hono/jwt';",
      "import { logger } from 'hono/logger';",
      'const app = new Hono();',
      "app.get('/a', some(bearerAuth({ token: 't' }), jwt({ secret: process.env.S! })), (c) => c.text('a'));",
      "app.get('/b', some(bearerAuth({ token: 't' }), logger()), (c) => c.text('b'));",
      "app.get('/c', every(logger(), jwt({ secret: process.env.S! })), (c) => c.text('c'));",
      '',
    ].join('\n'),
  });
  assert.deepEqual(
    model.routes.filter((r) => r.framework === 'hono').map((r) => `${r.path} ${r.protections.map((p) => p.kind).join(',')}`),
    ['/a auth', '/b ', '/c auth'],
  );
});

test('functions that register routes on an app passed to them (typed Hono) keep the caller\'s guards and base path', async () => {
  const { model } = await scanFixture({
    'src/index.ts': [
      "import { Hono } from 'hono';",
      "import { jwt } from 'hono/jwt';",
      "import { registerUsers } from './users';",
      "const app = new Hono().basePath('/api');",
      "registerUsers(app);",
      "app.use('/users/*', jwt({ secret: process.env.S! }));",
      "registerUsers(app);",
      '',
    ].join('\n'),
    'src/users.ts': [
      "import type { Hono } from 'hono';",
      'export function registerUsers(app: Hono) {',
      "  app.get('/users/:id', (c) => c.json({}));",
      '}',
      'export function unrelated(c: { get(k: string, v: number): void }) {',
      "  c.get('/x', 1);",
      '}',
      '',
    ].join('\n'),
  });
  assert.deepEqual(
    model.routes.filter((r) => r.framework === 'hono').map((r) => `${r.method} ${r.path} ${r.file}:${r.span.line} ${r.protections.map((p) => `${p.name}:${p.scope}`).join(',')} via=${r.via.map((v) => v.message).join('|')}`),
    [
      "GET /api/users/:id src/users.ts:3  via=basePath('/api')|routes registered by registerUsers()",
      "GET /api/users/:id src/users.ts:3 jwt:mount via=basePath('/api')|routes registered by registerUsers()",
    ],
  );
});

test('use() patterns follow Hono matching', () => {
  assert.equal(patternMatches('/*', '/anything/at/all'), true);
  assert.equal(patternMatches('/api/*', '/api'), true);
  assert.equal(patternMatches('/api/*', '/api/x/y'), true);
  assert.equal(patternMatches('/api/*', '/apix'), false);
  assert.equal(patternMatches('/api', '/api/x'), false);
  assert.equal(patternMatches('/users/:id/*', '/users/:userId/posts'), true);
  assert.equal(patternMatches('/users/:id/*', '/users'), false);
});

test('half-written and odd registrations never crash extraction or linking', async () => {
  const { model } = await scanFixture({
    'src/h.ts': [
      "import { Hono } from 'hono';",
      'const app = new Hono();',
      "app.get(); app.on(); app.on('GET'); app.use(); app.route(); app.route('/x'); app.basePath();",
      "app.route('/me', app); app.openapi(); app.openapi({}); app.openapi(thing, h);",
      "const b = new Hono(); const c = new Hono(); b.route('/c', c); c.route('/b', b);",
      "app.get('/ok', (c) => c.text('ok'));",
      'function h() {}',
      'declare const thing: any;',
      '',
    ].join('\n'),
  });
  assert.deepEqual(model.skipped, []);
  assert.deepEqual(model.problems, []);
  assert.deepEqual(model.routes.filter((r) => r.framework === 'hono').map((r) => r.path), ['/ok']);
});

test('Express and other non-Hono apps produce no Hono routes', async () => {
  const { model } = await scanFixture({
    'src/app.ts': "import express from 'express';\nconst app = express();\napp.get('/y', (req, res) => res.send('y'));\nexport default app;\n",
    'src/cache.ts': "import { cache } from './store';\ncache.get('key', () => 1);\n",
    'src/store.ts': 'export const cache = new Map();\n',
  });
  assert.deepEqual(model.routes.filter((r) => r.framework === 'hono'), []);
});

test(
  'a middleware that checks the Authorization header and returns 401 counts as auth by behaviour',
  async () => {
    const { model } = await scanFixture({
      'src/index.ts': [
        "import { Hono } from 'hono';",
        'const app = new Hono();',
        "app.use('/api/*', async (c, next) => {",
        "  if (!c.req.header('Authorization')) return c.json({ error: 'unauthorized' }, 401);",
        '  await next();',
        '});',
        "app.get('/api/me', (c) => c.json({}));",
        '',
      ].join('\n'),
    });
    const route = model.routes.find((r) => r.framework === 'hono')!;
    assert.deepEqual(route.protections.map((p) => [p.kind, p.via]), [['auth', 'behaviour']]);
  },
);
