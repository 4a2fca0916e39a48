/**
 * The scorecard rows: one per checklist concern, in the order reviewers read them. Each row lists the rules and
 * probe checks that feed it; a row with neither (or whose rules are all off) reports `unknown`.
 */
import type { CheckId } from './api';

export interface ChecklistRow {
  id: CheckId;
  title: string;
  /** One line: what breaks in production when this row fails. */
  whatBreaks: string;
  rules: string[];
  probeChecks: string[];
}

export const CHECKLIST: readonly ChecklistRow[] = [
  {
    id: 'auth',
    title: 'Auth on all APIs',
    whatBreaks: 'Anyone on the internet can call a customer-data or chat endpoint without logging in.',
    rules: ['auth-missing'],
    probeChecks: ['auth-bypass'],
  },
  {
    id: 'authz',
    title: 'Role-based and tenant access',
    whatBreaks: 'One customer reads or changes another tenant’s tickets by changing an id in the URL.',
    rules: ['authz-missing'],
    probeChecks: [],
  },
  {
    id: 'validation',
    title: 'Input validation',
    whatBreaks: 'Unexpected fields reach the database (mass assignment) or the model, and requests crash handlers.',
    rules: ['validation-missing'],
    probeChecks: ['error-handling'],
  },
  {
    id: 'ratelimit',
    title: 'Rate limiting',
    whatBreaks: 'A script burns the LLM budget, brute-forces logins or floods webhooks and admin APIs.',
    rules: ['ratelimit-missing'],
    probeChecks: ['rate-limit'],
  },
  {
    id: 'secrets',
    title: 'Secret handling',
    whatBreaks: 'A leaked key in code, a bundle, a committed .env or git history lets outsiders spend or read data.',
    rules: ['secret-hardcoded', 'secret-client-exposed', 'env-file-committed', 'secret-in-history'],
    probeChecks: ['bundle-secrets'],
  },
  {
    id: 'cors',
    title: 'CORS',
    whatBreaks: 'Any website can make a logged-in user’s browser call your API and read the answers.',
    rules: ['cors-permissive'],
    probeChecks: ['cors'],
  },
  {
    id: 'webhooks',
    title: 'Webhook verification',
    whatBreaks: 'Forged or replayed webhook calls create refunds, escalations or duplicate work.',
    rules: ['webhook-unverified'],
    probeChecks: ['webhook-signature'],
  },
  {
    id: 'logging',
    title: 'Logging hygiene',
    whatBreaks: 'Passwords, tokens and customer PII end up in log storage that many people and vendors can read.',
    rules: ['log-sensitive'],
    probeChecks: [],
  },
  {
    id: 'errors',
    title: 'Error handling',
    whatBreaks: 'Stack traces and internal details reach customers, and support cannot match an error to a request.',
    rules: ['error-leak'],
    probeChecks: ['error-handling'],
  },
  {
    id: 'ai-tools',
    title: 'AI tool authorization',
    whatBreaks: 'One prompt injection makes the assistant fetch or change another customer’s data.',
    rules: ['llm-tool-authz'],
    probeChecks: [],
  },
  {
    id: 'monitoring',
    title: 'Monitoring and health',
    whatBreaks: 'Outages and error spikes are found by customers before the team knows.',
    rules: ['health-missing', 'monitoring-missing'],
    probeChecks: ['health'],
  },
  {
    id: 'handover',
    title: 'Handover',
    whatBreaks: 'Nobody on call knows which env vars and secrets exist, who owns them or how to roll back.',
    rules: ['env-undocumented', 'handover-missing'],
    probeChecks: [],
  },
  {
    id: 'transport',
    title: 'TLS and security headers',
    whatBreaks: 'Traffic can be downgraded or framed, and browsers are not told to protect sessions.',
    rules: [],
    probeChecks: ['tls-cert', 'https-redirect', 'hsts', 'security-headers', 'edge'],
  },
  {
    id: 'latency',
    title: 'Latency',
    whatBreaks: 'Chat replies feel broken: P95 above 500 ms for APIs or 2 s for AI routes.',
    rules: [],
    probeChecks: ['latency'],
  },
  {
    id: 'email',
    title: 'Email authentication',
    whatBreaks: 'Notification and reset emails land in spam, or attackers spoof your domain.',
    rules: [],
    probeChecks: ['spf', 'dkim', 'dmarc', 'mx', 'caa'],
  },
];
