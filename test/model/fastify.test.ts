import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { scanFixture } from '../helpers/scan';
import { inventory as inventoryOf, scanFixtureDir } from '../helpers/inventory';
import type { WorkspaceModel } from '../../server/src/model/types';

const inventory = (model: WorkspaceModel) => inventoryOf(model, 'fastify');

test('fastify-ts: plugins across files, prefixes, encapsulation both ways, fp, jwt decorator, rate limits, schemas', async () => {
  const { model } = await scanFixtureDir('fastify-ts');
  assert.deepEqual(inventory(model), [
    'GET /api/admin/stats src/routes/admin.ts:12 handler=src/routes/admin.ts:<anonymous>@12 [auth:app.authenticate:router]',
    'DELETE /api/admin/danger/users/:id src/routes/admin.ts:16 handler=src/routes/admin.ts:<anonymous>@16 [auth:app.authenticate:router, role:requireAdmin:router]',
    'POST /api/public/login src/routes/public.ts:6 handler=src/routes/public.ts:<anonymous>@6 [validation:schema (body):route, rateLimit:config.rateLimit:route]',
    'GET /api/public/status src/routes/public.ts:7 handler=src/routes/public.ts:<anonymous>@7 []',
    'GET /api/tickets src/routes/tickets.ts:11 handler=src/routes/tickets.ts:listTickets@11 [auth:app.authenticate:router]',
    'GET /api/tickets/:id src/routes/tickets.ts:14 handler=src/handlers/tickets.ts:getTicket@3 [auth:app.authenticate:router, validation:schema (params):route]',
    'PUT /api/tickets/:id src/routes/tickets.ts:15 handler=src/routes/tickets.ts:handler@20 [auth:app.authenticate:router, rateLimit:app.rateLimit():route, validation:schema (body):route]',
    'PATCH /api/tickets/:id src/routes/tickets.ts:15 handler=src/routes/tickets.ts:handler@20 [auth:app.authenticate:router, rateLimit:app.rateLimit():route, validation:schema (body):route]',
    'POST /api/tickets/:id/replies src/routes/tickets.ts:22 handler=src/routes/tickets.ts:replyToTicket@25 [auth:app.authenticate:router]',
    'GET /health src/server.ts:15 handler=src/server.ts:<anonymous>@15 []',
  ]);
  const stats = model.routes.find((r) => r.framework === 'fastify' && r.path === '/api/admin/stats')!;
  const auth = stats.protections[0];
  assert.equal(auth.library, '@fastify/jwt');
  // The hook runs the decorator's function: rules can inspect its body.
  assert.equal(model.functions[stats.middlewareIds[0]].params[0].name, 'request');
  assert.deepEqual(
    stats.via.map((v) => `${v.message} @ ${v.location.file}:${v.location.span.line}`),
    ["plugin registered with prefix '/api/admin' @ src/server.ts:18"],
  );
  const danger = model.routes.find((r) => r.path === '/api/admin/danger/users/:id')!;
  assert.deepEqual(
    danger.via.map((v) => `${v.location.file}:${v.location.span.line}`),
    ['src/server.ts:18', 'src/routes/admin.ts:13'],
  );
});

test('fastify-cjs: require()d plugins, module.exports forms, global rate limit with a per-route opt-out', async () => {
  const { model } = await scanFixtureDir('fastify-cjs');
  assert.deepEqual(inventory(model), [
    'GET /healthz app.js:10 handler=app.js:<anonymous>@10 []',
    'POST /api/chat routes/chat.js:6 handler=routes/chat.js:<anonymous>@6 [rateLimit:@fastify/rate-limit:app, auth:fastify.authenticate:router, validation:schema (body):route]',
    'GET /api/chat/:conversationId/messages routes/chat.js:9 handler=routes/chat.js:<anonymous>@9 [rateLimit:@fastify/rate-limit:app, auth:fastify.authenticate:router]',
    'POST /webhooks/stripe routes/webhooks.js:4 handler=routes/webhooks.js:stripeWebhook@7 [rateLimit:@fastify/rate-limit:app]',
  ]);
  const chat = model.routes.find((r) => r.path === '/api/chat')!;
  assert.equal(chat.protections[0].keyedBy, 'ip');
  assert.equal(chat.protections[0].declaredAt.file, 'app.js');
  assert.equal(chat.protections[0].declaredAt.span.line, 5);
});

