/**
 * Provider key formats (ideas from gitleaks and secretlint rules). Each detector names literal prefixes: its regex
 * runs only when one of them occurs in the text, so the common file (no prefix at all) costs a few `includes` calls.
 * Every regex is linear: bounded character classes, no nested quantifiers.
 */
import { shannonEntropy } from './entropy';
import { isDefaultPassword, isPlaceholder } from './placeholders';

export type Confidence = 'high' | 'medium' | 'low';

export interface Detector {
  kind: string;
  title: string;
  /** Case-sensitive literal substrings; the regex runs only when one occurs in the text. */
  prefixes: string[];
  /** Global regex the whole match is the secret value. */
  re: RegExp;
  confidence: Confidence;
  /** Refine or reject a match: returns the confidence to report, or undefined to drop it. */
  check?: (value: string, match: RegExpExecArray, text: string) => Confidence | undefined;
}

/** Random-looking body after a fixed prefix: rejects `sk-xxxxxxxx…`, `sk_live_your_key_here` and friends. */
function randomBody(prefixLength: number, minEntropy = 3.2): Detector['check'] {
  return (value) => {
    if (isPlaceholder(value, prefixLength + 8)) return undefined;
    return shannonEntropy(value.slice(prefixLength)) >= minEntropy ? 'high' : undefined;
  };
}

const LOCAL_HOST = /@(localhost|127\.0\.0\.1|0\.0\.0\.0|\[::1\]|host\.docker\.internal|db|postgres|mysql|redis|mongo|database)(?=[:/?]|$)/i;

function databaseUrl(_value: string, m: RegExpExecArray): Confidence | undefined {
  const [, user, password] = m;
  if (isPlaceholder(password, 1)) return undefined;
  // Local dev databases with default passwords are what docker-compose files and READMEs are made of.
  if (LOCAL_HOST.test(m[0]) || isDefaultPassword(password) || password === user) return 'low';
  return 'high';
}

function pemBlock(_value: string, m: RegExpExecArray, text: string): Confidence | undefined {
  const after = text.slice(m.index + m[0].length, m.index + m[0].length + 4000);
  const end = after.indexOf('-----END');
  const body = (end >= 0 ? after.slice(0, end) : after.slice(0, 200)).replace(/\\n|\s/g, '');
  // A real key body is long base64; docs show `...` or `<your key>`.
  if (body.length < 64 || !/^[A-Za-z0-9+/=:,\-]+$/.test(body.slice(0, 200)) || isPlaceholder(body.slice(0, 64))) return undefined;
  return 'high';
}

export const DETECTORS: readonly Detector[] = [
  {
    kind: 'anthropic-key', title: 'Anthropic API key', prefixes: ['sk-ant-'], confidence: 'high',
    re: /\bsk-ant-[A-Za-z0-9_-]{32,200}/g, check: randomBody(7),
  },
  {
    kind: 'openai-key', title: 'OpenAI API key', prefixes: ['sk-'], confidence: 'high',
    re: /\bsk-(?!ant-)(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{32,250}/g, check: randomBody(3),
  },
  {
    kind: 'aws-access-key', title: 'AWS access key id', prefixes: ['AKIA', 'ASIA'], confidence: 'high',
    re: /\b(?:AKIA|ASIA)[A-Z0-9]{16}\b/g, check: (v) => (isPlaceholder(v, 20) ? undefined : 'high'),
  },
  {
    kind: 'stripe-live-secret', title: 'Stripe live secret key', prefixes: ['sk_live_', 'rk_live_'], confidence: 'high',
    re: /\b[rs]k_live_[A-Za-z0-9]{20,250}/g, check: randomBody(8),
  },
  {
    kind: 'stripe-test-secret', title: 'Stripe test secret key', prefixes: ['sk_test_', 'rk_test_'], confidence: 'low',
    re: /\b[rs]k_test_[A-Za-z0-9]{20,250}/g, check: (v) => (isPlaceholder(v, 28) ? undefined : 'low'),
  },
  {
    kind: 'stripe-webhook-secret', title: 'Stripe webhook signing secret', prefixes: ['whsec_'], confidence: 'high',
    re: /\bwhsec_[A-Za-z0-9+/=]{20,200}/g, check: randomBody(6),
  },
  {
    kind: 'github-token', title: 'GitHub token', prefixes: ['ghp_', 'gho_', 'ghs_', 'ghu_', 'ghr_', 'github_pat_'], confidence: 'high',
    re: /\b(?:gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{22,255})/g, check: randomBody(4),
  },
  {
    kind: 'slack-token', title: 'Slack token', prefixes: ['xoxb-', 'xoxa-', 'xoxp-', 'xoxr-', 'xoxs-'], confidence: 'high',
    re: /\bxox[abprs]-[A-Za-z0-9-]{10,250}/g, check: randomBody(5, 3.0),
  },
  {
    kind: 'slack-webhook', title: 'Slack incoming webhook URL', prefixes: ['hooks.slack.com'], confidence: 'high',
    re: /https:\/\/hooks\.slack\.com\/services\/T[A-Z0-9]{6,12}\/B[A-Z0-9]{6,12}\/[A-Za-z0-9]{20,40}/g,
    check: (v) => (isPlaceholder(v.slice(-24), 20) ? undefined : 'high'),
  },
  {
    kind: 'google-api-key', title: 'Google API key', prefixes: ['AIza'], confidence: 'medium',
    re: /\bAIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])/g, check: (v) => (isPlaceholder(v, 39) ? undefined : 'medium'),
  },
  {
    kind: 'sendgrid-key', title: 'SendGrid API key', prefixes: ['SG.'], confidence: 'high',
    re: /\bSG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/g, check: randomBody(3),
  },
  {
    kind: 'twilio-api-key', title: 'Twilio API key', prefixes: ['SK'], confidence: 'medium',
    re: /\bSK[0-9a-f]{32}\b/g,
    check: (v, _m, text) => (isPlaceholder(v, 34) ? undefined : /twilio/i.test(text) ? 'high' : 'low'),
  },
  {
    kind: 'pem-private-key', title: 'PEM private key', prefixes: ['PRIVATE KEY-----'], confidence: 'high',
    re: /-----BEGIN (?:RSA |EC |OPENSSH |DSA |ENCRYPTED |PGP )?PRIVATE KEY(?: BLOCK)?-----/g, check: pemBlock,
  },
  {
    kind: 'database-url', title: 'Database URL with password', confidence: 'high',
    prefixes: ['postgres', 'mysql', 'mariadb', 'mongodb', 'redis', 'amqp', 'mssql', 'sqlserver'],
    re: /\b(?:postgres(?:ql)?|mysql|mariadb|mongodb(?:\+srv)?|rediss?|amqps?|mssql|sqlserver):\/\/([^:/\s"'`@]{1,100}):([^@\s"'`/]{1,200})@[^\s"'`]{1,300}/g,
    check: databaseUrl,
  },
];

/** Every detector prefix in one alternation (longest first), so a file is searched once, not once per prefix. */
export const PREFIX_RE = new RegExp(
  [...new Set(DETECTORS.flatMap((d) => d.prefixes))]
    .sort((a, b) => b.length - a.length)
    .map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('|'),
  'g',
);

/** The detectors whose prefixes occur in a text. */
export function applicableDetectors(text: string): Detector[] {
  const seen = new Set<string>();
  for (const m of text.matchAll(PREFIX_RE)) seen.add(m[0]);
  if (!seen.size) return [];
  const found = [...seen];
  return DETECTORS.filter((d) => d.prefixes.some((p) => found.some((f) => f.startsWith(p))));
}
