import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { scanFixture, scanFolder } from '../helpers/scan';
import { describeFunction, findRoute, FIXTURES, rows } from './route-inventory';

const AUTH_AT_APP = ['rateLimit:apiLimiter@app', 'auth:requireAuth@app'];

test('express-ts: full route inventory across routers mounted from 5 files, in registration order', async () => {
  const { model } = await scanFolder(join(FIXTURES, 'express-ts'));
  const C = 'src/controllers/tickets.ts';
  assert.deepEqual(rows(model, 'express'), [
    { route: 'GET /api/admin/health', at: 'src/routes/admin.ts:7', handler: 'src/routes/admin.ts:7', protections: AUTH_AT_APP },
    { route: 'GET /api/admin/users', at: 'src/routes/admin.ts:9', handler: 'src/routes/admin.ts:9', protections: [...AUTH_AT_APP, 'role:requireRole@router'] },
    { route: 'POST /api/admin/users/:id/disable', at: 'src/routes/admin.ts:12', handler: 'src/routes/admin.ts:12', protections: [...AUTH_AT_APP, 'role:requireRole@router'] },
    { route: 'POST /api/chat', at: 'src/routes/chat.ts:6', handler: 'src/routes/chat.ts:6', protections: [...AUTH_AT_APP, 'rateLimit:chatLimiter@mount'] },
    {
      route: 'POST /api/chat/stream',
      at: 'src/routes/chat.ts:9',
      handler: 'src/routes/chat.ts#handleStream',
      protections: [...AUTH_AT_APP, 'rateLimit:chatLimiter@mount', 'rateLimit:rateLimit@route'],
    },
    { route: 'GET /api/tickets', at: 'src/routes/tickets.ts:7', handler: `${C}#list`, protections: AUTH_AT_APP },
    { route: 'GET /api/tickets/:id', at: 'src/routes/tickets.ts:8', handler: `${C}#get`, protections: AUTH_AT_APP },
    { route: 'GET /api/tickets/:id/comments', at: 'src/routes/tickets.ts:11', handler: `${C}#listComments`, protections: AUTH_AT_APP },
    { route: 'POST /api/tickets/:id/comments', at: 'src/routes/tickets.ts:12', handler: `${C}#addComment`, protections: [...AUTH_AT_APP, 'role:requireRole@route'] },
    { route: 'DELETE /api/tickets/:id', at: 'src/routes/tickets.ts:13', handler: 'src/routes/tickets.ts:13', protections: [...AUTH_AT_APP, 'role:requireRole@route'] },
    // Registered before `app.use(apiLimiter)`: nothing applies.
    { route: 'GET /health', at: 'src/server.ts:16', handler: 'src/server.ts:16', protections: [] },
    // After the limiter but before `app.use(API, requireAuth)`.
    { route: 'POST /api/login', at: 'src/server.ts:21', handler: 'src/server.ts:21', protections: ['rateLimit:apiLimiter@app'] },
    // After requireAuth, but outside its `/api` prefix.
    { route: 'GET /status', at: 'src/server.ts:30', handler: 'src/server.ts:30', protections: ['rateLimit:apiLimiter@app'] },
  ]);
});

test('express-ts: protections keep where they were declared, the library limiter is recognised, via names the mount', async () => {
  const { model } = await scanFolder(join(FIXTURES, 'express-ts'));
  const stream = findRoute(model, 'POST /api/chat/stream');
  const at = stream.protections.map((p) => `${p.name}@${p.declaredAt.file}:${p.declaredAt.span.line}`);
  assert.deepEqual(at, ['apiLimiter@src/server.ts:20', 'requireAuth@src/server.ts:25', 'chatLimiter@src/server.ts:27', 'rateLimit@src/routes/chat.ts:9']);
  const lib = stream.protections[3];
  assert.equal(lib.via, 'library');
  assert.equal(lib.library, 'express-rate-limit');
  assert.deepEqual(
    stream.via.map((v) => [v.message, v.location.file, v.location.span.line]),
    [['mounted at /api/chat in src/server.ts:27', 'src/server.ts', 27]],
  );
  const del = findRoute(model, 'DELETE /api/tickets/:id');
  assert.equal(del.framework, 'express');
  // The chain's functions: requireAuth, then the function requireRole('admin') returns.
  assert.deepEqual(del.middlewareIds.map((id) => describeFunction(model, id)), ['src/middleware/auth.ts#requireAuth', 'src/middleware/auth.ts:9']);
  const admin = findRoute(model, 'GET /api/admin/users');
  assert.deepEqual(admin.via.map((v) => v.message), ['mounted at /api/admin in src/server.ts:28']);
});

