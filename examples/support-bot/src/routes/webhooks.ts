import { Router } from 'express';
import Stripe from 'stripe';
import { prisma } from '../lib/db';

const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);
const router = Router();

router.post('/stripe', async (req, res) => {
  const event = stripe.webhooks.constructEvent(req.body, req.headers['stripe-signature'] as string, process.env.STRIPE_WEBHOOK_SECRET!);
  if (event.type === 'invoice.paid') {
    await prisma.tenant.update({ where: { stripeCustomerId: String(event.data.object.customer) }, data: { plan: 'pro' } });
  }
  res.json({ received: true });
});

router.post('/helpdesk', async (req, res) => {
  const payload = JSON.parse(req.body.toString());
  await prisma.ticket.create({ data: { subject: payload.subject, body: payload.body, tenantId: payload.tenantId } });
  res.sendStatus(204);
});

export default router;
