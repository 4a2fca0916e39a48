import { createHmac, timingSafeEqual } from 'node:crypto';
import type { FastifyPluginAsync } from 'fastify';
import { db } from '../lib/db.js';

const slack: FastifyPluginAsync = async (fastify) => {
  // Keep the raw body for the signature check.
  fastify.addContentTypeParser(['application/json', 'application/x-www-form-urlencoded'], { parseAs: 'string' }, (_req, body, done) => done(null, body));

  fastify.post('/events', { config: { rateLimit: { max: 600, timeWindow: '1 minute' } } }, async (req, reply) => { // ok: webhook-unverified, auth-missing, ratelimit-missing
    const raw = req.body as string;
    const ts = String(req.headers['x-slack-request-timestamp'] ?? '');
    if (Math.abs(Date.now() / 1000 - Number(ts)) > 300) return reply.code(400).send();
    const expected = 'v0=' + createHmac('sha256', process.env.SLACK_SIGNING_SECRET!).update(`v0:${ts}:${raw}`).digest('hex'); // ok: env-undocumented
    const given = String(req.headers['x-slack-signature'] ?? '');
    if (given.length !== expected.length || !timingSafeEqual(Buffer.from(given), Buffer.from(expected))) return reply.code(401).send();
    const event = JSON.parse(raw);
    if (event.type === 'url_verification') return { challenge: event.challenge };
    const inserted = await db.insertInto('slack_events').values({ event_id: event.event_id }).onConflict((oc) => oc.doNothing()).executeTakeFirst(); // ok: validation-missing
    if (!inserted.numInsertedOrUpdatedRows) return { ok: true };
    req.log.info({ eventId: event.event_id, type: event.event?.type }, 'slack event'); // ok: log-sensitive
    return { ok: true };
  });

  // `/replyhub <subject>` opens a ticket. Slack signs it the same way, but this handler never checks.
  fastify.post('/commands', async (req) => { // expect: webhook-unverified, ratelimit-missing // ok: auth-missing
    req.log.info({ headers: req.headers }, 'slash command'); // expect: log-sensitive
    const params = new URLSearchParams(req.body as string);
    const team = await db.selectFrom('slack_teams').select('workspace_id').where('team_id', '=', params.get('team_id') ?? '').executeTakeFirst();
    if (!team) return { response_type: 'ephemeral', text: 'This Slack workspace is not connected.' };
    await db.insertInto('tickets').values({ id: crypto.randomUUID(), workspace_id: team.workspace_id, subject: (params.get('text') ?? '').slice(0, 200), status: 'open', priority: 'normal' }).execute(); // ok: validation-missing
    return { response_type: 'ephemeral', text: 'Ticket created.' };
  });
};
export default slack;
