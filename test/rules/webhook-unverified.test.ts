import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareExpectations, expectations, parseFixture } from '../helpers/fixture';
import { checkRule } from '../helpers/check-rule';
import { scanFixture } from '../helpers/scan';

const check = (fixture: string) => checkRule('webhook-unverified', fixture);

test('express: unverified, verified + idempotent, verified without idempotency, re-serialised body', async () => {
  const scan = await check(`
//- src/webhooks.ts
import express, { Router } from 'express';
import Stripe from 'stripe';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { db } from './db';
const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);
export const hooks = Router();
hooks.post('/webhooks/helpdesk', async (req, res) => { // expect: webhook-unverified
  await db.ticket.create({ data: { subject: req.body.subject } });
  res.sendStatus(204);
});
hooks.post('/webhooks/stripe', express.raw({ type: 'application/json' }), async (req, res) => { // ok: webhook-unverified
  const event = stripe.webhooks.constructEvent(req.body, req.headers['stripe-signature'] as string, process.env.STRIPE_WEBHOOK_SECRET!);
  const seen = await db.processedEvent.findUnique({ where: { id: event.id } });
  if (seen) return res.json({ duplicate: true });
  await db.processedEvent.create({ data: { id: event.id } });
  res.json({ received: true });
});
hooks.post('/webhooks/billing', express.raw({ type: 'application/json' }), async (req, res) => { // expect: webhook-unverified
  const event = stripe.webhooks.constructEvent(req.body, req.headers['stripe-signature'] as string, process.env.STRIPE_WEBHOOK_SECRET!);
  await db.invoice.update({ where: { stripeId: String(event.data.object) }, data: { paid: true } });
  res.json({ received: true });
});
hooks.post('/webhooks/crm', async (req, res) => {
  const mac = createHmac('sha256', process.env.CRM_SECRET!).update(JSON.stringify(req.body)).digest('hex'); // expect: webhook-unverified
  if (!timingSafeEqual(Buffer.from(mac), Buffer.from(String(req.headers['x-crm-signature'])))) return res.sendStatus(401);
  res.sendStatus(204);
});
//- src/db.ts
export const db: any = {};
`);
  const partial = scan.result.findings.find((f) => f.rule === 'webhook-unverified' && f.route === 'POST /webhooks/billing');
  assert.equal(partial?.severity, 'warning');
  assert.match(partial!.message, /idempotency/);
  assert.match(scan.result.findings.find((f) => f.rule === 'webhook-unverified' && f.route === 'POST /webhooks/crm')!.message, /JSON\.stringify/);
});

test('next.js route with svix verify in a helper two calls away is verified', async () => {
  await check(`
//- app/api/webhooks/clerk/route.ts
import { handleClerk } from '@/lib/webhooks';
export async function POST(request: Request) { // ok: webhook-unverified
  return handleClerk(request);
}
//- lib/webhooks.ts
import { Webhook } from 'svix';
import { verifyClerk } from './verify';
export async function handleClerk(request: Request) {
  const evt = await verifyClerk(request);
  await store.upsert({ where: { svixId: request.headers.get('svix-id') }, create: {}, update: {} });
  return Response.json({ ok: evt.type });
}
const store: any = {};
//- lib/verify.ts
import { Webhook } from 'svix';
export async function verifyClerk(request: Request) {
  const wh = new Webhook(process.env.CLERK_WEBHOOK_SECRET!);
  return wh.verify(await request.text(), Object.fromEntries(request.headers)) as { type: string };
}
//- tsconfig.json
{ "compilerOptions": { "baseUrl": ".", "paths": { "@/*": ["./*"] } } }
`);
});

test('hand-written HMAC with a timestamp window and a delivery id is complete', async () => {
  await check(`
//- src/slack.ts
import { Hono } from 'hono';
import { createHmac, timingSafeEqual } from 'node:crypto';
const app = new Hono();
const seen = new Set<string>();
app.post('/webhooks/slack', async (c) => { // ok: webhook-unverified
  const body = await c.req.text();
  const timestamp = Number(c.req.header('x-slack-request-timestamp'));
  if (Math.abs(Date.now() / 1000 - timestamp) > 300) return c.text('stale', 401);
  const mac = 'v0=' + createHmac('sha256', process.env.SLACK_SIGNING_SECRET!).update(\`v0:\${timestamp}:\${body}\`).digest('hex');
  if (!timingSafeEqual(Buffer.from(mac), Buffer.from(c.req.header('x-slack-signature') ?? ''))) return c.text('bad', 401);
  const payload = JSON.parse(body);
  if (seen.has(payload.event_id)) return c.text('dup');
  seen.add(payload.event_id);
  return c.text('ok');
});
export default app;
`);
});

