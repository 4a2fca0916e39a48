/**
 * handover-missing: No runbook covers env vars, secrets ownership, rollback steps and escalation contacts.
 * NOT IMPLEMENTED YET (placeholder so the registry is complete): reports nothing.
 */
import { defineRule } from './api';

export const handoverMissing = defineRule({
  meta: {
    id: 'handover-missing',
    check: 'handover',
    title: "No handover runbook",
    description: "No runbook covers env vars, secrets ownership, rollback steps and escalation contacts.",
    defaultSeverity: 'info',
    docs: 'rules/docs/handover-missing.md',
    fixable: false,
  },
  detect: () => [],
});
