/**
 * The secret scanner that runs on every source, config, env and bundle file: one pass of the format detectors (each
 * behind a literal-prefix pre-filter), then the context detectors on lines that mention a secret-ish word. Facts
 * carry a redacted preview only; the value itself never leaves this module.
 */
import type { LineMap } from '../span';
import type { SecretFact } from '../types';
import { scanContext } from './context';
import { classifyJwt, JWT_PREFIX, JWT_RE } from './jwt';
import { applicableDetectors } from './patterns';
import { redact } from './redact';

export function scanSecrets(text: string, lines: LineMap): SecretFact[] {
  const claimed: [number, number][] = [];
  const covered = (start: number, end: number) => claimed.some(([s, e]) => start < e && end > s);
  const out: SecretFact[] = [];
  const awsKeys: number[] = [];
  for (const d of applicableDetectors(text)) {
    for (const m of text.matchAll(d.re)) {
      const start = m.index;
      const end = d.kind === 'pem-private-key' ? pemEnd(text, start + m[0].length) : start + m[0].length;
      if (covered(start, end)) continue;
      const confidence = d.check ? d.check(m[0], m, text) : d.confidence;
      if (!confidence) continue;
      claimed.push([start, end]);
      const value = text.slice(start, end);
      out.push(fact(d.kind, d.title, value, start, end, lines, confidence, assignedName(text, start)));
      if (d.kind === 'aws-access-key') awsKeys.push(start);
    }
  }
  if (text.includes(JWT_PREFIX)) scanJwts(text, lines, claimed, out);
  // After every format detector has claimed its ranges, so that pieces of other keys are never taken for AWS secrets.
  for (const start of awsKeys) awsSecretNear(text, start, lines, claimed, out);
  for (const hit of scanContext(text, covered)) {
    claimed.push([hit.start, hit.end]);
    const value = text.slice(hit.start, hit.end);
    out.push(fact(hit.kind, hit.title, value, hit.start, hit.end, lines, hit.confidence, hit.assignedTo ?? assignedName(text, hit.start)));
  }
  return out.sort((a, b) => a.span.start - b.span.start);
}

function fact(
  kind: string, title: string, value: string, start: number, end: number, lines: LineMap,
  confidence: SecretFact['confidence'], assignedTo: string | undefined,
): SecretFact {
  const f: SecretFact = { kind, title, preview: redact(value), span: lines.span(start, end), confidence };
  if (assignedTo) f.assignedTo = assignedTo;
  return f;
}

/** A PEM block ends at its `-----END … -----` line; a header alone is reported on its own. */
function pemEnd(text: string, headerEnd: number): number {
  const end = text.indexOf('-----END', headerEnd);
  if (end < 0 || end - headerEnd > 8000) return headerEnd;
  const close = text.indexOf('-----', end + 8);
  return close < 0 ? headerEnd : close + 5;
}

/**
 * The variable, property or env name a secret at `start` is assigned to: `OPENAI_KEY = '…'`, `apiKey: "…"`,
 * `KEY=…`, `process.env.STRIPE_KEY || '…'`, `Authorization: 'Bearer …'`.
 */
export function assignedName(text: string, start: number): string | undefined {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const before = text.slice(Math.max(lineStart, start - 160), start);
  const fallback = /process\.env\.([A-Za-z_][A-Za-z0-9_]*)\s*(?:\|\||\?\?)\s*["'`]?$/.exec(before);
  if (fallback) return fallback[1];
  const assign = /([A-Za-z_$][\w$-]*)["']?\s*(?::|=)\s*["'`]?[^"'`=:]{0,40}$/.exec(before);
  return assign?.[1];
}

function scanJwts(text: string, lines: LineMap, claimed: [number, number][], out: SecretFact[]): void {
  for (const m of text.matchAll(JWT_RE)) {
    const start = m.index;
    const end = start + m[0].length;
    if (claimed.some(([s, e]) => start < e && end > s)) continue;
    const assignedTo = assignedName(text, start);
    const jwt = classifyJwt(m[0], assignedTo);
    // Public tokens (Supabase anon keys) are claimed too, so the entropy detector does not report them either.
    claimed.push([start, end]);
    if (!jwt) continue;
    out.push(fact(jwt.kind, jwt.title, m[0], start, end, lines, jwt.confidence, assignedTo));
  }
}

/** AWS secret access keys are 40 base64 characters with no prefix: only trusted right next to an access key id. */
function awsSecretNear(text: string, keyStart: number, lines: LineMap, claimed: [number, number][], out: SecretFact[]): void {
  const from = Math.max(0, keyStart - 300);
  const window = text.slice(from, keyStart + 320);
  for (const m of window.matchAll(/(?<=["'`=:\s]|^)([A-Za-z0-9/+]{40})(?=["'`,;\s]|$)/g)) {
    const value = m[1];
    const start = from + m.index;
    if (claimed.some(([s, e]) => start < e && start + 40 > s)) continue;
    if (!/[A-Z]/.test(value) || !/[a-z]/.test(value) || !/[0-9/+]/.test(value) || /EXAMPLE/i.test(value)) continue;
    claimed.push([start, start + 40]);
    out.push(fact('aws-secret-key', 'AWS secret access key', value, start, start + 40, lines, 'high', assignedName(text, start)));
  }
}
