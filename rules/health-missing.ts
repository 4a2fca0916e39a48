/**
 * health-missing: The service has no health endpoint for load balancers and uptime checks.
 * NOT IMPLEMENTED YET (placeholder so the registry is complete): reports nothing.
 */
import { defineRule } from './api';

export const healthMissing = defineRule({
  meta: {
    id: 'health-missing',
    check: 'monitoring',
    title: "No health endpoint",
    description: "The service has no health endpoint for load balancers and uptime checks.",
    defaultSeverity: 'warning',
    docs: 'rules/docs/health-missing.md',
    fixable: false,
  },
  detect: () => [],
});
