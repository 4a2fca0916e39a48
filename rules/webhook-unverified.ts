/**
 * webhook-unverified: An inbound webhook is accepted without signature verification, timestamp tolerance or idempotency.
 * NOT IMPLEMENTED YET (placeholder so the registry is complete): reports nothing.
 */
import { defineRule } from './api';

export const webhookUnverified = defineRule({
  meta: {
    id: 'webhook-unverified',
    check: 'webhooks',
    title: "Webhook without signature verification",
    description: "An inbound webhook is accepted without signature verification, timestamp tolerance or idempotency.",
    defaultSeverity: 'error',
    docs: 'rules/docs/webhook-unverified.md',
    fixable: false,
  },
  detect: () => [],
});
