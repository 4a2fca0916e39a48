import { Hono } from 'hono';
import type { Env } from '../lib/env';

export const hooks = new Hono<Env>();

async function hmacHex(secret: string, body: string) {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const sig = await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(body));
  return [...new Uint8Array(sig)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

// Signed, but no timestamp check and no event-id dedupe: a captured request can be replayed forever.
hooks.post('/helpdesk', async (c) => { // expect: webhook-unverified, ratelimit-missing
  const raw = await c.req.text();
  const expected = await hmacHex(c.env.HELPDESK_SIGNING_SECRET, raw);
  if (c.req.header('x-helpdesk-signature') !== expected) return c.text('bad signature', 401);
  const event = JSON.parse(raw);
  console.log('helpdesk event', event.type);
  return c.json({ ok: true });
});
