/**
 * monitoring-missing: No error tracking or alerting (Sentry, OpenTelemetry, Datadog, ...) is configured.
 * NOT IMPLEMENTED YET (placeholder so the registry is complete): reports nothing.
 */
import { defineRule } from './api';

export const monitoringMissing = defineRule({
  meta: {
    id: 'monitoring-missing',
    check: 'monitoring',
    title: "No error tracking or alerting",
    description: "No error tracking or alerting (Sentry, OpenTelemetry, Datadog, ...) is configured.",
    defaultSeverity: 'warning',
    docs: 'rules/docs/monitoring-missing.md',
    fixable: false,
  },
  detect: () => [],
});
