/**
 * Secrets recognised by their context rather than their format: random-looking values assigned to secret-ish names,
 * passwords, session/JWT signing secrets (however weak), AWS secret keys and Twilio auth tokens next to their names,
 * and string literals passed as the key of `jwt.sign/verify`, jose's `new TextEncoder().encode(...)` or
 * `createHmac`. Works line by line, and only on lines that mention a secret-ish word.
 */
import { looksLikePassword, randomness } from './entropy';
import { isPasswordName, isSecretName, isSigningSecretName } from './names';
import type { Confidence } from './patterns';
import { isPlaceholder } from './placeholders';
import { isPublicKeyValue } from './public-keys';

export interface ContextHit {
  kind: string;
  title: string;
  start: number;
  end: number;
  assignedTo?: string;
  confidence: Confidence;
}

const HINT = /key|secret|token|pass|pwd|credential|auth|salt|dsn/i;
/**
 * The operator and quoted value of `name = 'v'`, `name: "v"`, `"name": "v"`, `name ??= \`v\``, and fallbacks
 * `process.env.JWT_SECRET || 'dev-key'` (the literal signs production tokens the day the variable is unset): anchored on the
 * operator (few positions match) rather than on the name (every identifier character would start an attempt).
 */
const QUOTED = /(?::|=|\|\||\?\?)\s*(?:'([^'\n]{1,300})'|"([^"\n]{1,300})"|`([^`\n]{1,300})`)/g;
/**
 * The name right before an operator (`apiKey`, `"apiKey"`, `config.apiKey`, `key ??`, `apiKey: string`), including
 * comparisons (`token === '…'`): checking a request against a literal is a hard-coded credential too.
 */
