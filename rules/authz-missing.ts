/**
 * authz-missing: An authenticated user can reach admin routes without an admin claim, or read/change another tenant's records by id.
 * NOT IMPLEMENTED YET (placeholder so the registry is complete): reports nothing.
 */
import { defineRule } from './api';

export const authzMissing = defineRule({
  meta: {
    id: 'authz-missing',
    check: 'authz',
    title: "Missing role or ownership check",
    description: "An authenticated user can reach admin routes without an admin claim, or read/change another tenant's records by id.",
    defaultSeverity: 'error',
    docs: 'rules/docs/authz-missing.md',
    fixable: true,
  },
  detect: () => [],
});
