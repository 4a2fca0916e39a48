import { createHmac, timingSafeEqual } from 'node:crypto';
import { Router } from 'express';
import Stripe from 'stripe';
import { stripe } from '../lib/billing';
import { prisma } from '../lib/db';
import { ticketSyncQueue } from '../lib/queue';

export const webhooksRouter = Router();

webhooksRouter.post('/stripe', async (req, res) => { // ok: webhook-unverified, auth-missing, ratelimit-missing
  let event: Stripe.Event;
  try {
    event = stripe.webhooks.constructEvent(req.body, req.header('stripe-signature') ?? '', process.env.STRIPE_WEBHOOK_SECRET!);
  } catch {
    return res.status(400).send('invalid signature');
  }
  const fresh = await prisma.processedEvent.createMany({ data: [{ id: event.id }], skipDuplicates: true });
  if (fresh.count === 0) return res.sendStatus(200);
  if (event.type === 'customer.subscription.deleted') {
    await prisma.org.updateMany({ where: { stripeCustomerId: String(event.data.object.customer) }, data: { plan: 'free' } });
  }
  res.sendStatus(200);
});

// Zendesk signs timestamp + raw body; the job id is the Zendesk event id, so BullMQ drops redeliveries.
webhooksRouter.post('/zendesk', async (req, res) => { // ok: webhook-unverified, auth-missing, ratelimit-missing
  const timestamp = req.header('x-zendesk-webhook-signature-timestamp') ?? '';
  const signature = req.header('x-zendesk-webhook-signature') ?? '';
  if (Math.abs(Date.now() - Date.parse(timestamp)) > 5 * 60_000) return res.status(400).send('stale');
  const expected = createHmac('sha256', process.env.ZENDESK_WEBHOOK_SECRET!).update(timestamp + req.body.toString('utf8')).digest('base64'); // expect: env-undocumented
  if (signature.length !== expected.length || !timingSafeEqual(Buffer.from(signature), Buffer.from(expected))) return res.status(401).send('bad signature');
  const event = JSON.parse(req.body.toString('utf8'));
  await ticketSyncQueue.add('sync', { ticketId: event.detail.id }, { jobId: event.id });
  res.sendStatus(202);
});
