import { Webhook } from 'svix';
import { admin } from '@/lib/supabase/admin';

const wh = new Webhook(process.env.RESEND_WEBHOOK_SECRET!); // expect: env-undocumented

export async function POST(req: Request) { // ok: webhook-unverified, auth-missing // expect: ratelimit-missing
  const payload = await req.text();
  let event: { type: string; data: { email_id: string } };
  try {
    event = wh.verify(payload, Object.fromEntries(req.headers)) as typeof event;
  } catch {
    return new Response('invalid signature', { status: 400 });
  }
  await admin.from('email_events').upsert({ id: req.headers.get('svix-id'), type: event.type, email_id: event.data.email_id }, { onConflict: 'id', ignoreDuplicates: true });
  return new Response(null, { status: 204 });
}
