/**
 * error-leak: Stack traces or internal error details are sent to clients.
 * NOT IMPLEMENTED YET (placeholder so the registry is complete): reports nothing.
 */
import { defineRule } from './api';

export const errorLeak = defineRule({
  meta: {
    id: 'error-leak',
    check: 'errors',
    title: "Error details sent to clients",
    description: "Stack traces or internal error details are sent to clients.",
    defaultSeverity: 'warning',
    docs: 'rules/docs/error-leak.md',
    fixable: true,
  },
  detect: () => [],
});