test('anchors point at the options object or the handler argument', async () => {
  const { model, root } = await scanFixtureDir('fastify-ts');
  const text = (file: string) => readFileSync(join(root, file), 'utf8');
  const byPath = (method: string, path: string) => model.routes.find((r) => r.framework === 'fastify' && r.method === method && r.path === path)!;

  const one = byPath('GET', '/api/tickets/:id');
  const opts = one.anchors!.optionsObject!;
  assert.equal(text(one.file).slice(opts.start, opts.end), '{ schema: { params: ticketParams } }');
  assert.equal(one.anchors!.middlewareInsert, undefined);

  const reply = byPath('POST', '/api/tickets/:id/replies');
  assert.equal(reply.anchors!.optionsObject, undefined);
  assert.ok(text(reply.file).slice(reply.anchors!.middlewareInsert!).startsWith('replyToTicket);'));

  const put = byPath('PUT', '/api/tickets/:id');
  const route = put.anchors!.optionsObject!;
  const routeText = text(put.file).slice(route.start, route.end);
  assert.ok(routeText.startsWith("{\n    method: ['PUT', 'PATCH'],"));
  assert.ok(routeText.endsWith('request.body,\n  }'));
});

test('encapsulation: a plain plugin hook stays inside; an fp plugin hook guards the parent and its other children', async () => {
  const { model } = await scanFixture(
    {
      'src/app.ts': [
        "import Fastify from 'fastify';",
        "import fp from 'fastify-plugin';",
        "import { verifySession } from './session';",
        'const app = Fastify();',
        'app.register(async (inner) => {',
        "  inner.addHook('onRequest', verifySession);",
        "  inner.get('/inner', async () => 1);",
        '});',
        "app.get('/sibling', async () => 2);",
        'app.register(async (scoped) => {',
        '  scoped.register(fp(async (shared) => {',
        "    shared.addHook('preHandler', verifySession);",
        '  }));',
        "  scoped.register(async (child) => { child.get('/child', async () => 3); }, { prefix: '/c' });",
        "  scoped.get('/scoped', async () => 4);",
        "}, { prefix: '/s' });",
        '',
      ].join('\n'),
      'src/session.ts': 'export async function verifySession(request: any, reply: any) {}\n',
    },
    { helpers: { auth: ['verifySession'] } },
  );
  assert.deepEqual(
    model.routes.filter((r) => r.framework === 'fastify').map((r) => `${r.method} ${r.path} ${r.protections.map((p) => `${p.name}:${p.scope}`).join(',')}`),
    ['GET /inner verifySession:router', 'GET /sibling ', 'GET /s/c/child verifySession:router', 'GET /s/scoped verifySession:router'],
  );
});

test('rate limits: opt-in with global:false, plugin absent means config.rateLimit protects nothing', async () => {
  const withPlugin = await scanFixture({
    'src/app.ts': [
      "import Fastify from 'fastify';",
      "import rateLimit from '@fastify/rate-limit';",
      'const app = Fastify();',
      'app.register(rateLimit, { global: false, keyGenerator: (req) => req.user.id });',
      "app.post('/api/chat', { config: { rateLimit: { max: 10 } } }, async () => 'hi');",
      "app.post('/api/other', async () => 'hi');",
      '',
    ].join('\n'),
  });
  const [chat, other] = withPlugin.model.routes.filter((r) => r.framework === 'fastify');
  assert.deepEqual(chat.protections.map((p) => [p.kind, p.scope, p.library, p.keyedBy]), [['rateLimit', 'route', '@fastify/rate-limit', 'user']]);
  assert.deepEqual(other.protections, []);

  const without = await scanFixture({
    'src/app.ts': "import Fastify from 'fastify';\nconst app = Fastify();\napp.post('/api/chat', { config: { rateLimit: { max: 10 } } }, async () => 'hi');\n",
  });
  assert.deepEqual(without.model.routes.filter((r) => r.framework === 'fastify')[0].protections, []);
});