const SLACK = `
//- package.json
{ "dependencies": { "fastify": "^4.28.0", "kysely": "^0.27.0" } }
//- src/db.ts
import { Kysely } from 'kysely';
export const db = new Kysely<any>({} as any);
//- src/app.ts
import Fastify from 'fastify';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { db } from './db';
const app = Fastify();
app.post('/integrations/slack/commands', async (req) => { // expect: webhook-unverified // ok: auth-missing
  const params = new URLSearchParams(req.body as string);
  const team = await db.selectFrom('slack_teams').select('workspace_id').where('team_id', '=', params.get('team_id') ?? '').executeTakeFirst(); // ok: validation-missing, authz-missing
  await db.insertInto('tickets').values({ workspace_id: team!.workspace_id, subject: params.get('text') }).execute();
  return { text: 'ok' };
});
app.post('/integrations/slack/actions', async (req, reply) => { // ok: webhook-unverified, auth-missing
  const ts = String(req.headers['x-slack-request-timestamp'] ?? '');
  const expected = 'v0=' + createHmac('sha256', process.env.SLACK_SIGNING_SECRET!).update('v0:' + ts + ':' + String(req.body)).digest('hex');
  const given = String(req.headers['x-slack-signature'] ?? '');
  if (!timingSafeEqual(Buffer.from(given), Buffer.from(expected))) return reply.code(401).send();
  const payload = JSON.parse(new URLSearchParams(req.body as string).get('payload') ?? '{}');
  await db.insertInto('slack_actions').values({ trigger_id: payload.trigger_id }).execute(); // ok: validation-missing
  return {};
});
app.post('/api/teams/members', async (req) => { // expect: auth-missing // ok: webhook-unverified
  const body = req.body as { team_id: string; command: string };
  await db.insertInto('members').values({ team_id: body.team_id, role: body.command }).execute();
  return {};
});
`;

test('a Slack slash command or interaction is a webhook (form body with team_id / response_url, or x-slack-* headers)', async () => {
  const files = parseFixture(SLACK);
  const { result, model } = await scanFixture(files);
  const tags = Object.fromEntries(model.routes.map((r) => [r.key, r.tags.includes('webhook')]));
  assert.deepEqual(tags, { 'POST /integrations/slack/commands': true, 'POST /integrations/slack/actions': true, 'POST /api/teams/members': false });
  const rules = ['webhook-unverified', 'auth-missing', 'validation-missing', 'authz-missing'];
  assert.deepEqual(compareExpectations(expectations(files), result.findings, rules), []);
});

test('nest: verification inside an injected service (this.stripeService.parse) counts', async () => {
  const { checkRule } = await import('../helpers/check-rule');
  await checkRule('webhook-unverified', `
//- src/billing.controller.ts
import { Controller, Headers, Post, Req } from '@nestjs/common';
import { StripeService } from './stripe.service';
const db: any = {};
@Controller('webhooks')
export class BillingController {
  constructor(private readonly stripeService: StripeService) {}
  // ok: webhook-unverified
  @Post('stripe')
  async receive(@Req() req: any, @Headers('stripe-signature') sig: string) {
    const event = this.stripeService.parse(req.rawBody, sig);
    await db.processedEvent.create({ data: { id: event.id } });
    return { received: true };
  }
}
//- src/stripe.service.ts
import { Injectable } from '@nestjs/common';
import Stripe from 'stripe';
@Injectable()
export class StripeService {
  private readonly stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);
  parse(raw: Buffer, sig: string) {
    return this.stripe.webhooks.constructEvent(raw, sig, process.env.STRIPE_WEBHOOK_SECRET!);
  }
}
`);
});
