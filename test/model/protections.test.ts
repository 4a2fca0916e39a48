// Protection recognition through real scans: catalogue libraries, behaviour-detected guards with unusual names, role
// factories, limiter keying, handler-body checks, Nest guard classes, helpers called from handlers, config names.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scanFixture } from '../helpers/scan';
import type { Protection, Route } from '../../server/src/model/types';

async function routes(fixture: string, config = {}): Promise<Record<string, Route>> {
  const { model } = await scanFixture(fixture, config);
  assert.deepEqual(model.problems, []);
  return Object.fromEntries(model.routes.map((r) => [r.key, r]));
}

const kinds = (r: Route) => r.protections.map((p) => p.kind).sort();
const find = (r: Route, kind: Protection['kind']) => r.protections.find((p) => p.kind === kind);

const EXPRESS_AUTH = `
//- src/auth.ts
import jwt from 'jsonwebtoken';
export function ensureCaller(req, res, next) {
  const h = req.headers.authorization;
  if (!h) return res.status(401).json({ error: 'no token' });
  try { req.user = jwt.verify(h.slice(7), process.env.JWT_SECRET); next(); } catch { res.sendStatus(401); }
}
export const requireRole = (...roles) => (req, res, next) => {
  if (!roles.includes(req.user?.role)) return res.status(403).json({ error: 'forbidden' });
  next();
};
export function logRequests(req, res, next) { console.log(req.method, req.path); next(); }
export function csrfCheck(req, res, next) {
  if (req.cookies.csrf !== req.headers['x-csrf-token']) return res.status(403).json({ error: 'bad csrf token' });
  next();
}
export function ownerOnly(req, res, next) {
  if (req.params.id !== req.user.id) return res.status(403).end();
  next();
}
`;

test('behaviour: a guard with an unusual name, a role factory, and look-alikes that are not guards', async () => {
  const r = await routes(`${EXPRESS_AUTH}
//- src/app.ts
import express from 'express';
import { ensureCaller, requireRole, logRequests, ownerOnly, csrfCheck } from './auth';
const app = express();
app.get('/api/me', ensureCaller, (req, res) => res.json(req.user));
app.delete('/api/admin/users/:id', ensureCaller, requireRole('admin', 'owner'), (req, res) => res.end());
app.get('/api/open', logRequests, (req, res) => res.json({}));
app.get('/api/things/:id', ownerOnly, (req, res) => res.json({}));
app.post('/api/form', csrfCheck, (req, res) => res.json({}));
`);
  const me = find(r['GET /api/me'], 'auth')!;
  assert.equal(me.via, 'behaviour');
  assert.equal(me.name, 'ensureCaller');
  assert.deepEqual(me.importFrom, { file: 'src/auth.ts', exportName: 'ensureCaller' });
  const role = find(r['DELETE /api/admin/users/:id'], 'role')!;
  assert.deepEqual(role.roles, ['admin', 'owner']);
  assert.deepEqual(role.importFrom, { file: 'src/auth.ts', exportName: 'requireRole' });
  assert.ok(r['DELETE /api/admin/users/:id'].tags.includes('admin'));
  assert.deepEqual(kinds(r['GET /api/open']), [], 'logging middleware is not a guard');
  assert.deepEqual(kinds(r['GET /api/things/:id']), [], 'an ownership 403 on a client id is authz, not authentication');
  assert.deepEqual(kinds(r['POST /api/form']), [], 'a CSRF check reads a cookie and answers 403 but identifies nobody');
});

test('catalogue: express-rate-limit keyed by user / ip, passport, express-jwt, express-validator, celebrate', async () => {
  const r = await routes(`
//- src/app.ts
import express from 'express';
import rateLimit from 'express-rate-limit';
import passport from 'passport';
import { expressjwt } from 'express-jwt';
import { body, validationResult } from 'express-validator';
import { celebrate, Joi } from 'celebrate';
import { chatLimiter } from './limits';
const app = express();
const perUser = rateLimit({ windowMs: 60_000, max: 20, keyGenerator: (req) => req.user.id });
const perIp = rateLimit({ windowMs: 60_000, max: 100 });
app.post('/api/chat', passport.authenticate('jwt', { session: false }), perUser, (req, res) => res.json({}));
app.post('/api/login', perIp, body('email').isEmail(), (req, res) => res.json({}));
app.post('/api/tickets', expressjwt({ secret: process.env.JWT_SECRET, algorithms: ['HS256'] }), celebrate({ body: Joi.object() }), (req, res) => res.json({}));
app.post('/api/shared', chatLimiter, expressjwt({ secret: 'x', algorithms: ['HS256'] }), (req, res) => res.json({}));
//- src/limits.ts
import rateLimit from 'express-rate-limit';
export const chatLimiter = rateLimit({ windowMs: 60_000, max: 30 });
`);
  const chat = r['POST /api/chat'];
  assert.equal(find(chat, 'auth')?.library, 'passport');
  const limit = find(chat, 'rateLimit')!;
  assert.equal(limit.library, 'express-rate-limit');
  assert.equal(limit.keyedBy, 'user');
  assert.equal(limit.importFrom, undefined, 'a module-private limiter cannot be imported elsewhere');
  assert.deepEqual(find(r['POST /api/shared'], 'rateLimit')?.importFrom, { file: 'src/limits.ts', exportName: 'chatLimiter' });
  assert.deepEqual(find(r['POST /api/shared'], 'auth')?.importFrom, { module: 'express-jwt', exportName: 'expressjwt' });
  const login = r['POST /api/login'];
  assert.equal(find(login, 'rateLimit')?.keyedBy, 'ip');
  assert.equal(find(login, 'validation')?.library, 'express-validator');
  assert.deepEqual(kinds(r['POST /api/tickets']), ['auth', 'validation']);
});

