// Regression: middleware written as a wrapper around a library guard or as a project function passed to a
// middleware factory (Hono `(c, next) => jwt({...})(c, next)`, `createMiddleware(async (c, next) => …)`) protects
// the routes behind it, while a wrapper that only logs does not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scanFixture } from '../helpers/scan';

const HONO = `
//- src/session.ts
import { createMiddleware } from 'hono/factory';
import { getSignedCookie } from 'hono/cookie';
import { sql } from './db';
export const session = createMiddleware(async (c, next) => {
  const sid = await getSignedCookie(c, process.env.SESSION_SIGNING_KEY!, 'sid');
  if (!sid) return c.json({ error: 'unauthorized' }, 401);
  const [user] = await sql\`select * from sessions where id = \${sid}\`;
  if (!user) return c.json({ error: 'unauthorized' }, 401);
  c.set('user', user);
  await next();
});
export const timing = createMiddleware(async (c, next) => { console.log(c.req.path); await next(); });
//- src/db.ts
export const sql: any = () => [];
//- src/index.ts
import { Hono } from 'hono';
import { jwt } from 'hono/jwt';
import { session, timing } from './session';
const app = new Hono();
app.use('/api/*', (c, next) => jwt({ secret: c.env.JWT_SECRET })(c, next));
app.use('/app/*', session);
app.use('/open/*', timing);
app.get('/api/threads/:id', (c) => c.json({ id: c.req.param('id') }));
app.get('/app/tickets/:id', (c) => c.json({ id: c.req.param('id') }));
app.get('/open/tickets/:id', (c) => c.json({ id: c.req.param('id') }));
export default app;
`;

test('hono: inline wrapper around jwt() and a createMiddleware session are auth; a logging middleware is not', async () => {
  const { model } = await scanFixture(HONO);
  const auth = (path: string) => model.routes.find((r) => r.path === path)?.protections.find((p) => p.kind === 'auth');
  assert.equal(auth('/api/threads/:id')?.library, 'hono/jwt');
  assert.ok(auth('/app/tickets/:id'), 'createMiddleware session guard is auth');
  assert.equal(auth('/open/tickets/:id'), undefined);
});

test('hono: a wrapped rate limiter keeps the key its options name (per user), the default stays per IP', async () => {
  const { model } = await scanFixture(`
//- src/index.ts
import { Hono } from 'hono';
import rateLimit from 'express-rate-limit';
const app = new Hono();
app.use('/a/*', (c, next) => rateLimit({ windowMs: 60_000, limit: 10, keyGenerator: (req) => req.user.id })(c, next));
app.use('/b/*', (c, next) => rateLimit({ windowMs: 60_000, limit: 10 })(c, next));
app.post('/a/chat', (c) => c.json({}));
app.post('/b/chat', (c) => c.json({}));
export default app;
`);
  const limit = (path: string) => model.routes.find((r) => r.path === path)?.protections.find((p) => p.kind === 'rateLimit');
  assert.equal(limit('/a/chat')?.keyedBy, 'user');
  assert.equal(limit('/b/chat')?.keyedBy, 'ip');
});
