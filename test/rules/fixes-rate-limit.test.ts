/**
 * "Add rate limit": each fix is applied, the touched and created files must parse and type-check, the limiter
 * module is created once and reused, and (where the adapter exists) a re-scan shows the finding gone.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Fix } from '../../rules/api';
import { scanFixture } from '../helpers/scan';
import { applyFix, checkFix, parseProblems, typeProblems } from '../helpers/apply-fix';
import { buildModel, runRule } from '../helpers/model-builder';
import type { ReadinessConfig } from '../../server/src/config';

const RULE = 'ratelimit-missing';
const LIMITERS: ReadinessConfig = { helpers: { rateLimit: ['rateLimiter', 'authRateLimiter', 'chatRateLimiter', 'limiter'], auth: ['requireAuth'] } };

async function fixFor(files: Record<string, string>, route: string, config: ReadinessConfig = {}): Promise<Fix> {
  const { result } = await scanFixture(files, config);
  const f = result.findings.find((x) => x.rule === RULE && x.route === route);
  assert.ok(f, `finding for ${route}; got ${result.findings.map((x) => `${x.rule} ${x.route}`).join(', ')}`);
  assert.equal(f.fixes.length, 1);
  return f.fixes[0];
}

async function remaining(files: Record<string, string>, route: string, config: ReadinessConfig = LIMITERS) {
  const { result } = await scanFixture(files, config);
  return result.findings.filter((x) => x.rule === RULE && x.route === route);
}

const EXPRESS = {
  'package.json': '{ "dependencies": { "express": "^4.19.0" } }',
  'src/auth.ts': "import type { Request, Response, NextFunction } from 'express';\nexport function requireAuth(req: Request, res: Response, next: NextFunction) {\n  if (!req.headers.authorization) return res.status(401).end();\n  next();\n}\n",
  'src/routes/chat.ts': "import { Router } from 'express';\nimport { requireAuth } from '../auth';\nexport const chat = Router();\nchat.post('/api/chat/:conversationId', requireAuth, async (req, res) => {\n  res.json({ reply: 'hi' });\n});\n",
  'src/routes/auth.ts': "import { Router } from 'express';\nexport const auth = Router();\nauth.post('/auth/login', (req, res) => res.json({}));\n",
};

test('express: creates the limiter module once (chat limiter after the auth guard), then reuses it', async () => {
  const first = await fixFor(EXPRESS, 'POST /api/chat/:conversationId', LIMITERS);
  assert.equal(first.note?.startsWith('express-rate-limit is not a dependency yet: npm i express-rate-limit'), true);
  assert.deepEqual(first.createFiles?.map((f) => f.file), ['src/middleware/rate-limit.ts']);
  const module = first.createFiles![0].text;
  assert.match(module, /export const chatRateLimiter = rateLimit\(/);
  assert.match(module, /keyGenerator: \(req, res\) => `\$\{userIdOf\(req, res\) \?\? ipKeyGenerator/);
  const step1 = checkFix(EXPRESS, first);
  assert.deepEqual(step1.problems, []);
  assert.match(step1.files['src/routes/chat.ts'], /chat\.post\('\/api\/chat\/:conversationId', requireAuth, chatRateLimiter, async/);
  assert.deepEqual(await remaining(step1.files, 'POST /api/chat/:conversationId', {}), [], 'recognised as a per-user/conversation limit');
  const second = await fixFor(step1.files, 'POST /auth/login', LIMITERS);
  assert.equal(second.createFiles, undefined, 'module reused');
  const step2 = checkFix(step1.files, second);
  assert.deepEqual(step2.problems, []);
  assert.match(step2.files['src/routes/auth.ts'], /^import \{ Router \} from 'express';\nimport \{ authRateLimiter \} from '\.\.\/middleware\/rate-limit';\n/);
  assert.match(step2.files['src/routes/auth.ts'], /auth\.post\('\/auth\/login', authRateLimiter, \(req, res\)/);
  assert.deepEqual(await remaining(step2.files, 'POST /auth/login'), []);
});

test("express: reuses the project's own limiter for a non-AI route", async () => {
  const files = {
    'src/limits.ts': "import rateLimit from 'express-rate-limit';\nexport const limiter = rateLimit({ limit: 10 });\n",
    'src/app.ts': "import express from 'express';\nimport { limiter } from './limits';\nconst app = express();\napp.post('/auth/signup', limiter, (req, res) => res.json({}));\napp.post('/auth/login', (req, res) => res.json({}));\n",
  };
  const fix = await fixFor(files, 'POST /auth/login', LIMITERS);
  assert.equal(fix.safe, true);
  assert.deepEqual(fix.edits.map((e) => e.newText), ['limiter, ']);
  const { files: after, problems } = checkFix(files, fix);
  assert.deepEqual(problems, []);
  assert.deepEqual(await remaining(after, 'POST /auth/login'), []);
});

test('fastify: per-route config.rateLimit, inside an existing config object or as a new options argument', async () => {
  const files = {
    'package.json': '{ "dependencies": { "fastify": "^5.0.0", "@fastify/rate-limit": "^10.0.0" } }',
    'src/server.ts': "import Fastify from 'fastify';\nimport rateLimit from '@fastify/rate-limit';\nconst app = Fastify();\nawait app.register(rateLimit, { global: false });\napp.post('/api/chat/:conversationId', { config: { audit: true } }, async () => ({ ok: true }));\napp.post('/webhooks/stripe', async () => ({ ok: true }));\n",
  };
  const inConfig = await fixFor(files, 'POST /api/chat/:conversationId');
  assert.equal(inConfig.note, undefined, 'installed and registered: nothing to add');
  const a = checkFix(files, inConfig);
  assert.deepEqual(a.problems, []);
  assert.match(a.files['src/server.ts'], /\{ config: \{ rateLimit: \{ max: 20, timeWindow: '1 minute', keyGenerator: \(request\) => /);
  assert.match(a.files['src/server.ts'], /, audit: true \} \}/);
  // The model inherits keyedBy 'ip' from the plugin registration; the route's own keyGenerator still counts.
  assert.deepEqual(await remaining(a.files, 'POST /api/chat/:conversationId', {}), []);
  const shorthand = await fixFor(files, 'POST /webhooks/stripe');
  const b = checkFix(files, shorthand);
  assert.deepEqual(b.problems, []);
  assert.match(b.files['src/server.ts'], /app\.post\('\/webhooks\/stripe', \{ config: \{ rateLimit: \{ max: 300, timeWindow: '15 minutes' \} \} \}, async/);
  assert.deepEqual(await remaining(b.files, 'POST /webhooks/stripe', {}), []);
});

test('next.js: a created limiter module (Upstash when installed) and a 429 check at the top of the handler', async () => {
  const files = {
    'package.json': '{ "dependencies": { "next": "^15.0.0", "@upstash/ratelimit": "^2.0.0", "@upstash/redis": "^1.34.0" } }',
    'app/api/chat/route.ts': "export async function POST(req: Request) {\n  return Response.json({ ok: true });\n}\n",
    'app/api/auth/forgot-password/route.ts': 'export async function POST() {\n  return Response.json({ ok: true });\n}\n',
  };
  const fix = await fixFor(files, 'POST /api/chat');
  assert.match(fix.createFiles![0].text, /Ratelimit\.slidingWindow\(20, '1 m'\)/);
  assert.equal(fix.note, undefined, 'packages present: nothing to install');
  const step1 = checkFix(files, fix);
  assert.deepEqual(step1.problems, []);
  assert.match(step1.files['app/api/chat/route.ts'], /^import \{ checkRateLimit \} from '\.\.\/\.\.\/\.\.\/lib\/rate-limit';\nexport async function POST\(req: Request\) \{\n {2}if \(!\(await checkRateLimit\(req\.headers, 'chat'\)\)\) return Response\.json\(\{ error: 'Too many requests' \}, \{ status: 429 \}\);/);
  assert.deepEqual(await remaining(step1.files, 'POST /api/chat', {}), [], 'the 429 check is recognised on re-scan');
  const second = await fixFor(step1.files, 'POST /api/auth/forgot-password');
  assert.equal(second.createFiles, undefined);
  const step2 = checkFix(step1.files, second);
  assert.deepEqual(step2.problems, []);
  assert.match(step2.files['app/api/auth/forgot-password/route.ts'], /import \{ headers \} from 'next\/headers';/);
  assert.match(step2.files['app/api/auth/forgot-password/route.ts'], /checkRateLimit\(\(await headers\(\)\), 'auth'\)/);
});

test('next.js without Upstash: an in-memory limiter, with a note saying so', async () => {
  const files = { 'app/api/chat/route.js': 'export async function POST(request) {\n  return Response.json({ ok: true });\n}\n' };
  const fix = await fixFor(files, 'POST /api/chat');
  assert.match(fix.note ?? '', /in memory/);
  assert.deepEqual(fix.createFiles?.map((f) => f.file), ['lib/rate-limit.js']);
  const { problems } = checkFix(files, fix);
  assert.deepEqual(problems, []);
});

test('koa and hono: created limiter modules type-check and the limiter becomes route middleware', () => {
  for (const framework of ['koa', 'hono'] as const) {
    const files = { 'src/app.ts': "import { router, x } from './x';\nrouter.post('/api/chat', async (c) => x(c));\n", 'src/x.ts': 'export const x = (c: unknown) => c;\nexport const router = { post: (...args: unknown[]) => args };\n' };
    const built = buildModel({
      files,
      routes: [{ method: 'POST', path: '/api/chat', file: 'src/app.ts', framework, tags: ['ai'], at: "router.post('/api/chat', async (c) => x(c))", anchors: { middlewareInsert: 'async (c)' } }],
    });
    const [f] = runRule(built, RULE);
    assert.equal(f.fixes[0].note, `${framework === 'koa' ? 'koa-ratelimit' : 'hono-rate-limiter'} is not a dependency yet: npm i ${framework === 'koa' ? 'koa-ratelimit' : 'hono-rate-limiter'}`);
    const { files: after, problems } = checkFix(files, f.fixes[0]);
    assert.deepEqual(problems, [], framework);
    assert.match(after['src/app.ts'], /router\.post\('\/api\/chat', chatRateLimiter, async \(c\)/);
  }
});

test('nestjs: @Throttle and @UseGuards(ThrottlerGuard) above the method, with their imports', () => {
  const files = {
    'src/auth.controller.ts': "import { Body, Controller, Post } from '@nestjs/common';\n\n@Controller('auth')\nexport class AuthController {\n  @Post('login')\n  login(@Body() body: { email: string }) {\n    return body.email;\n  }\n}\n",
  };
  const built = buildModel({
    files,
    routes: [{ method: 'POST', path: '/auth/login', file: 'src/auth.controller.ts', framework: 'nestjs', tags: ['auth'], at: 'login(', handler: 'login(', anchors: { decoratorInsert: "  @Post('login')" } }],
  });
  const [f] = runRule(built, RULE);
  assert.match(f.fixes[0].note ?? '', /@nestjs\/throttler is not a dependency yet: npm i @nestjs\/throttler\. Add ThrottlerModule\.forRoot/);
  const { files: after, problems } = checkFix(files, f.fixes[0]);
  assert.deepEqual(problems, []);
  assert.equal(
    after['src/auth.controller.ts'],
    "import { Body, Controller, Post, UseGuards } from '@nestjs/common';\nimport { Throttle, ThrottlerGuard } from '@nestjs/throttler';\n\n@Controller('auth')\nexport class AuthController {\n  @Throttle({ default: { limit: 10, ttl: 900_000 } })\n  @UseGuards(ThrottlerGuard)\n  @Post('login')\n  login(@Body() body: { email: string }) {\n    return body.email;\n  }\n}\n",
  );
});

test('nestjs and hono through the real adapters: the added limits are recognised on re-scan', async () => {
  const files = {
    'src/auth.controller.ts': "import { Body, Controller, Post } from '@nestjs/common';\n\n@Controller('auth')\nexport class AuthController {\n  @Post('login')\n  login(@Body() body: { email: string }) {\n    return body.email;\n  }\n}\n",
    'src/hono.ts': "import { Hono } from 'hono';\nconst app = new Hono();\napp.post('/webhooks/github', async (c) => c.json({ ok: true }));\nexport default app;\n",
  };
  const nest = checkFix(files, await fixFor(files, 'POST /auth/login'));
  assert.deepEqual(nest.problems, []);
  assert.deepEqual(await remaining(nest.files, 'POST /auth/login', {}), []);
  const hono = checkFix(files, await fixFor(files, 'POST /webhooks/github'));
  assert.deepEqual(hono.problems, []);
  assert.match(hono.files['src/hono.ts'], /app\.post\('\/webhooks\/github', rateLimiter, async \(c\)/);
  assert.deepEqual(await remaining(hono.files, 'POST /webhooks/github', {}), []);
});

test("an AI route limited only per IP gets the per-user chat limiter, in a new module when the project's own rate-limit module has another shape", async () => {
  const files = {
    'package.json': '{ "dependencies": { "express": "^4.19.0", "express-rate-limit": "^8.0.0" } }',
    'src/middleware/rate-limit.ts': "import rateLimit from 'express-rate-limit';\nexport const chatLimiter = rateLimit({ windowMs: 60_000, limit: 30 });\n",
    'src/routes/chat.ts': "import { Router } from 'express';\nimport { chatLimiter } from '../middleware/rate-limit';\nexport const chat = Router();\nchat.post('/api/chat', chatLimiter, async (req, res) => res.json({}));\n",
  };
  const { result } = await scanFixture(files);
  const warning = result.findings.find((f) => f.rule === RULE && f.route === 'POST /api/chat')!;
  assert.equal(warning.severity, 'warning');
  const fix = warning.fixes[0];
  assert.deepEqual(fix.createFiles?.map((f) => f.file), ['src/middleware/readiness-rate-limit.ts']);
  assert.equal(fix.note, undefined, 'express-rate-limit is already a dependency');
  const { files: after, problems } = checkFix(files, fix);
  assert.deepEqual(problems, []);
  assert.match(after['src/routes/chat.ts'], /chat\.post\('\/api\/chat', chatLimiter, chatRateLimiter, async/);
  assert.deepEqual(await remaining(after, 'POST /api/chat', {}), []);
});

test('auth guard and rate limit fixes applied in one pass (findings order, LSP insert semantics): the guard runs first', async () => {
  const files = {
    'src/auth.ts': "import type { Request, Response, NextFunction } from 'express';\nexport function requireAuth(req: Request, res: Response, next: NextFunction) {\n  if (!req.headers.authorization) return res.status(401).end();\n  next();\n}\n",
    'src/me.ts': "import { Router } from 'express';\nimport { requireAuth } from './auth';\nexport const me = Router();\nme.get('/api/me', requireAuth, (req, res) => res.json({}));\n",
    'src/chat.ts': "import { Router } from 'express';\nexport const chat = Router();\nchat.post('/api/chat', async (req, res) => res.json({}));\n",
  };
  const { result } = await scanFixture(files);
  const fixes = result.findings.filter((f) => f.route === 'POST /api/chat' && (f.rule === RULE || f.rule === 'auth-missing')).map((f) => f.fixes[0]);
  assert.equal(fixes.length, 2);
  // Both fixes were computed from the same snapshot, so apply them against the original text as one edit set.
  const together = applyFix(files, { title: 'all', safe: false, edits: fixes.flatMap((f) => f.edits), createFiles: fixes.flatMap((f) => f.createFiles ?? []) });
  assert.match(together['src/chat.ts'], /chat\.post\('\/api\/chat', requireAuth, chatRateLimiter, async \(req, res\)/);
  assert.deepEqual([...parseProblems('src/chat.ts', together['src/chat.ts']), ...typeProblems(together, ['src/chat.ts', 'src/middleware/rate-limit.ts'])], []);
  assert.deepEqual(await remaining(together, 'POST /api/chat', {}), []);
});

test('fastify: a global per-IP plugin limit on an AI route gets a per-user route limit that clears the warning; unregistered plugin gets a setup note', async () => {
  const files = {
    'package.json': '{ "dependencies": { "fastify": "^5.0.0", "@fastify/rate-limit": "^10.0.0" } }',
    'src/server.ts': "import Fastify from 'fastify';\nimport rateLimit from '@fastify/rate-limit';\nconst app = Fastify();\napp.register(rateLimit, { max: 100 });\napp.post('/api/chat', { schema: {} }, async () => ({ ok: true }));\n",
  };
  const { result } = await scanFixture(files);
  const warning = result.findings.find((f) => f.rule === RULE && f.route === 'POST /api/chat')!;
  assert.match(warning.message, /only per IP/);
  const { files: after, problems } = checkFix(files, warning.fixes[0]);
  assert.deepEqual(problems, []);
  assert.deepEqual(await remaining(after, 'POST /api/chat', {}), []);
  const bare = { 'src/server.ts': "import Fastify from 'fastify';\nconst app = Fastify();\napp.post('/auth/login', async () => ({ ok: true }));\n" };
  const fix = await fixFor(bare, 'POST /auth/login');
  assert.equal(fix.note, "@fastify/rate-limit is not a dependency yet: npm i @fastify/rate-limit. Register the plugin once: `await app.register(import('@fastify/rate-limit'), { global: false })`");
});

test('nestjs: ThrottlerGuard joins an existing @UseGuards after the auth guard', () => {
  const files = {
    'src/chat.controller.ts': "import { Controller, Post, UseGuards } from '@nestjs/common';\nimport { JwtAuthGuard } from './jwt.guard';\n\n@Controller('chat')\nexport class ChatController {\n  @UseGuards(JwtAuthGuard)\n  @Post()\n  send() {\n    return {};\n  }\n}\n",
    'src/jwt.guard.ts': 'export class JwtAuthGuard {}\n',
  };
  const built = buildModel({
    files,
    routes: [{ method: 'POST', path: '/chat', file: 'src/chat.controller.ts', framework: 'nestjs', tags: ['ai'], at: 'send()', handler: 'send()', protections: [{ kind: 'auth', name: 'JwtAuthGuard', at: 'JwtAuthGuard)' }], anchors: { decoratorInsert: '  @UseGuards' } }],
  });
  const [f] = runRule(built, RULE);
  const { files: after, problems } = checkFix(files, f.fixes[0]);
  assert.deepEqual(problems, []);
  assert.match(after['src/chat.controller.ts'], /import \{ Throttle, ThrottlerGuard \} from '@nestjs\/throttler';/);
  assert.match(after['src/chat.controller.ts'], / {2}@Throttle\(\{ default: \{ limit: 20, ttl: 60_000 \} \}\)\n {2}@UseGuards\(JwtAuthGuard, ThrottlerGuard\)\n {2}@Post\(\)/);
});