test('plugins loaded by import(), default-exported fp(named) plugins and withTypeProvider instances resolve', async () => {
  const { model } = await scanFixture({
    'src/server.ts': [
      "import fastify from 'fastify';",
      "import guard from './guard';",
      'export function build() {',
      '  const server = fastify().withTypeProvider<any>();',
      '  server.register(guard);',
      "  server.register(import('./routes'), { prefix: '/v1' });",
      '  return server;',
      '}',
      '',
    ].join('\n'),
    'src/guard.ts': [
      "import fp from 'fastify-plugin';",
      "import type { FastifyInstance } from 'fastify';",
      'async function guard(app: FastifyInstance) {',
      "  app.addHook('onRequest', async (request) => { await request.jwtVerify(); });",
      '}',
      'export default fp(guard);',
      '',
    ].join('\n'),
    'src/routes.ts': [
      "import type { FastifyInstance } from 'fastify';",
      'export default async function routes(app: FastifyInstance) {',
      "  app.withTypeProvider<any>().get('/items/:id', async () => ({}));",
      '}',
      '',
    ].join('\n'),
  });
  const routes = model.routes.filter((r) => r.framework === 'fastify');
  assert.deepEqual(
    routes.map((r) => `${r.method} ${r.path} ${r.protections.map((p) => `${p.kind}:${p.library}:${p.scope}`).join(',')}`),
    ['GET /v1/items/:id auth:@fastify/jwt:app'],
  );
  assert.equal(routes[0].middlewareIds.length, 1);
});

test('route options passed by name: the same-file object is read and is the options anchor', async () => {
  const text = [
    "import Fastify from 'fastify';",
    'const app = Fastify();',
    "const createOpts = { schema: { body: { type: 'object' } }, handler: async function create() { return 1; } };",
    "app.post('/api/items', createOpts);",
    "const pingRoute = { method: 'GET', url: '/api/ping', preHandler: app.rateLimit(), handler: async () => 'pong' };",
    'app.route(pingRoute);',
    "app.get('/api/open', { config: { public: true } }, async () => 'hello');",
    '',
  ].join('\n');
  const { model } = await scanFixture({ 'src/app.ts': text });
  const [route, ping, open] = model.routes.filter((r) => r.framework === 'fastify');
  assert.deepEqual([open.path, open.tags], ['/api/open', ['public']]);
  assert.deepEqual(route.tags.includes('public'), false);
  assert.deepEqual([ping.method, ping.path, ping.span.line, ping.protections.map((p) => p.kind).join()], ['GET', '/api/ping', 6, 'rateLimit']);
  assert.equal(model.functions[route.handlerId!].name, 'create');
  assert.deepEqual(route.protections.map((p) => `${p.kind}:${p.name}`), ['validation:schema (body)']);
  const { start, end } = route.anchors!.optionsObject!;
  assert.ok(text.slice(start, end).startsWith('{ schema:'));
  assert.equal(route.anchors!.middlewareInsert, undefined);
});

test('paths and prefixes written with same-file constants and templates', async () => {
  const { model } = await scanFixture({
    'src/app.ts': [
      "import Fastify from 'fastify';",
      "const API = '/api';",
      "const VERSION = 'v1';",
      'const app = Fastify();',
      'app.register(async (r) => {',
      "  r.get('/' + 'items', async () => []);",
      '}, { prefix: `${API}/${VERSION}` });',
      "app.route({ method: 'GET', url: API + '/ping', handler: async () => 'pong' });",
      '',
    ].join('\n'),
  });
  assert.deepEqual(model.routes.filter((r) => r.framework === 'fastify').map((r) => `${r.method} ${r.path}`), ['GET /api/v1/items', 'GET /api/ping']);
});

