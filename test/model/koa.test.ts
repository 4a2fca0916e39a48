import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { scanFixture, scanFolder } from '../helpers/scan';
import { FIXTURES, findRoute, rows } from './route-inventory';

const APP = ['rateLimit:limiter@app', 'auth:authenticate@app'];

test('koa-app: full route inventory (prefix option, prefix(), nested routes(), chained registrations, koa-mount)', async () => {
  const { model } = await scanFolder(join(FIXTURES, 'koa-app'));
  assert.deepEqual(rows(model, 'koa'), [
    // `mount('/status', async (ctx) => …)`: an endpoint for every method, after the app-level limiter and auth.
    { route: 'ALL /status', at: 'src/index.ts:16', handler: 'src/index.ts:16', protections: APP },
    { route: 'GET /legacy/orders/:id', at: 'src/legacy.ts:6', handler: 'src/legacy.ts:6', protections: APP },
    // Registered before the router is mounted, but mounted after `router.use('/reports', requireRole('analyst'), …)`.
    { route: 'GET /api/v1/reports/daily', at: 'src/routes/api.ts:9', handler: 'src/routes/api.ts:9', protections: [...APP, 'role:requireRole@mount'] },
    { route: 'GET /api/v1/me', at: 'src/routes/api.ts:13', handler: 'src/routes/api.ts:13', protections: APP },
    { route: 'DELETE /api/v1/cache', at: 'src/routes/api.ts:19', handler: 'src/routes/api.ts:19', protections: [...APP, 'role:requireRole@router'] },
    {
      route: 'ALL /api/v1/jobs/:id',
      at: 'src/routes/api.ts:22',
      handler: 'src/routes/api.ts:22',
      protections: [...APP, 'role:requireRole@router', 'role:requireRole@route'],
    },
    // Mounted before the limiter and authenticate: public on purpose. `login` is a named route.
    { route: 'GET /health', at: 'src/routes/public.ts:5', handler: 'src/routes/public.ts:5', protections: [] },
    { route: 'POST /auth/login', at: 'src/routes/public.ts:8', handler: 'src/routes/public.ts:8', protections: [] },
    { route: 'GET /api/v1/tickets', at: 'src/routes/tickets.ts:7', handler: 'src/routes/tickets.ts:7', protections: APP },
    { route: 'GET /api/v1/tickets/:id', at: 'src/routes/tickets.ts:10', handler: 'src/routes/tickets.ts:10', protections: APP },
  ]);
  assert.ok(model.routes.filter((r) => r.framework === 'koa').length === model.routes.length, 'no route is claimed by another adapter');
});

test('koa-app: prefixes and mounts are related information; protections point at their declarations', async () => {
  const { model } = await scanFolder(join(FIXTURES, 'koa-app'));
  const at = (v: { message: string; location: { file: string; span: { line: number } } }) => `${v.message} @${v.location.file}:${v.location.span.line}`;
  assert.deepEqual(findRoute(model, 'GET /api/v1/tickets').via.map(at), [
    'router prefix /api/v1 @src/routes/api.ts:6',
    'router prefix /tickets @src/routes/tickets.ts:4',
  ]);
  assert.deepEqual(findRoute(model, 'GET /api/v1/reports/daily').via.map(at), [
    'router prefix /api/v1 @src/routes/api.ts:6',
    'mounted at /api/v1/reports in src/routes/api.ts:17 @src/routes/api.ts:17',
  ]);
  assert.deepEqual(findRoute(model, 'GET /legacy/orders/:id').via.map(at), ['mounted at /legacy in src/index.ts:19 @src/index.ts:19']);
  const cache = findRoute(model, 'DELETE /api/v1/cache');
  assert.deepEqual(
    cache.protections.map((p) => `${p.name}@${p.declaredAt.file}:${p.declaredAt.span.line}`),
    ['limiter@src/index.ts:13', 'authenticate@src/index.ts:14', 'requireRole@src/routes/api.ts:18'],
  );
  assert.equal(cache.middlewareIds.length, 2, 'authenticate and the function requireRole returns');
});

test('koa-app: anchors sit before the handler (after the name of a named route)', async () => {
  const root = join(FIXTURES, 'koa-app');
  const { model } = await scanFolder(root);
  const slice = (key: string, n: number) => {
    const r = findRoute(model, key);
    const text = readFileSync(join(root, r.file), 'utf8');
    return text.slice(r.anchors!.middlewareInsert!, r.anchors!.middlewareInsert! + n);
  };
  assert.equal(slice('POST /auth/login', 11), 'async (ctx)');
  assert.equal(slice('ALL /api/v1/jobs/:id', 18), "requireRole('ops')");
  assert.equal(slice('GET /api/v1/tickets/:id', 11), 'async (ctx)');
  // `app.use(mount('/status', fn))`: Koa's use() takes one middleware, so there is nowhere safe to insert one.
  assert.equal(findRoute(model, 'ALL /status').anchors, undefined);
});

test('koa: router.use order, koa-router without new, ctx.get is not a route', async () => {
  const { model } = await scanFixture(
    {
      'src/server.js': [
        "const Koa = require('koa');",
        "const Router = require('koa-router');",
        "const { guard } = require('./guard');",
        'const app = new Koa();',
        "const router = Router({ prefix: '/x' });",
        "router.get('/open', (ctx) => { ctx.body = ctx.get('host'); });",
        "router.use('/locked', guard);",
        "router.post('/locked/a', (ctx) => { ctx.status = 201; });",
        "router.post('/other', (ctx) => { ctx.status = 201; });",
        'app.use(router.routes());',
        '',
      ].join('\n'),
      'src/guard.js': 'exports.guard = async (ctx, next) => { await next(); };\n',
    },
    { helpers: { auth: ['guard'] } },
  );
  assert.deepEqual(
    rows(model, 'koa').map((r) => `${r.route} ${r.at} [${r.protections.join(',')}]`),
    ['GET /x/open src/server.js:6 []', 'POST /x/locked/a src/server.js:8 [auth:guard@router]', 'POST /x/other src/server.js:9 []'],
  );
  assert.deepEqual(rows(model, 'express'), []);
});
