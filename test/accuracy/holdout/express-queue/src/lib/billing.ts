import Stripe from 'stripe';
import { prisma } from './db';

export const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!); // ok: secret-hardcoded, env-undocumented

export async function refundPayment(orderId: string) {
  const order = await prisma.order.findUnique({ where: { id: orderId } });
  if (!order) return { error: 'not found' };
  return stripe.refunds.create({ payment_intent: order.paymentIntentId });
}
