/**
 * secret-in-history: A secret exists in git history even if it is gone from the current tree.
 * NOT IMPLEMENTED YET (placeholder so the registry is complete): reports nothing.
 */
import { defineRule } from './api';

export const secretInHistory = defineRule({
  meta: {
    id: 'secret-in-history',
    check: 'secrets',
    title: "Secret in git history",
    description: "A secret exists in git history even if it is gone from the current tree.",
    defaultSeverity: 'error',
    docs: 'rules/docs/secret-in-history.md',
    fixable: false,
  },
  detect: () => [],
});
