// Temporary: local testing against live Stripe, remove before merge.
export const STRIPE_KEY = '__FAKE_stripeLive__';
export const OPENAI_KEY = process.env.OPENAI_API_KEY ?? 'sk-your-openai-key';
