/**
 * validation-missing: Request body, query or params are used without server-side schema validation.
 * NOT IMPLEMENTED YET (placeholder so the registry is complete): reports nothing.
 */
import { defineRule } from './api';

export const validationMissing = defineRule({
  meta: {
    id: 'validation-missing',
    check: 'validation',
    title: "Request input used without validation",
    description: "Request body, query or params are used without server-side schema validation.",
    defaultSeverity: 'warning',
    docs: 'rules/docs/validation-missing.md',
    fixable: true,
  },
  detect: () => [],
});
