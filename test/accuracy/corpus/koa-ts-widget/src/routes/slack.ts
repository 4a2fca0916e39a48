import Router from '@koa/router';
import { koaBody } from 'koa-body';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { redis } from '../lib/db';

export const slackRouter = new Router({ prefix: '/slack' });

function verifySlack(raw: string, ts: string, sig: string) {
  if (Math.abs(Date.now() / 1000 - Number(ts)) > 300) return false;
  const mine = 'v0=' + createHmac('sha256', process.env.SLACK_SIGNING_SECRET!).update(`v0:${ts}:${raw}`).digest('hex');
  return mine.length === sig.length && timingSafeEqual(Buffer.from(mine), Buffer.from(sig));
}

// Agents answer widget visitors from Slack; the events API posts here.
slackRouter.post('/events', koaBody({ includeUnparsed: true }), async (ctx) => { // ok: webhook-unverified, auth-missing // expect: ratelimit-missing
  const raw = (ctx.request.body as any)[Symbol.for('unparsedBody')] as string;
  if (!verifySlack(raw, ctx.get('x-slack-request-timestamp'), ctx.get('x-slack-signature'))) ctx.throw(401);
  const body = ctx.request.body as { type: string; challenge?: string; event_id?: string };
  if (body.type === 'url_verification') return (ctx.body = { challenge: body.challenge });
  const fresh = await redis.set(`slack:${body.event_id}`, '1', 'EX', 3600, 'NX'); // ok: validation-missing
  ctx.body = { ok: true, duplicate: !fresh };
});
