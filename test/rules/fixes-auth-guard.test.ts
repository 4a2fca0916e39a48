/**
 * "Add auth guard": every fix is applied, the touched files must parse and type-check, and (where the framework's
 * adapter exists) a re-scan must show the finding gone with no fix left to apply (idempotent).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Fix } from '../../rules/api';
import { parseFixture } from '../helpers/fixture';
import { scanFixture } from '../helpers/scan';
import { checkFix } from '../helpers/apply-fix';
import { buildModel, runRule } from '../helpers/model-builder';
import type { ReadinessConfig } from '../../server/src/config';

const RULE = 'auth-missing';

async function fixFor(files: Record<string, string>, route: string, config: ReadinessConfig = {}, file?: string): Promise<Fix> {
  const { result } = await scanFixture(files, config);
  const f = result.findings.find((x) => x.rule === RULE && x.route === route && (!file || x.file === file));
  assert.ok(f, `finding for ${route}; got ${result.findings.map((x) => `${x.rule} ${x.route}`).join(', ')}`);
  assert.equal(f.fixes.length, 1, 'one fix offered');
  return f.fixes[0];
}

async function remaining(files: Record<string, string>, route: string, config: ReadinessConfig = {}) {
  const { result } = await scanFixture(files, config);
  return result.findings.filter((x) => x.rule === RULE && x.route === route);
}

const EXPRESS = parseFixture(`
//- /src/middleware/auth.ts
import type { Request, Response, NextFunction } from 'express';
export function requireAuth(req: Request, res: Response, next: NextFunction) {
  if (!req.headers.authorization) return res.status(401).json({ error: 'unauthorized' });
  next();
}
//- /src/routes/tickets.ts
import { Router } from 'express';
import { requireAuth } from '../middleware/auth';
export const tickets = Router();
tickets.get('/api/tickets', requireAuth, (req, res) => res.json([]));
tickets.get('/api/tickets/:id', (req, res) => res.json({ id: req.params.id }));
//- /src/routes/chat.ts
import { Router } from 'express';
export const chat = Router();
chat.post('/api/chat', async (req, res) => {
  res.json({ reply: 'hi' });
});
`);
const HELPERS: ReadinessConfig = { helpers: { auth: ['requireAuth'] } };

test('express: reuses the project guard with a correct relative import, and the result parses and type-checks', async () => {
  const fix = await fixFor(EXPRESS, 'POST /api/chat', HELPERS);
  assert.equal(fix.safe, true);
  assert.equal(fix.createFiles, undefined);
  const { files, problems } = checkFix(EXPRESS, fix);
  assert.deepEqual(problems, []);
  assert.match(files['src/routes/chat.ts'], /^import \{ Router \} from 'express';\nimport \{ requireAuth \} from '\.\.\/middleware\/auth';\n/);
  assert.match(files['src/routes/chat.ts'], /chat\.post\('\/api\/chat', requireAuth, async \(req, res\) =>/);
  assert.deepEqual(await remaining(files, 'POST /api/chat', HELPERS), [], 'finding gone after the fix');
});

test('express: no second import when the file already imports the guard', async () => {
  const fix = await fixFor(EXPRESS, 'GET /api/tickets/:id', HELPERS);
  assert.deepEqual(fix.edits.map((e) => e.newText), ['requireAuth, ']);
  const { files, problems } = checkFix(EXPRESS, fix);
  assert.deepEqual(problems, []);
  assert.deepEqual(await remaining(files, 'GET /api/tickets/:id', HELPERS), []);
});

const BARE = parseFixture(`
//- /package.json
{ "dependencies": { "express": "^4.19.0", "jsonwebtoken": "^9.0.0" } }
//- /src/app.ts
import express from 'express';
import { chat } from './routes/chat';
const app = express();
app.use(chat);
app.get('/api/conversations', (req, res) => res.json([]));
//- /src/routes/chat.ts
import { Router } from 'express';
export const chat = Router();
chat.post('/api/chat', async (req, res) => {
  res.json({ reply: 'hi' });
});
`);

test('express without any guard: creates one module (jsonwebtoken), then reuses it for the next route', async () => {
  const first = await fixFor(BARE, 'POST /api/chat');
  assert.equal(first.safe, false, 'creating a guard needs review');
  assert.deepEqual(first.createFiles?.map((f) => f.file), ['src/middleware/require-auth.ts']);
  assert.match(first.createFiles![0].text, /jwt\.verify\(token, secret\)/);
  assert.match(first.createFiles![0].text, /res\.status\(401\)/);
  const step1 = checkFix(BARE, first);
  assert.deepEqual(step1.problems, []);
  assert.deepEqual(await remaining(step1.files, 'POST /api/chat', HELPERS), []);
  const second = await fixFor(step1.files, 'GET /api/conversations', HELPERS);
  assert.equal(second.createFiles, undefined, 'the module is created once');
  assert.ok(second.edits.some((e) => e.newText === "import { requireAuth } from './middleware/require-auth';\n"));
  const step2 = checkFix(step1.files, second);
  assert.deepEqual(step2.problems, []);
  assert.deepEqual(await remaining(step2.files, 'GET /api/conversations', HELPERS), []);
});

test('express CommonJS: require-style import and a CommonJS guard module with a deny-by-default TODO', async () => {
  const files = {
    'src/app.js': "const express = require('express');\nconst app = express();\napp.post('/api/chat', (req, res) => res.json({}));\nmodule.exports = app;\n",
  };
  const fix = await fixFor(files, 'POST /api/chat');
  const created = fix.createFiles![0];
  assert.equal(created.file, 'src/middleware/require-auth.js');
  assert.match(created.text, /module\.exports = \{ requireAuth \};/);
  assert.match(created.text, /TODO\(readiness\)/);
  assert.doesNotMatch(created.text, /^import /m);
  assert.match(fix.note ?? '', /rejects every request with 401/);
  const { files: after, problems } = checkFix(files, fix);
  assert.deepEqual(problems, []);
  assert.match(after['src/app.js'], /^const express = require\('express'\);\nconst \{ requireAuth \} = require\('\.\/middleware\/require-auth'\);\n/);
  assert.deepEqual(await remaining(after, 'POST /api/chat', HELPERS), []);
});

test('koa: route middleware before the handler', async () => {
  const files = {
    'src/auth.ts': "import type { Context, Next } from 'koa';\nexport async function requireAuth(ctx: Context, next: Next) { if (!ctx.get('authorization')) { ctx.status = 401; return; } await next(); }\n",
    'src/routes.ts': "import Router from '@koa/router';\nimport { requireAuth } from './auth';\nexport const router = new Router();\nrouter.get('/api/me', requireAuth, async (ctx) => { ctx.body = {}; });\nrouter.post('/api/chat', async (ctx) => { ctx.body = {}; });\n",
  };
  const fix = await fixFor(files, 'POST /api/chat', HELPERS);
  const { files: after, problems } = checkFix(files, fix);
  assert.deepEqual(problems, []);
  assert.match(after['src/routes.ts'], /router\.post\('\/api\/chat', requireAuth, async \(ctx\)/);
  assert.deepEqual(await remaining(after, 'POST /api/chat', HELPERS), []);
});

test('fastify: onRequest in the existing options object, or a new options argument', async () => {
  const files = {
    'src/auth.ts': "import type { FastifyReply, FastifyRequest } from 'fastify';\nexport async function requireAuth(request: FastifyRequest, reply: FastifyReply) { if (!request.headers.authorization) return reply.code(401).send(); }\n",
    'src/server.ts': "import Fastify from 'fastify';\nimport { requireAuth } from './auth';\nconst app = Fastify();\napp.get('/api/me', { onRequest: [requireAuth] }, async () => ({}));\napp.post('/api/chat', {\n  schema: { body: { type: 'object' } },\n}, async (req) => ({ ok: true }));\napp.get('/api/tickets', async () => []);\n",
  };
  const withOptions = await fixFor(files, 'POST /api/chat', HELPERS);
  const a = checkFix(files, withOptions);
  assert.deepEqual(a.problems, []);
  assert.match(a.files['src/server.ts'], /app\.post\('\/api\/chat', \{\n  onRequest: \[requireAuth\],\n  schema:/);
  assert.deepEqual(await remaining(a.files, 'POST /api/chat', HELPERS), []);
  const shorthand = await fixFor(files, 'GET /api/tickets', HELPERS);
  const b = checkFix(files, shorthand);
  assert.deepEqual(b.problems, []);
  assert.match(b.files['src/server.ts'], /app\.get\('\/api\/tickets', \{ onRequest: \[requireAuth\] \}, async \(\) => \[\]\)/);
  assert.deepEqual(await remaining(b.files, 'GET /api/tickets', HELPERS), []);
});

test('next.js: session check with an early 401 using the project auth() helper through its alias', async () => {
  const files = {
    'package.json': '{ "dependencies": { "next": "^15.0.0", "next-auth": "^5.0.0" } }',
    'auth.ts': "import NextAuth from 'next-auth';\nexport const { auth, handlers } = NextAuth({ providers: [] });\n",
    'app/api/tickets/route.ts': "import { auth } from '@/auth';\nexport async function GET() {\n  const session = await auth();\n  if (!session) return Response.json({}, { status: 401 });\n  return Response.json([]);\n}\n",
    'app/api/chat/route.ts': "import { NextResponse } from 'next/server';\n\nexport async function POST(req: Request) {\n  const body = await req.json();\n  return NextResponse.json({ echo: body });\n}\n",
  };
  const fix = await fixFor(files, 'POST /api/chat', {}, 'app/api/chat/route.ts');
  const { files: after, problems } = checkFix(files, fix);
  assert.deepEqual(problems, []);
  assert.equal(
    after['app/api/chat/route.ts'],
    "import { NextResponse } from 'next/server';\nimport { auth } from '@/auth';\n\nexport async function POST(req: Request) {\n  const session = await auth();\n  if (!session?.user) return NextResponse.json({ error: 'Unauthorized' }, { status: 401 });\n  const body = await req.json();\n  return NextResponse.json({ echo: body });\n}\n",
  );
  assert.deepEqual(await remaining(after, 'POST /api/chat'), [], 'the session check is recognised on re-scan');
});

test('next.js without a session helper: a created bearer-token module, and a sync handler becomes async', async () => {
  const files = { 'app/api/admin/users/route.js': "export function DELETE(request) {\n  return Response.json({ ok: true });\n}\n" };
  const fix = await fixFor(files, 'DELETE /api/admin/users');
  assert.deepEqual(fix.createFiles?.map((f) => f.file), ['lib/require-auth.js']);
  const { files: after, problems } = checkFix(files, fix);
  assert.deepEqual(problems, []);
  assert.deepEqual(await remaining(after, 'DELETE /api/admin/users'), [], 'the created check is recognised on re-scan');
  assert.match(after['app/api/admin/users/route.js'], /export async function DELETE\(request\) \{\n  const session = await requireUser\(request\.headers\.get\('authorization'\)\);\n  if \(!session\) return Response\.json\(\{ error: 'Unauthorized' \}, \{ status: 401 \}\);/);
});

// NestJS and Hono through hand-built models (their adapters are in progress elsewhere).
const NEST = {
  'src/auth/jwt-auth.guard.ts': "import { Injectable } from '@nestjs/common';\nimport { AuthGuard } from '@nestjs/passport';\n@Injectable()\nexport class JwtAuthGuard extends AuthGuard('jwt') {}\n",
  'src/tickets.controller.ts': "import { Controller, Get, UseGuards } from '@nestjs/common';\nimport { JwtAuthGuard } from './auth/jwt-auth.guard';\n\n@Controller('tickets')\nexport class TicketsController {\n  @UseGuards(JwtAuthGuard)\n  @Get()\n  list() {\n    return [];\n  }\n}\n",
  'src/chat.controller.ts': "import { Body, Controller, Post } from '@nestjs/common';\n\n@Controller('chat')\nexport class ChatController {\n  @Post()\n  send(@Body() body: { message: string }) {\n    return { reply: body.message };\n  }\n}\n",
};

test('nestjs: @UseGuards(JwtAuthGuard) above the method, UseGuards added to the @nestjs/common import', () => {
  const built = buildModel({
    files: NEST,
    routes: [
      { method: 'GET', path: '/tickets', file: 'src/tickets.controller.ts', framework: 'nestjs', at: 'list()', handler: 'list()', protections: [{ kind: 'auth', name: 'JwtAuthGuard', at: 'JwtAuthGuard)' }], anchors: { decoratorInsert: '  @UseGuards' } },
      { method: 'POST', path: '/chat', file: 'src/chat.controller.ts', framework: 'nestjs', tags: ['ai'], at: 'send(', handler: 'send(', anchors: { decoratorInsert: '  @Post()' } },
    ],
  });
  const [finding] = runRule(built, RULE);
  assert.equal(finding.route, 'POST /chat');
  const { files, problems } = checkFix(NEST, finding.fixes[0]);
  assert.deepEqual(problems, []);
  assert.equal(
    files['src/chat.controller.ts'],
    "import { Body, Controller, Post, UseGuards } from '@nestjs/common';\nimport { JwtAuthGuard } from './auth/jwt-auth.guard';\n\n@Controller('chat')\nexport class ChatController {\n  @UseGuards(JwtAuthGuard)\n  @Post()\n  send(@Body() body: { message: string }) {\n    return { reply: body.message };\n  }\n}\n",
  );
});

test('nestjs without a guard: creates a BearerAuthGuard class that type-checks', () => {
  const files = { 'src/chat.controller.ts': NEST['src/chat.controller.ts'] };
  const built = buildModel({
    files,
    dependencies: { jose: '^5.0.0' },
    routes: [{ method: 'POST', path: '/chat', file: 'src/chat.controller.ts', framework: 'nestjs', tags: ['ai'], at: 'send(', handler: 'send(', anchors: { decoratorInsert: '  @Post()' } }],
  });
  const fix = runRule(built, RULE)[0].fixes[0];
  assert.deepEqual(fix.createFiles?.map((f) => f.file), ['src/auth/bearer-auth.guard.ts']);
  assert.match(fix.createFiles![0].text, /jwtVerify\(token/);
  const { files: after, problems } = checkFix(files, fix);
  assert.deepEqual(problems, []);
  assert.match(after['src/chat.controller.ts'], /import \{ BearerAuthGuard \} from '\.\/auth\/bearer-auth\.guard';/);
  assert.match(after['src/chat.controller.ts'], / {2}@UseGuards\(BearerAuthGuard\)\n {2}@Post\(\)/);
});

test('hono: the guard becomes the route middleware', () => {
  const files = {
    'src/auth.ts': "import type { MiddlewareHandler } from 'hono';\nexport const requireAuth: MiddlewareHandler = async (c, next) => { if (!c.req.header('authorization')) return c.text('no', 401); await next(); };\n",
    'src/app.ts': "import { Hono } from 'hono';\nimport { requireAuth } from './auth';\nconst app = new Hono();\napp.get('/api/me', requireAuth, (c) => c.json({}));\napp.post('/api/chat', async (c) => c.json({ ok: true }));\nexport default app;\n",
  };
  const built = buildModel({
    files,
    routes: [
      { method: 'GET', path: '/api/me', file: 'src/app.ts', framework: 'hono', at: "app.get('/api/me', requireAuth, (c) => c.json({}))", protections: [{ kind: 'auth', name: 'requireAuth', at: 'requireAuth, (c)' }], anchors: { middlewareInsert: 'requireAuth, (c)' } },
      { method: 'POST', path: '/api/chat', file: 'src/app.ts', framework: 'hono', tags: ['ai'], at: "app.post('/api/chat', async (c) => c.json({ ok: true }))", anchors: { middlewareInsert: 'async (c)' } },
    ],
  });
  const [finding] = runRule(built, RULE);
  const { files: after, problems } = checkFix(files, finding.fixes[0]);
  assert.deepEqual(problems, []);
  assert.match(after['src/app.ts'], /app\.post\('\/api\/chat', requireAuth, async \(c\)/);
  assert.equal(finding.fixes[0].edits.length, 1, 'the guard is already imported');
});

test('next.js pages API: getServerSession(req, res, authOptions) from the project, 401 through res', async () => {
  const files = {
    'lib/auth.ts': "import type { NextAuthOptions } from 'next-auth';\nexport const authOptions: NextAuthOptions = { providers: [] };\n",
    'app/api/me/route.ts': "import { getServerSession } from 'next-auth';\nimport { authOptions } from '../../../lib/auth';\nexport async function GET() {\n  const session = await getServerSession(authOptions);\n  return Response.json(session);\n}\n",
    'pages/api/tickets.ts': "import type { NextApiRequest, NextApiResponse } from 'next';\nexport default async function handler(req: NextApiRequest, res: NextApiResponse) {\n  res.status(200).json([]);\n}\n",
  };
  const fix = await fixFor(files, 'ALL /api/tickets', {}, 'pages/api/tickets.ts');
  const { files: after, problems } = checkFix(files, fix);
  assert.deepEqual(problems, []);
  assert.match(after['pages/api/tickets.ts'], /import \{ getServerSession \} from 'next-auth';\nimport \{ authOptions \} from '\.\.\/\.\.\/lib\/auth';\n/);
  assert.match(after['pages/api/tickets.ts'], /\{\n {2}const session = await getServerSession\(req, res, authOptions\);\n {2}if \(!session\) return res\.status\(401\)\.json\(\{ error: 'Unauthorized' \}\);\n {2}res\.status\(200\)/);
  assert.deepEqual(await remaining(after, 'ALL /api/tickets'), [], 'the handler check is recognised on re-scan');
});

test('reuses a call-expression guard (passport.authenticate) with its package import, in CRLF files', async () => {
  const files = {
    'src/routes/a.ts': "import { Router } from 'express';\r\nimport passport from 'passport';\r\nexport const a = Router();\r\na.get('/api/a', passport.authenticate('jwt', { session: false }), (req, res) => res.json([]));\r\n",
    'src/routes/b.ts': "import { Router } from 'express';\r\nexport const b = Router();\r\nb.post('/api/b', (req, res) => res.json({}));\r\n",
  };
  const fix = await fixFor(files, 'POST /api/b', { helpers: { auth: ['authenticate'] } });
  const { files: after, problems } = checkFix(files, fix);
  assert.deepEqual(problems, []);
  assert.equal(
    after['src/routes/b.ts'],
    "import { Router } from 'express';\r\nimport passport from 'passport';\r\nexport const b = Router();\r\nb.post('/api/b', passport.authenticate('jwt', { session: false }), (req, res) => res.json({}));\r\n",
  );
});

test('no fix when the guard name is taken by something else in the file (including a type-only import)', async () => {
  const files = {
    'src/auth.ts': "export function requireAuth(req: any, res: any, next: any) { if (!req.headers.authorization) return res.status(401).end(); next(); }\n",
    'src/a.ts': "import express from 'express';\nimport { requireAuth } from './auth';\nconst app = express();\napp.get('/api/a', requireAuth, (req, res) => res.json([]));\n",
    'src/b.ts': "import express from 'express';\nimport type { requireAuth } from './auth';\nconst app = express();\napp.post('/api/b', (req, res) => res.json({}));\n",
    'src/c.ts': "import express from 'express';\nconst requireAuth = 1;\nconst app = express();\napp.post('/api/c', (req, res) => res.json({ requireAuth }));\n",
  };
  const { result } = await scanFixture(files, HELPERS);
  const byRoute = Object.fromEntries(result.findings.filter((f) => f.rule === RULE).map((f) => [f.route, f.fixes.length]));
  assert.deepEqual(byRoute, { 'POST /api/b': 0, 'POST /api/c': 0 });
});

test('nestjs and hono through the real adapters: fixes apply, type-check and the findings are gone on re-scan', async () => {
  const files = {
    ...NEST,
    'src/hono.ts': "import { Hono } from 'hono';\nimport { bearerAuth } from 'hono/bearer-auth';\nconst app = new Hono();\napp.get('/api/me', bearerAuth({ verifyToken: async (t) => t.length > 0 }), (c) => c.json({}));\napp.post('/api/ai/chat', async (c) => c.json({ ok: true }));\nexport default app;\n",
  };
  const nest = checkFix(files, await fixFor(files, 'POST /chat'));
  assert.deepEqual(nest.problems, []);
  assert.deepEqual(await remaining(nest.files, 'POST /chat'), []);
  const hono = checkFix(files, await fixFor(files, 'POST /api/ai/chat'));
  assert.deepEqual(hono.problems, []);
  assert.match(hono.files['src/hono.ts'], /app\.post\('\/api\/ai\/chat', bearerAuth\(\{ verifyToken: async \(t\) => t\.length > 0 \}\), async \(c\)/);
  assert.deepEqual(await remaining(hono.files, 'POST /api/ai/chat'), []);
});

test('fastify: an instance decorator guard (app.authenticate) is reused through the route plugin own instance', async () => {
  const files = {
    'package.json': '{ "dependencies": { "fastify": "^5.0.0", "@fastify/jwt": "^9.0.0" } }',
    'src/server.ts': "import Fastify from 'fastify';\nimport jwt from '@fastify/jwt';\nimport { chatRoutes } from './chat';\nconst app = Fastify();\napp.register(jwt, { secret: process.env.JWT_SECRET! });\napp.decorate('authenticate', async (request: any, reply: any) => { try { await request.jwtVerify(); } catch (e) { reply.code(401).send(e); } });\napp.get('/api/me', { onRequest: [app.authenticate] }, async () => ({}));\napp.register(chatRoutes);\n",
    'src/chat.ts': "import type { FastifyInstance } from 'fastify';\nexport async function chatRoutes(fastify: FastifyInstance) {\n  fastify.post('/api/chat', async () => ({ ok: true }));\n}\n",
  };
  const fix = await fixFor(files, 'POST /api/chat');
  assert.equal(fix.safe, false, 'encapsulation must be confirmed by a reviewer');
  assert.equal(fix.createFiles, undefined);
  const { files: after, problems } = checkFix(files, fix);
  assert.deepEqual(problems, []);
  assert.match(after['src/chat.ts'], /fastify\.post\('\/api\/chat', \{ onRequest: \[fastify\.authenticate\] \}, async/);
  assert.deepEqual(await remaining(after, 'POST /api/chat'), []);
});

test('next.js with Clerk: auth() from @clerk/nextjs/server and a userId check', () => {
  const files = {
    'app/api/tickets/route.ts': "import { auth } from '@clerk/nextjs/server';\nexport async function GET() {\n  const { userId } = await auth();\n  if (!userId) return new Response(null, { status: 401 });\n  return Response.json([]);\n}\n",
    'app/api/chat/route.ts': "export async function POST(req: Request) {\n  const userId = 'shadow';\n  return Response.json({ userId });\n}\n",
  };
  const built = buildModel({
    files,
    routes: [{ method: 'POST', path: '/api/chat', file: 'app/api/chat/route.ts', framework: 'nextjs', tags: ['ai'], at: 'export async function POST', handler: 'export async function POST' }],
  });
  const [f] = runRule(built, RULE);
  const { files: after, problems } = checkFix(files, f.fixes[0]);
  assert.deepEqual(problems, []);
  assert.equal(
    after['app/api/chat/route.ts'],
    "import { auth } from '@clerk/nextjs/server';\nexport async function POST(req: Request) {\n  const session = await auth();\n  if (!session.userId) return Response.json({ error: 'Unauthorized' }, { status: 401 });\n  const userId = 'shadow';\n  return Response.json({ userId });\n}\n",
  );
});
