import Stripe from 'stripe';

// Shared by the settings page; a secret key with a NEXT_PUBLIC_ prefix is inlined into the browser bundle.
export const stripe = new Stripe(process.env.NEXT_PUBLIC_STRIPE_SECRET_KEY!); // expect: secret-client-exposed
export const publishableKey = process.env.NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY; // ok: secret-client-exposed
