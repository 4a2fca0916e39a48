import { Hono } from 'hono';
import { cors } from 'hono/cors';
import { jwt } from 'hono/jwt';
import { sentry } from '@hono/sentry';
import { rateLimiter } from 'hono-rate-limiter';
import { chat } from './routes/chat';
import { threads } from './routes/threads';
import { hooks } from './routes/hooks';
import type { Env } from './lib/env';

const app = new Hono<Env>();

app.use('*', sentry());
app.use('/api/*', cors({ origin: ['https://support.example.com', 'https://admin.example.com'], credentials: true })); // ok: cors-permissive
app.get('/health', (c) => c.text('ok'));

app.use('/api/*', (c, next) => jwt({ secret: c.env.JWT_SECRET })(c, next));
app.use('/api/chat/*', rateLimiter({ windowMs: 60_000, limit: 15, keyGenerator: (c) => c.get('jwtPayload').sub }));

app.route('/api/chat', chat);
app.route('/api/threads', threads);
app.route('/hooks', hooks);

export default app;
