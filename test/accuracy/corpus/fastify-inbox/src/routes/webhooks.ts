import type { FastifyInstance } from 'fastify';
import { createHmac, timingSafeEqual } from 'node:crypto';

const FIVE_MINUTES = 5 * 60;

function verifyZendesk(raw: string, signature: string, timestamp: string): boolean {
  if (Math.abs(Date.now() / 1000 - Number(timestamp)) > FIVE_MINUTES) return false;
  const expected = createHmac('sha256', process.env.ZENDESK_WEBHOOK_SECRET!).update(timestamp + raw).digest('base64');
  const a = Buffer.from(expected);
  const b = Buffer.from(signature ?? '');
  return a.length === b.length && timingSafeEqual(a, b);
}

export async function webhookRoutes(app: FastifyInstance) {
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => done(null, body));

  app.post('/zendesk', { config: { public: true } }, async (request, reply) => { // ok: auth-missing, ratelimit-missing // expect: webhook-unverified
    const sig = request.headers['x-zendesk-webhook-signature'] as string;
    const ts = request.headers['x-zendesk-webhook-signature-timestamp'] as string;
    if (!verifyZendesk(request.body as string, sig, ts)) return reply.code(401).send();
    const event = JSON.parse(request.body as string);
    request.log.info({ type: event.type, id: event.id }, 'zendesk event'); // ok: log-sensitive
    return { received: true };
  });
}
