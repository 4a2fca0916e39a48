/**
 * env-file-committed: A real .env file is tracked by git, or .gitignore does not cover it.
 * NOT IMPLEMENTED YET (placeholder so the registry is complete): reports nothing.
 */
import { defineRule } from './api';

export const envFileCommitted = defineRule({
  meta: {
    id: 'env-file-committed',
    check: 'secrets',
    title: "Real .env file committed",
    description: "A real .env file is tracked by git, or .gitignore does not cover it.",
    defaultSeverity: 'error',
    docs: 'rules/docs/env-file-committed.md',
    fixable: false,
  },
  detect: () => [],
});
