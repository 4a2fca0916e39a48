/**
 * auth-missing: A sensitive route is reachable without authentication, so anyone on the internet can call it.
 * NOT IMPLEMENTED YET (placeholder so the registry is complete): reports nothing.
 */
import { defineRule } from './api';

export const authMissing = defineRule({
  meta: {
    id: 'auth-missing',
    check: 'auth',
    title: "Sensitive route without authentication",
    description: "A sensitive route is reachable without authentication, so anyone on the internet can call it.",
    defaultSeverity: 'error',
    docs: 'rules/docs/auth-missing.md',
    fixable: true,
  },
  detect: () => [],
});
