/**
 * webhook-unverified: inbound webhooks must prove where they come from (a signature over the raw body), that they
 * are fresh (timestamp tolerance) and that they are handled once (idempotency on the event id). Looks at the
 * route's middleware and handler and the project functions they call, two levels deep.
 */
import { defineRule, type CallFact, type Finding, type FunctionFacts, type Route, type RuleContext } from './api';
import { withCallees } from './lib/dataflow';
import { taggedSqlStatements } from './lib/db-sql';
import { atMost, relatedOf } from './lib/routes';

/** Library verifiers that also enforce a timestamp tolerance (Stripe: 300 s, Svix/Standard Webhooks: 5 min). */
const VERIFY_WITH_TOLERANCE = /(^|\.)(constructEvent|constructEventAsync|verifyAndReceive)$|^wh\.verify$|Webhook\(\)\.verify$|webhooks?\.verify$/;
/** Verifiers without a built-in freshness check, or the parts of a hand-written HMAC comparison. */
const VERIFY_OTHER = /(^|\.)(verify|validateRequest|validateWebhook|verifyWebhook|verifySignature|verifyRequest|isValidSignature|validateSignature|timingSafeEqual|checkSignature)$|^crypto\.subtle\.verify$/;
const HMAC = /(^|\.)createHmac$/;
/** An event/delivery id written where it can be looked up again (the idempotency key). */
const EVENT_ID = /(event|evt|payload|delivery|webhook)\w*\.(\w+_)?id\b|event_?id|delivery_?id|idempotenc|x-github-delivery|svix-id|webhook-id/i;
/** Providers whose signature covers no timestamp (GitHub, Shopify): de-duplicating the delivery id is the only
 *  replay defence available, so a timestamp tolerance cannot be asked for. */
const NO_TIMESTAMP_HEADER = /^(x-hub-signature(-256)?|x-shopify-hmac-sha256)$/;

interface Evidence {
  verified: boolean;
  tolerance: boolean;
  idempotent: boolean;
  reserialised?: CallFact;
}

function chainFunctions(ctx: RuleContext, route: Route): FunctionFacts[] {
  const ids = [...route.middlewareIds, route.handlerId].filter((id): id is string => !!id);
  const seen = new Map<string, FunctionFacts>();
  for (const id of ids) {
    const fn = ctx.model.functions[id];
    if (fn) for (const f of withCallees(ctx.model, fn, 2)) seen.set(f.id, f);
  }
  return [...seen.values()];
}

/**
 * Tagged-template SQL that stores or looks up the event id (`sql\`insert into events (id) values (${event.id}) on
 * conflict do nothing\``): the IR has no call for it, so the statement text is read. A `${x}` also counts when the
 * local `x` was assigned from the id (`const delivery = c.req.header('x-github-delivery')`).
 */