test('express-ts: anchors point at the first middleware/handler argument of each registration', async () => {
  const root = join(FIXTURES, 'express-ts');
  const { model } = await scanFolder(root);
  const after = (key: string, n: number) => {
    const r = findRoute(model, key);
    const text = readFileSync(join(root, r.file), 'utf8');
    assert.ok(r.anchors?.middlewareInsert !== undefined, `${key} has an anchor`);
    return text.slice(r.anchors.middlewareInsert, r.anchors.middlewareInsert + n);
  };
  assert.equal(after('GET /health', 14), '(_req, res) =>');
  assert.equal(after('GET /api/tickets', 12), 'tickets.list');
  assert.equal(after('POST /api/tickets/:id/comments', 22), '[requireRole(\'agent\')]');
  assert.equal(after('DELETE /api/tickets/:id', 20), "requireRole('admin')");
  assert.equal(after('POST /api/chat/stream', 10), 'rateLimit(');
  // Inserting a guard there keeps the call well-formed and makes it the route's first middleware.
  const r = findRoute(model, 'GET /api/tickets');
  const text = readFileSync(join(root, r.file), 'utf8');
  const fixed = text.slice(0, r.anchors!.middlewareInsert) + 'requireAuth, ' + text.slice(r.anchors!.middlewareInsert);
  assert.match(fixed, /router\.get\('\/', requireAuth, tickets\.list\);/);
});

test('express-cjs: require/module.exports, route() chains, nested routers, sub-app, controllers in other files', async () => {
  const { model } = await scanFolder(join(FIXTURES, 'express-cjs'));
  const auth = ['auth:requireAuth@mount'];
  const U = 'controllers/users.js#';
  const P = 'controllers/projects.js#';
  assert.deepEqual(rows(model, 'express'), [
    { route: 'GET /admin/stats', at: 'admin.js:6', handler: 'admin.js:6', protections: ['role:requireRole@router'] },
    { route: 'POST /webhooks/stripe', at: 'app.js:11', handler: 'routes/webhooks.js#exports.stripe', protections: [] },
    // `app.use('/ping', (req, res) => …)` ends the request: an endpoint for every method. The 404 handler is not.
    { route: 'ALL /ping', at: 'app.js:14', handler: 'app.js:14', protections: [] },
    // Registered by `registerHealth(app)`, a function required from another file.
    { route: 'GET /healthz', at: 'routes/health.js:2', handler: 'routes/health.js:2', protections: [] },
    { route: 'GET /api/projects/:projectId/tasks', at: 'routes/projects.js:8', handler: `${P}listTasks`, protections: auth },
    { route: 'GET /api/projects/:projectId', at: 'routes/projects.js:9', handler: `${P}show`, protections: auth },
    { route: 'DELETE /api/projects/:projectId', at: 'routes/projects.js:11', handler: `${P}destroy`, protections: [...auth, 'role:requireRole@route'] },
    { route: 'GET /api/users', at: 'routes/users.js:4', handler: `${U}exports.list`, protections: auth },
    { route: 'POST /api/users', at: 'routes/users.js:4', handler: `${U}exports.create`, protections: auth },
    { route: 'GET /api/users/:id', at: 'routes/users.js:6', handler: `${U}exports.show`, protections: auth },
    { route: 'PUT /api/users/:id', at: 'routes/users.js:7', handler: `${U}module.exports.update`, protections: auth },
    { route: 'DELETE /api/users/:id', at: 'routes/users.js:8', handler: `${U}exports.remove`, protections: auth },
  ]);
  const tasks = findRoute(model, 'GET /api/projects/:projectId/tasks');
  assert.deepEqual(tasks.via.map((v) => `${v.location.file}:${v.location.span.line}`), ['app.js:12', 'routes/index.js:7', 'routes/projects.js:10']);
  assert.equal(tasks.protections[0].declaredAt.file, 'app.js');
});

test('express: use() order, prefixes, constants, regex and array paths, routers imported into another file', async () => {
  const { model } = await scanFixture(
    {
    'src/app.ts': [
      "import express from 'express';",
      "import { auth } from './auth';",
      "import { router } from './router';",
      "const V = '/v1';",
      'const app = express();',
      "app.get('env');", // a setting read, not a route
      "app.get(V + '/early', (req, res) => res.end());",
      'app.use(auth);',
      'app.get(`${V}/late`, (req, res) => res.end());',
      "app.get(/^\\/files\\/.*$/, (req, res) => res.end());",
      "app.get(['/a', '/b/'], (req, res) => res.end());",
      "app.use('/r', router);",
      'app.use((err, req, res, next) => res.status(500).end());',
      '',
    ].join('\n'),
    'src/auth.ts': 'export function auth(req, res, next) { next(); }\n',
    'src/router.ts': "import { Router } from 'express';\nexport const router = Router();\n",
    // Routes added to an imported router from a file that never mentions express.
    'src/more.ts': "import { router } from './router';\nrouter.post('/x', (req, res) => res.end());\n",
    },
    { helpers: { auth: ['auth'] } },
  );
  assert.deepEqual(
    rows(model, 'express').map((r) => `${r.route} ${r.at} [${r.protections.join(',')}]`),
    [
      'GET /v1/early src/app.ts:7 []',
      'GET /v1/late src/app.ts:9 [auth:auth@app]',
      'GET /^\\/files\\/.*$/ src/app.ts:10 [auth:auth@app]',
      'GET /a src/app.ts:11 [auth:auth@app]',
      'GET /b src/app.ts:11 [auth:auth@app]',
      'POST /r/x src/more.ts:2 [auth:auth@app]',
    ],
  );
});

