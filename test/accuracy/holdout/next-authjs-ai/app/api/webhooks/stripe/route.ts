import Stripe from 'stripe';
import { Resend } from 'resend';
import { eq } from 'drizzle-orm';
import { db } from '@/db';
import { orgs } from '@/db/schema';

const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);
const resend = new Resend(process.env.RESEND_API_KEY);

// Verified, but Stripe retries deliveries and nothing records event.id: a retry sends the welcome mail twice.
export async function POST(req: Request) { // expect: webhook-unverified, ratelimit-missing // ok: auth-missing
  const sig = req.headers.get('stripe-signature') ?? '';
  let event: Stripe.Event;
  try {
    event = stripe.webhooks.constructEvent(await req.text(), sig, process.env.STRIPE_WEBHOOK_SECRET!);
  } catch {
    return new Response('Bad signature', { status: 400 });
  }
  if (event.type === 'checkout.session.completed') {
    const s = event.data.object;
    const [org] = await db.update(orgs).set({ plan: 'pro' }).where(eq(orgs.stripeCustomerId, String(s.customer))).returning();
    if (org?.billingEmail) await resend.emails.send({ from: 'hello@supportly.example', to: org.billingEmail, subject: 'Welcome to Supportly Pro', text: 'Thanks!' });
  }
  return new Response('ok');
}