function sqlRecordsEventId(fns: FunctionFacts[], text: (file: string) => string | undefined): boolean {
  return fns.some((f) => {
    const idLocals = new Set(f.assignments.filter((a) => EVENT_ID.test(a.value.text ?? '') || a.value.names.some((n) => EVENT_ID.test(n))).map((a) => a.name));
    const isId = (expr: string) => EVENT_ID.test(expr) || idLocals.has(/^[A-Za-z_$][\w$]*/.exec(expr)?.[0] ?? '');
    return taggedSqlStatements(f, text(f.id.slice(0, f.id.lastIndexOf('#'))))
      .some((q) => /^[`\s(]*(insert|select|update)\b/i.test(q.statement) && q.values.some(isId));
  });
}

function evidenceOf(fns: FunctionFacts[], text: (file: string) => string | undefined): Evidence {
  const calls = fns.flatMap((f) => f.calls);
  const names = new Set(fns.flatMap((f) => [...f.calls.flatMap((c) => c.args.flatMap((a) => a.names)), ...f.guards.flatMap((g) => g.names)]));
  const libraryWithTolerance = calls.some((c) => VERIFY_WITH_TOLERANCE.test(c.callee));
  const handWritten = calls.some((c) => VERIFY_OTHER.test(c.callee)) || (calls.some((c) => HMAC.test(c.callee)) && fns.some((f) => f.guards.length > 0));
  const timestampChecked = [...names].some((n) => /timestamp|tolerance|svix-timestamp|x-slack-request-timestamp|webhook-timestamp/.test(n));
  const eventIdUsed = fns.some((f) =>
    f.calls.some((c) => c.args.some((a) => EVENT_ID.test(a.text)) && /(create|insert|upsert|findUnique|findFirst|findOne|exists|has|add|set|get|sismember|setnx|select|where|query)/i.test(c.callee)),
  ) || [...names].some((n) => /idempoten|processedevents|processed_events|dedupe/.test(n)) || sqlRecordsEventId(fns, text);
  const noTimestampProvider = [...names].some((n) => NO_TIMESTAMP_HEADER.test(n)) || calls.some((c) => c.args.some((a) => /^['"`](x-hub-signature(-256)?|x-shopify-hmac-sha256)['"`]$/i.test(a.text)));
  const reserialised = calls.find((c) => (VERIFY_WITH_TOLERANCE.test(c.callee) || VERIFY_OTHER.test(c.callee) || HMAC.test(c.callee) || /\.update$/.test(c.callee)) && c.args.some((a) => /JSON\.stringify\(/.test(a.text)));
  return {
    verified: libraryWithTolerance || handWritten,
    tolerance: libraryWithTolerance || timestampChecked || (noTimestampProvider && eventIdUsed),
    idempotent: eventIdUsed,
    reserialised,
  };
}

function check(ctx: RuleContext, route: Route): Finding | undefined {
  const fns = chainFunctions(ctx, route);
  const byProtection = route.protections.some((p) => p.kind === 'auth' && /signature|webhook|svix|stripe/i.test(p.name));
  const ev = evidenceOf(fns, (file) => ctx.text(file));
  const base = { file: route.file, span: route.span, route: route.key, related: relatedOf(route) };
  if (!fns.length && !byProtection) return undefined;
  if (!ev.verified && !byProtection) {
    return ctx.finding({
      ...base,
      message: `${route.key} accepts webhooks without verifying a signature: anyone who finds the URL can forge events (refunds, plan changes, ticket updates).`,
      key: `unverified ${route.key}`,
    });
  }
  if (ev.reserialised) {
    return ctx.finding({
      ...base,
      span: ev.reserialised.span,
      message: `${route.key} verifies the signature over JSON.stringify(body), not the raw bytes that were signed: genuine events fail or the check is bypassed. Verify the raw body (express.raw / request.text()).`,
      key: `reserialised ${route.key}`,
    });
  }
  const missing = [!ev.tolerance && 'a timestamp tolerance (replayed deliveries are accepted)', !ev.idempotent && 'idempotency on the event id (retried deliveries are processed twice)'].filter(Boolean);
  if (!missing.length) return undefined;
  return ctx.finding({
    ...base,
    severity: atMost(ctx.severity, 'warning'),
    message: `${route.key} verifies the webhook signature but has no ${missing.join(' and no ')}.`,
    key: `partial ${route.key}`,
  });
}

/** Webhook routes that can receive a delivery (not a GET/HEAD/OPTIONS endpoint that only lives under /webhooks). */
function receivesWebhooks(route: Route): boolean {
  return route.tags.includes('webhook') && !['GET', 'HEAD', 'OPTIONS'].includes(route.method);
}

export const webhookUnverified = defineRule({
  meta: {
    id: 'webhook-unverified',
    check: 'webhooks',
    title: 'Webhook without signature verification',
    description: 'An inbound webhook is accepted without signature verification, timestamp tolerance or idempotency.',
    defaultSeverity: 'error',
    docs: 'rules/docs/webhook-unverified.md',
    fixable: false,
  },
  detect: (ctx) => ctx.routes.filter(receivesWebhooks).flatMap((route) => check(ctx, route) ?? []),
});
