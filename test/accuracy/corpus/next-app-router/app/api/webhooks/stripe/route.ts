import Stripe from 'stripe';
import { headers } from 'next/headers';
import { prisma } from '@/lib/db';

const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);

export async function POST(req: Request) { // ok: webhook-unverified, auth-missing // expect: ratelimit-missing
  const payload = await req.text();
  const signature = headers().get('stripe-signature')!;
  let event: Stripe.Event;
  try {
    event = stripe.webhooks.constructEvent(payload, signature, process.env.STRIPE_WEBHOOK_SECRET!);
  } catch {
    return new Response('invalid signature', { status: 400 });
  }
  await prisma.billingEvent.upsert({ where: { id: event.id }, create: { id: event.id, type: event.type }, update: {} });
  return new Response(null, { status: 200 });
}
