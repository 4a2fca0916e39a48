// Regression: idempotency written as tagged-template SQL (postgres.js `sql\`insert … on conflict do nothing\``)
// counts, including through a local holding the delivery id; GitHub signs no timestamp, so a de-duplicated
// delivery id is its replay defence, while GitHub without de-duplication and Stripe without one are still reported.
import { test } from 'node:test';
import { checkRule } from '../helpers/check-rule';

test('hono: tagged-SQL idempotency on the event/delivery id; GitHub needs no timestamp tolerance', async () => {
  await checkRule('webhook-unverified', `
//- src/webhooks.ts
import { Hono } from 'hono';
import Stripe from 'stripe';
import { Webhooks } from '@octokit/webhooks';
import postgres from 'postgres';
const sql = postgres(process.env.DATABASE_URL!);
export const webhooks = new Hono();
const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);
const github = new Webhooks({ secret: process.env.GITHUB_WEBHOOK_SECRET! });
webhooks.post('/webhooks/stripe', async (c) => { // ok: webhook-unverified
  const event = await stripe.webhooks.constructEventAsync(await c.req.text(), c.req.header('stripe-signature')!, process.env.STRIPE_WEBHOOK_SECRET!);
  await sql\`insert into stripe_events (id, type) values (\${event.id}, \${event.type}) on conflict (id) do nothing\`;
  return c.json({ received: true });
});
webhooks.post('/webhooks/billing', async (c) => { // expect: webhook-unverified
  const event = await stripe.webhooks.constructEventAsync(await c.req.text(), c.req.header('stripe-signature')!, process.env.STRIPE_WEBHOOK_SECRET!);
  await sql\`insert into invoices (status) values (\${event.type})\`;
  return c.json({ received: true });
});
webhooks.post('/webhooks/github', async (c) => { // ok: webhook-unverified
  const body = await c.req.text();
  if (!(await github.verify(body, c.req.header('x-hub-signature-256') ?? ''))) return c.text('bad signature', 401);
  const delivery = c.req.header('x-github-delivery');
  await sql\`insert into gh_deliveries (id) values (\${delivery ?? null}) on conflict do nothing\`;
  return c.json({ ok: true });
});
webhooks.post('/webhooks/github-push', async (c) => { // expect: webhook-unverified
  const body = await c.req.text();
  if (!(await github.verify(body, c.req.header('x-hub-signature-256') ?? ''))) return c.text('bad signature', 401);
  await sql\`insert into pushes (body) values (\${body})\`;
  return c.json({ ok: true });
});
`);
});
