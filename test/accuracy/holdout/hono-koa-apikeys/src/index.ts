import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { cors } from 'hono/cors';
import { logger } from 'hono/logger';
import { HTTPException } from 'hono/http-exception';
import { apiKeyAuth, type Env } from './middleware/api-key.js';
import { conversations } from './routes/conversations.js';
import { answers } from './routes/answers.js';
import { shopify } from './routes/shopify.js';

const app = new Hono<Env>();

app.use('*', logger());
// Server-to-server API authenticated by bearer keys, no cookies: any origin may call it.
app.use('/v1/*', cors({ origin: '*', allowHeaders: ['Authorization', 'Content-Type'] })); // ok: cors-permissive
app.get('/healthz', (c) => c.json({ ok: true }));

app.use('/v1/*', apiKeyAuth);
app.route('/v1/conversations', conversations);
app.route('/v1/answers', answers);
app.route('/webhooks/shopify', shopify);

app.onError((err, c) => {
  if (err instanceof HTTPException) return err.getResponse();
  console.error(err);
  return c.json({ error: 'internal_error' }, 500); // ok: error-leak
});

serve({ fetch: app.fetch, port: Number(process.env.PORT ?? 8787) });
