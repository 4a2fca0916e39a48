import { Hono } from 'hono';
import Stripe from 'stripe';
import { Webhooks } from '@octokit/webhooks';
import { sql } from '../lib/db';

export const webhooks = new Hono();
const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);
const github = new Webhooks({ secret: process.env.GITHUB_WEBHOOK_SECRET! });

webhooks.post('/stripe', async (c) => { // ok: webhook-unverified, auth-missing // expect: ratelimit-missing
  const event = await stripe.webhooks.constructEventAsync(await c.req.text(), c.req.header('stripe-signature')!, process.env.STRIPE_WEBHOOK_SECRET!);
  await sql`insert into stripe_events (id, type) values (${event.id}, ${event.type}) on conflict (id) do nothing`;
  return c.json({ received: true });
});

webhooks.post('/github', async (c) => { // ok: webhook-unverified, auth-missing // expect: ratelimit-missing
  const body = await c.req.text();
  if (!(await github.verify(body, c.req.header('x-hub-signature-256') ?? ''))) return c.text('bad signature', 401);
  const delivery = c.req.header('x-github-delivery');
  await sql`insert into gh_deliveries (id) values (${delivery ?? null}) on conflict do nothing`;
  return c.json({ ok: true });
});
