import express, { Router } from 'express';
import Stripe from 'stripe';
import { prisma } from '../lib/db';

export const webhooksRouter = Router();
const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);

webhooksRouter.post('/stripe', express.raw({ type: 'application/json' }), async (req, res) => { // ok: webhook-unverified, auth-missing
  let event: Stripe.Event;
  try {
    event = stripe.webhooks.constructEvent(req.body, req.headers['stripe-signature'] as string, process.env.STRIPE_WEBHOOK_SECRET!);
  } catch {
    return res.status(400).send('bad signature');
  }
  const seen = await prisma.webhookEvent.findUnique({ where: { id: event.id } });
  if (seen) return res.sendStatus(200);
  await prisma.webhookEvent.create({ data: { id: event.id, type: event.type } });
  res.sendStatus(200);
});