test('auth plugins used as hooks: @fastify/passport, @fastify/auth over decorators', async () => {
  const { model } = await scanFixture({
    'src/app.ts': [
      "import Fastify from 'fastify';",
      "import fastifyPassport from '@fastify/passport';",
      'const app = Fastify();',
      "app.decorate('verifyJWT', async (request) => { await request.jwtVerify(); });",
      "app.get('/a', { preValidation: fastifyPassport.authenticate('jwt') }, async () => 'a');",
      "app.get('/b', { onRequest: app.auth([app.verifyJWT]) }, async () => 'b');",
      "app.get('/c', { onRequest: app.auth([app.somethingElse]) }, async () => 'c');",
      "app.decorate('authorize', (role: string) => async (request: any) => { await request.jwtVerify(); });",
      "app.get('/d', { preHandler: app.authorize('admin') }, async () => 'd');",
      '',
    ].join('\n'),
  });
  assert.deepEqual(
    model.routes.filter((r) => r.framework === 'fastify').map((r) => `${r.path} ${r.protections.map((p) => `${p.kind}:${p.library}`).join(',')}`),
    ['/a auth:@fastify/passport', '/b auth:@fastify/auth', '/c ', '/d auth:@fastify/jwt'],
  );
});

test('a function given the instance registers in the caller\'s context, under its hooks', async () => {
  const { model } = await scanFixture(
    {
      'src/app.ts': [
        "import Fastify from 'fastify';",
        "import { registerRoutes } from './routes';",
        "import { verifySession } from './session';",
        'const app = Fastify();',
        "app.register(async (api) => {",
        "  api.addHook('onRequest', verifySession);",
        '  registerRoutes(api);',
        "  api.get('/audit', async (request) => { audit(request); return 1; });",
        "}, { prefix: '/api' });",
        'function audit(request: unknown) {}',
        '',
      ].join('\n'),
      'src/routes.ts': [
        "import type { FastifyInstance } from 'fastify';",
        'export function registerRoutes(app: FastifyInstance) {',
        "  app.get('/things', async () => []);",
        '}',
        '',
      ].join('\n'),
      'src/session.ts': 'export async function verifySession(request: any, reply: any) {}\n',
    },
    { helpers: { auth: ['verifySession'] } },
  );
  assert.deepEqual(
    model.routes.filter((r) => r.framework === 'fastify').map((r) => `${r.method} ${r.path} ${r.file}:${r.span.line} ${r.protections.map((p) => `${p.name}:${p.scope}`).join(',')}`),
    ['GET /api/audit src/app.ts:8 verifySession:router', 'GET /api/things src/routes.ts:3 verifySession:router'],
  );
  // `audit(request)` in a handler hands over a request, not an instance: no plugin scope for the handler.
  const facts = model.files['src/app.ts'].collected.fastify as { scopes: { kind: string }[] };
  assert.deepEqual(facts.scopes.map((s) => s.kind), ['instance', 'plugin']);
});