test('handler bodies: session check with 401, zod parse, upstash limiter keyed by conversation, helper that throws 401', async () => {
  const r = await routes(`
//- src/lib/guard.ts
export async function requireUser(req) {
  const session = await getSession(req);
  if (!session?.user) throw new UnauthorizedError('login first');
  return session.user;
}
export class UnauthorizedError extends Error {}
//- src/app.ts
import express from 'express';
import { z } from 'zod';
import { Ratelimit } from '@upstash/ratelimit';
import { requireUser } from './lib/guard';
const ratelimit = new Ratelimit({ redis, limiter: Ratelimit.slidingWindow(10, '10 s') });
const Msg = z.object({ conversationId: z.string(), text: z.string() });
const app = express();
app.post('/api/chat', async (req, res) => {
  const user = await requireUser(req);
  const { conversationId, text } = Msg.parse(req.body);
  const { success } = await ratelimit.limit(conversationId);
  if (!success) return res.status(429).json({ error: 'slow down' });
  res.json({ user, text });
});
app.get('/api/session', async (req, res) => {
  const token = req.cookies.session;
  if (!token) return res.status(401).end();
  res.json({});
});
`);
  const chat = r['POST /api/chat'];
  assert.equal(find(chat, 'validation')?.library, 'zod');
  const limit = find(chat, 'rateLimit')!;
  assert.equal(limit.library, '@upstash/ratelimit');
  assert.equal(limit.keyedBy, 'conversation');
  assert.equal(limit.scope, 'handler');
  const auth = find(chat, 'auth')!;
  assert.equal(auth.name, 'requireUser');
  assert.equal(auth.scope, 'handler');
  assert.equal(find(r['GET /api/session'], 'auth')?.scope, 'handler');
});

test('handler bodies: a 403 on a record owned by someone else is not authentication', async () => {
  const r = await routes(`
//- src/app.ts
import express from 'express';
const app = express();
app.get('/api/tickets/:id', async (req, res) => {
  const ticket = await prisma.ticket.findUnique({ where: { id: req.params.id } });
  if (ticket.ownerId !== req.user.id) return res.status(403).end();
  res.json(ticket);
});
`);
  const route = r['GET /api/tickets/:id'];
  assert.equal(find(route, 'auth'), undefined);
  assert.ok(route.tags.includes('data'));
});

test('nest: guard classes by behaviour (canActivate) and by library (extends AuthGuard), ThrottlerGuard', async () => {
  const r = await routes(`
//- src/guards.ts
import { Injectable, CanActivate, ExecutionContext, UnauthorizedException } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
@Injectable()
export class ApiKeyGuard implements CanActivate {
  canActivate(context: ExecutionContext) {
    const req = context.switchToHttp().getRequest();
    if (req.headers['x-api-key'] !== process.env.API_KEY) throw new UnauthorizedException();
    return true;
  }
}
@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {}
//- src/tickets.controller.ts
import { Controller, Get, Post, UseGuards } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import { ApiKeyGuard, JwtAuthGuard } from './guards';
@Controller('tickets')
export class TicketsController {
  @Get()
  @UseGuards(ApiKeyGuard)
  list() { return []; }
  @Post()
  @UseGuards(JwtAuthGuard, ThrottlerGuard)
  create() { return {}; }
}
`);
  const list = find(r['GET /tickets'], 'auth')!;
  assert.equal(list.via, 'behaviour');
  const create = r['POST /tickets'];
  assert.equal(find(create, 'auth')?.library, '@nestjs/passport');
  assert.equal(find(create, 'rateLimit')?.library, '@nestjs/throttler');
});

