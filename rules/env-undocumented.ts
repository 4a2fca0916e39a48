/**
 * env-undocumented: An environment variable read by the code is missing from .env.example or an equivalent.
 * NOT IMPLEMENTED YET (placeholder so the registry is complete): reports nothing.
 */
import { defineRule } from './api';

export const envUndocumented = defineRule({
  meta: {
    id: 'env-undocumented',
    check: 'handover',
    title: "Environment variable not documented",
    description: "An environment variable read by the code is missing from .env.example or an equivalent.",
    defaultSeverity: 'info',
    docs: 'rules/docs/env-undocumented.md',
    fixable: true,
  },
  detect: () => [],
});
