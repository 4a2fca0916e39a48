import { createHmac, timingSafeEqual } from 'node:crypto';
import { Hono } from 'hono';
import { pool } from '../lib/db.js';
import { redis } from '../lib/redis.js';

export const shopify = new Hono();

// Shopify signs the raw body (no timestamp); redeliveries share X-Shopify-Webhook-Id, so that id is claimed once.
shopify.post('/orders-updated', async (c) => { // ok: webhook-unverified, auth-missing // expect: ratelimit-missing
  const raw = await c.req.text();
  const digest = createHmac('sha256', process.env.SHOPIFY_WEBHOOK_SECRET!).update(raw, 'utf8').digest('base64'); // ok: env-undocumented
  const given = c.req.header('x-shopify-hmac-sha256') ?? '';
  if (given.length !== digest.length || !timingSafeEqual(Buffer.from(given), Buffer.from(digest))) return c.text('unauthorized', 401);
  const first = await redis.set(`shopify:${c.req.header('x-shopify-webhook-id')}`, '1', 'EX', 86_400, 'NX');
  if (!first) return c.text('duplicate', 200);
  const order = JSON.parse(raw);
  await pool.query('update orders set status = $1 where shopify_id = $2 and shop_domain = $3', [order.financial_status, order.id, c.req.header('x-shopify-shop-domain')]); // ok: validation-missing
  return c.text('ok');
});