const NAME_BEFORE = /([A-Za-z_$][\w$.-]{0,80})["']?\s*(?::\s*[\w.<>[\]| ]{1,60})?(?:\?\?|\|\||!=|==|=|!)?$/;
/** `NAME=value` and `name: value` lines of env, YAML and TOML files. */
const UNQUOTED = /^\s*(?:export\s+)?([A-Za-z_][\w.-]{0,80})\s*[:=]\s*([^\s"'`#,;(){}[\]]{8,300})\s*$/;

/** Classify one `name = value` pair; undefined when the value is not a secret worth reporting. */
export function classifyAssignment(rawName: string, value: string, fileText: string): Omit<ContextHit, 'start' | 'end'> | undefined {
  const name = rawName.slice(rawName.lastIndexOf('.') + 1);
  // `typeof secret === 'string'` compares a type name, not a value.
  if (/^(string|number|object|function|undefined|boolean|bigint|symbol)$/.test(value)) return undefined;
  // A publishable/ingestion key (`pk_live_…`, `phc_…`, a Sentry DSN) is public whatever name holds it.
  if (isPublicKeyValue(value)) return undefined;
  if (/aws_?secret_?access_?key|secretAccessKey/i.test(name) && /^[A-Za-z0-9/+]{40}$/.test(value) && !isPlaceholder(value)) {
    return { kind: 'aws-secret-key', title: 'AWS secret access key', assignedTo: name, confidence: 'high' };
  }
  if (/auth_?token/i.test(name) && /^[0-9a-f]{32}$/.test(value) && /twilio/i.test(fileText)) {
    return { kind: 'twilio-auth-token', title: 'Twilio auth token', assignedTo: name, confidence: 'high' };
  }
  if (isSigningSecretName(name) && value.length >= 6 && !isPlaceholder(value, 6)) {
    return { kind: 'signing-secret', title: 'Signing secret', assignedTo: name, confidence: 'medium' };
  }
  if (!isSecretName(name)) return undefined;
  if (isPasswordName(name) && looksLikePassword(value) && !isPlaceholder(value)) {
    return { kind: 'password', title: 'Password', assignedTo: name, confidence: 'medium' };
  }
  const confidence = isPlaceholder(value) || /:\/\/|^\/|\s/.test(value) ? undefined : randomness(value);
  return confidence ? { kind: 'entropy', title: 'High-entropy secret', assignedTo: name, confidence } : undefined;
}

/** Context hits in a text, skipping ranges already claimed by a format detector. */
export function scanContext(text: string, covered: (start: number, end: number) => boolean): ContextHit[] {
  const out: ContextHit[] = [];
  // Jump from one hint word to the next and look only at the lines that hold one: most lines never get sliced.
  const hint = new RegExp(HINT.source, 'gi');
  for (let m = hint.exec(text); m; m = hint.exec(text)) {
    const lineStart = text.lastIndexOf('\n', m.index) + 1;
    let lineEnd = text.indexOf('\n', m.index);
    if (lineEnd < 0) lineEnd = text.length;
    if (lineEnd - lineStart <= 2000) {
      const line = text.slice(lineStart, lineEnd);
      if (!isCommentLine(line)) scanLine(line, lineStart, text, covered, out);
    }
    hint.lastIndex = lineEnd + 1;
  }
  out.push(...scanSigningCalls(text, covered));
  return out;
}

/**
 * Doc comments are full of examples (`createHmac('sha256', 'a secret')`, `password: 'abc123!'`): context hits there
 * are noise. Format detectors still look at comments, because a real key pasted into one is still a leak.
 */
function isCommentLine(line: string): boolean {
  return /^\s*(\/\/|\/\*|\*|#)/.test(line);
}

function scanLine(line: string, offset: number, text: string, covered: (s: number, e: number) => boolean, out: ContextHit[]): void {
  for (const m of line.matchAll(QUOTED)) {
    const name = NAME_BEFORE.exec(line.slice(Math.max(0, m.index - 100), m.index))?.[1];
    if (!name) continue;
    const value = m[1] ?? m[2] ?? m[3];
    const start = offset + m.index + m[0].length - value.length - 1;
    if (covered(start, start + value.length)) continue;
    const hit = classifyAssignment(name, value, text);
    if (hit) out.push({ ...hit, start, end: start + value.length });
  }
  const u = UNQUOTED.exec(line.replace(/\r$/, ''));
  if (u) {
    const start = offset + line.lastIndexOf(u[2]);
    if (covered(start, start + u[2].length)) return;
    const hit = classifyAssignment(u[1], u[2], text);
    if (hit) out.push({ ...hit, start, end: start + u[2].length });
  }
}

/** Calls whose key argument should come from configuration, with the 0-based index of that argument. */
const SIGNING_CALLS: { needles: string[]; re: RegExp; arg: number; kind: string; title: string; when?: RegExp; valid?: RegExp }[] = [
  { needles: ['.sign', '.verify'], re: /\b(?:jwt|jsonwebtoken|JWT)\.(?:sign|verify)\s*\(/g, arg: 1, kind: 'jwt-secret', title: 'JWT signing secret' },
  {
    needles: ['TextEncoder'], re: /\bnew\s+TextEncoder\(\)\.encode\s*\(/g, arg: 0, kind: 'jwt-secret', title: 'JWT signing secret',
    when: /SignJWT|jwtVerify|from ['"]jose['"]/,
  },
  { needles: ['createHmac'], re: /\bcreateHmac\s*\(/g, arg: 1, kind: 'signing-secret', title: 'HMAC signing secret' },
  { needles: ['twilio('], re: /\btwilio\s*\(/g, arg: 1, kind: 'twilio-auth-token', title: 'Twilio auth token', valid: /^[0-9a-f]{32}$/ },
];

function scanSigningCalls(text: string, covered: (s: number, e: number) => boolean): ContextHit[] {
  const out: ContextHit[] = [];
  for (const call of SIGNING_CALLS) {
    if (!call.needles.some((n) => text.includes(n))) continue;
    if (call.when && !call.when.test(text)) continue;
    for (const m of text.matchAll(call.re)) {
      const lineStart = text.lastIndexOf('\n', m.index) + 1;
      if (isCommentLine(text.slice(lineStart, m.index + 1))) continue;
      const lit = literalArg(text, m.index + m[0].length, call.arg);
      if (!lit || covered(lit.start, lit.end)) continue;
      const value = text.slice(lit.start, lit.end);
      if (value.length < 3 || value.includes('${') || (call.valid && !call.valid.test(value))) continue;
      out.push({ kind: call.kind, title: call.title, start: lit.start, end: lit.end, confidence: 'high' });
    }
  }
  return out;
}

/**
 * The string-literal contents of argument `index` of a call whose `(` ends at `from`, or undefined when that argument
 * is not a plain string literal. Tracks nesting and skips strings; gives up after 2,000 characters.
 */
export function literalArg(text: string, from: number, index: number): { start: number; end: number } | undefined {
  let depth = 0;
  let arg = 0;
  const limit = Math.min(text.length, from + 2000);
  for (let i = from; i < limit; i++) {
    const c = text[i];
    if (c === '"' || c === "'" || c === '`') {
      const close = text.indexOf(c, i + 1);
      if (close < 0 || close > limit) return undefined;
      if (depth === 0 && arg === index) {
        const before = text.slice(i - 40 > from ? i - 40 : from, i);
        const isWhole = arg === 0 ? /^\s*$/.test(before) : /,\s*$/.test(before);
        return isWhole && /^\s*[,)]/.test(text.slice(close + 1, close + 40)) ? { start: i + 1, end: close } : undefined;
      }
      i = close;
    } else if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') {
      if (depth === 0) return undefined;
      depth--;
    } else if (c === ',' && depth === 0) arg++;
  }
  return undefined;
}