test('express: calls that only look like routes are not routes', async () => {
  const { model } = await scanFixture({
    'src/client.ts': [
      "import axios from 'axios';",
      "import express from 'express';",
      'const cache = new Map<string, string>();',
      "cache.delete('/x');",
      "export async function load() { return axios.get('/api/x', { timeout: 1 }); }",
      'const app = express();',
      "app.get('/ok', (req, res) => { res.set('x', req.get('host') ?? ''); res.end(); });",
      '',
    ].join('\n'),
  });
  assert.deepEqual(rows(model, 'express').map((r) => r.route), ['GET /ok']);
  assert.deepEqual(rows(model, 'koa'), []);
});

test('express: a registering function nobody visibly calls still declares its routes', async () => {
  const { model } = await scanFixture({
    'src/routes.js': "module.exports = (app) => {\n  app.delete('/api/thing/:id', (req, res) => res.end());\n};\n",
  });
  assert.deepEqual(rows(model, 'express').map((r) => `${r.route} ${r.at}`), ['DELETE /api/thing/:id src/routes.js:2']);
});

test('express: class-based servers register on this.app / this.router', async () => {
  const { model } = await scanFixture(
    {
      'src/server.ts': [
        "import express, { Router } from 'express';",
        "import { requireAuth } from './auth';",
        'export class Server {',
        '  private app = express();',
        '  private router = Router();',
        '  constructor() {',
        "    this.router.get('/me', (req, res) => res.json({}));",
        "    this.app.use('/api', requireAuth, this.router);",
        "    this.app.get('/up', (req, res) => res.end());",
        '  }',
        '}',
        '',
      ].join('\n'),
      'src/auth.ts': 'export const requireAuth = (req, res, next) => next();\n',
    },
    { helpers: { auth: ['requireAuth'] } },
  );
  assert.deepEqual(
    rows(model, 'express').map((r) => `${r.route} ${r.at} [${r.protections.join(',')}]`),
    ['GET /api/me src/server.ts:7 [auth:requireAuth@mount]', 'GET /up src/server.ts:9 []'],
  );
});

test('express: handlers on controller instances and bound methods resolve to the class method in another file', async () => {
  const { model } = await scanFixture({
    'src/routes.ts': [
      "import { Router } from 'express';",
      "import { TicketsController } from './tickets.controller';",
      'const ctrl = new TicketsController();',
      'export const router = Router();',
      "router.get('/tickets', ctrl.list);",
      "router.post('/tickets', ctrl.create.bind(ctrl));",
      "router.use(['/a', '/b'], (req, res) => res.end());",
      '',
    ].join('\n'),
    'src/tickets.controller.ts': [
      'export class TicketsController {',
      '  list(req, res) { res.json([]); }',
      '  create(req, res) { res.status(201).end(); }',
      '}',
      '',
    ].join('\n'),
  });
  assert.deepEqual(
    rows(model, 'express').map((r) => `${r.route} ${r.handler}`),
    [
      'GET /tickets src/tickets.controller.ts#TicketsController.list',
      'POST /tickets src/tickets.controller.ts#TicketsController.create',
      'ALL /a src/routes.ts:7',
      'ALL /b src/routes.ts:7',
    ],
  );
});

test('express: require()(deps) factories, require()(app) registrars and template paths with unknown parts', async () => {
  const { model } = await scanFixture({
    'server.js': [
      "const express = require('express');",
      'const app = express();',
      'const version = process.env.API_VERSION;',
      "app.use(`/api/${version}`, require('./routes/api')({ db: null }));",
      "require('./routes/ops')(app);",
      '',
    ].join('\n'),
    'routes/api.js': [
      "const { Router } = require('express');",
      'module.exports = function makeApi(deps) {',
      '  const api = Router();',
      "  api.get('/items/:id', (req, res) => res.json({ id: req.params.id }));",
      '  return api;',
      '};',
      '',
    ].join('\n'),
    'routes/ops.js': "module.exports = (app) => {\n  app.post('/ops/reindex', (req, res) => res.end());\n};\n",
  });
  assert.deepEqual(
    rows(model, 'express').map((r) => `${r.route} ${r.at}`),
    ['GET /api/:version/items/:id routes/api.js:4', 'POST /ops/reindex routes/ops.js:2'],
  );
});

test('express/koa pre-filters: frameworks and app/router registrations pass, UI look-alikes do not', async () => {
  const { expressAdapter } = await import('../../server/src/model/adapters/express');
  const { koaAdapter } = await import('../../server/src/model/adapters/koa');
  for (const adapter of [expressAdapter, koaAdapter]) {
    assert.equal(adapter.mayApply("const q = searchParams.get('q'); api.get('/x');", 'src/ui.tsx'), false);
    assert.equal(adapter.mayApply("router.post('/x', h);", 'src/more.ts'), true);
    assert.equal(adapter.mayApply('this.app.use(cors());', 'src/server.ts'), true);
  }
  assert.equal(expressAdapter.mayApply("import express from 'express';", 'a.ts'), true);
  assert.equal(koaAdapter.mayApply("import Router from '@koa/router';", 'a.ts'), true);
});