test('fastify-cli layout: @fastify/autoload loads plugins (fp hooks reach the app) and routes with folder prefixes', async () => {
  const { model } = await scanFixture({
    'app.js': [
      "const path = require('node:path');",
      "const AutoLoad = require('@fastify/autoload');",
      'module.exports = async function (fastify, opts) {',
      "  fastify.register(AutoLoad, { dir: path.join(__dirname, 'plugins'), options: Object.assign({}, opts) });",
      "  fastify.register(AutoLoad, { dir: path.join(__dirname, 'routes'), options: { prefix: '/api' } });",
    "  fastify.register(AutoLoad, { dir: path.join(__dirname, 'flat'), dirNameRoutePrefix: false });",
      '};',
      '',
    ].join('\n'),
    'plugins/support.js': [
      "const fp = require('fastify-plugin');",
      'module.exports = fp(async function (fastify) {',
      "  fastify.addHook('onRequest', async (request) => { await request.jwtVerify(); });",
      '});',
      '',
    ].join('\n'),
    'routes/root.js': "module.exports = async function (fastify) {\n  fastify.get('/', async () => ({ root: true }));\n};\n",
    'routes/example/index.js': "module.exports = async function (fastify) {\n  fastify.get('/', async () => 'example');\n};\n",
    'flat/deep/er/hooks.js': "module.exports = async function (fastify) {\n  fastify.get('/flat', async () => 'f');\n};\n",
    'routes/users/_id/index.js': "module.exports = async (fastify) => {\n  fastify.delete('/', async () => null);\n};\n",
  });
  assert.deepEqual(
    model.routes.filter((r) => r.framework === 'fastify').map((r) => `${r.method} ${r.path} ${r.file} ${r.protections.map((p) => `${p.kind}:${p.scope}`).join(',')}`),
    [
      'GET /flat flat/deep/er/hooks.js auth:app',
      'GET /api/example routes/example/index.js auth:app',
      'GET /api routes/root.js auth:app',
      'DELETE /api/users/:id routes/users/_id/index.js auth:app',
    ],
  );
  const example = model.routes.find((r) => r.path === '/api/example')!;
  assert.deepEqual(example.via.map((v) => `${v.message} @ ${v.location.file}:${v.location.span.line}`), [
    "plugin routes/example/index.js loaded by @fastify/autoload with prefix '/api/example' @ app.js:5",
  ]);
});

test('half-written and odd registrations never crash extraction or linking', async () => {
  const { model } = await scanFixture({
    'src/f.ts': [
      "import Fastify from 'fastify';",
      "import fp from 'fastify-plugin';",
      'const app = Fastify();',
      'app.get(); app.route(); app.route({}); app.register(); app.decorate("x");',
      "app.route({ method: 'GET' }); app.addHook('onRequest'); app.get('/a');",
      'app.register(fp()); app.register(require(x)); app.register(import("missing"));',
      'app.register(fp(fp(async (i) => { i.get("/deep", h); })));',
      "app.register(self); async function self(s) { s.register(self); s.get('/loop', h); }",
      'function h() {}',
      'declare const x: string;',
      '',
    ].join('\n'),
  });
  assert.deepEqual(model.skipped, []);
  assert.deepEqual(model.problems, []);
  assert.deepEqual(model.routes.filter((r) => r.framework === 'fastify').map((r) => r.path), ['/deep', '/loop']);
});

test('files that do not use Fastify produce no Fastify routes', async () => {
  const { model } = await scanFixture({
    // hapi plugins look alike (`server.register`, `server.route({ method, path })`) but are not Fastify.
    'src/hapi.js': [
      "const Hapi = require('@hapi/hapi');",
      'exports.plugin = { name: "x", register: async (server) => {',
      "  server.route({ method: 'GET', path: '/x', handler: () => 'x' });",
      "  server.register(require('./other'));",
      '} };',
      '',
    ].join('\n'),
    'src/app.ts': "import express from 'express';\nconst app = express();\napp.get('/y', (req, res) => res.send('y'));\n",
  });
  assert.deepEqual(model.routes.filter((r) => r.framework === 'fastify'), []);
});

test(
  'a hook that checks the Authorization header and replies 401 counts as auth by behaviour',
  async () => {
    const { model } = await scanFixture({
      'src/app.ts': [
        "import Fastify from 'fastify';",
        'const app = Fastify();',
        "app.addHook('onRequest', async (request, reply) => {",
        '  if (!request.headers.authorization) return reply.code(401).send();',
        '});',
        "app.get('/api/me', async () => ({}));",
        '',
      ].join('\n'),
    });
    const route = model.routes.find((r) => r.framework === 'fastify')!;
    assert.deepEqual(route.protections.map((p) => [p.kind, p.scope, p.via]), [['auth', 'app', 'behaviour']]);
  },
);