test('config helper names are protections whatever their body', async () => {
  const r = await routes(
    `
//- src/app.ts
import express from 'express';
import { gate } from './gate';
const app = express();
app.get('/api/x', gate, (req, res) => res.json({}));
//- src/gate.ts
export const gate = (req, res, next) => next();
`,
    { helpers: { auth: ['gate'] } },
  );
  const p = find(r['GET /api/x'], 'auth')!;
  assert.equal(p.via, 'config');
});

test('handler bodies: ajv compiled validators and typebox Value.Check guard the body; JSON.parse does not', async () => {
  const r = await routes(`
//- src/app.ts
import express from 'express';
import Ajv from 'ajv';
import { Value } from '@sinclair/typebox/value';
const ajv = new Ajv();
const validate = ajv.compile(schema);
const app = express();
app.post('/api/a', (req, res) => {
  if (!validate(req.body)) return res.status(400).json(validate.errors);
  res.json({});
});
app.post('/api/b', (req, res) => {
  if (!Value.Check(T, req.body)) return res.status(400).end();
  res.json({});
});
app.post('/api/c', (req, res) => {
  const data = JSON.parse(req.body.payload);
  res.json(data);
});
`);
  assert.equal(find(r['POST /api/a'], 'validation')?.library, 'ajv');
  assert.equal(find(r['POST /api/b'], 'validation')?.library, '@sinclair/typebox/value');
  assert.equal(find(r['POST /api/c'], 'validation'), undefined);
});

test('Auth.js v5 `export const { auth } = NextAuth()` re-exported as Next.js middleware is next-auth', async () => {
  const r = await routes(`
//- auth.ts
import NextAuth from 'next-auth';
export const { auth, handlers } = NextAuth({ providers: [] });
//- middleware.ts
export { auth as middleware } from './auth';
export const config = { matcher: ['/api/:path*'] };
//- app/api/tickets/route.ts
export async function GET() { return Response.json([]); }
`);
  const p = find(r['GET /api/tickets'], 'auth')!;
  assert.equal(p.library, 'next-auth');
  assert.equal(p.scope, 'middleware-file');
});

test('fastify: the @fastify/jwt `authenticate` decorator (jwtVerify in try, reply.send(err) in catch) is auth', async () => {
  const r = await routes(`
//- src/plugins/auth.ts
import fp from 'fastify-plugin';
import jwt from '@fastify/jwt';
export default fp(async (fastify) => {
  fastify.register(jwt, { secret: process.env.JWT_SECRET });
  fastify.decorate('authenticate', async function (request, reply) {
    try { await request.jwtVerify(); } catch (err) { reply.send(err); }
  });
});
//- src/app.ts
import Fastify from 'fastify';
import authPlugin from './plugins/auth';
const app = Fastify();
app.register(authPlugin);
app.get('/api/me', { onRequest: [app.authenticate] }, async (request) => request.user);
app.get('/api/open', async () => ({ ok: true }));
`);
  assert.equal(find(r['GET /api/me'], 'auth')?.library, '@fastify/jwt');
  assert.equal(find(r['GET /api/open'], 'auth'), undefined);
});

test('nest: a ThrottlerGuard subclass that overrides getTracker is keyed by what the override returns, not per IP', async () => {
  const r = await routes(`
//- src/guards.ts
import { Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
@Injectable()
export class UserThrottlerGuard extends ThrottlerGuard {
  protected async getTracker(req: Record<string, any>): Promise<string> {
    return req.user?.sub ?? req.ip;
  }
}
@Injectable()
export class TenantThrottlerGuard extends ThrottlerGuard {
  protected getTracker(req: any) { return Promise.resolve(req.user.tenantId); }
}
@Injectable()
export class PlainThrottlerGuard extends ThrottlerGuard {}
//- src/chat.controller.ts
import { Controller, Post, UseGuards } from '@nestjs/common';
import { PlainThrottlerGuard, TenantThrottlerGuard, UserThrottlerGuard } from './guards';
@Controller('chat')
export class ChatController {
  @Post('a')
  @UseGuards(UserThrottlerGuard)
  a() { return {}; }
  @Post('b')
  @UseGuards(TenantThrottlerGuard)
  b() { return {}; }
  @Post('c')
  @UseGuards(PlainThrottlerGuard)
  c() { return {}; }
}
`);
  assert.equal(find(r['POST /chat/a'], 'rateLimit')?.keyedBy, 'user');
  assert.equal(find(r['POST /chat/b'], 'rateLimit')?.keyedBy, 'user');
  assert.equal(find(r['POST /chat/c'], 'rateLimit')?.keyedBy, 'ip');
});
