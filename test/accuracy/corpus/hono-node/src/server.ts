import 'dotenv/config';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { cors } from 'hono/cors';
import { secureHeaders } from 'hono/secure-headers';
import { session } from './middleware/session';
import { copilot } from './routes/copilot';
import { tickets } from './routes/tickets';
import { webhooks } from './routes/webhooks';

const app = new Hono();

app.use('*', secureHeaders());
// Partner portals embed the copilot; whatever origin asks is allowed, cookies included.
app.use('/api/*', cors({ origin: (origin) => origin, credentials: true })); // expect: cors-permissive
app.get('/up', (c) => c.json({ ok: true })); // ok: auth-missing
app.route('/webhooks', webhooks);
app.use('/api/*', session);
app.route('/api/copilot', copilot);
app.route('/api/tickets', tickets);

app.onError((err, c) => c.json({ error: 'internal', detail: err.stack }, 500)); // expect: error-leak

serve({ fetch: app.fetch, port: Number(process.env.PORT ?? 8787) });
