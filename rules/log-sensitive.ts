/**
 * log-sensitive: Secrets, tokens, passwords, auth headers, whole request bodies or PII are written to logs.
 * NOT IMPLEMENTED YET (placeholder so the registry is complete): reports nothing.
 */
import { defineRule } from './api';

export const logSensitive = defineRule({
  meta: {
    id: 'log-sensitive',
    check: 'logging',
    title: "Sensitive data in logs",
    description: "Secrets, tokens, passwords, auth headers, whole request bodies or PII are written to logs.",
    defaultSeverity: 'warning',
    docs: 'rules/docs/log-sensitive.md',
    fixable: true,
  },
  detect: () => [],
});
