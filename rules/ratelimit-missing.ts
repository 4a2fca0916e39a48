/**
 * ratelimit-missing: A chat/AI, auth, webhook or admin route has no rate limit.
 * NOT IMPLEMENTED YET (placeholder so the registry is complete): reports nothing.
 */
import { defineRule } from './api';

export const ratelimitMissing = defineRule({
  meta: {
    id: 'ratelimit-missing',
    check: 'ratelimit',
    title: "Route without a rate limit",
    description: "A chat/AI, auth, webhook or admin route has no rate limit.",
    defaultSeverity: 'error',
    docs: 'rules/docs/ratelimit-missing.md',
    fixable: true,
  },
  detect: () => [],
});
