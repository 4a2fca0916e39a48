/**
 * `dkim`: look up `<selector>._domainkey.<domain>` for the configured selectors (or a short common list), and judge
 * each key: present, not revoked (empty p=), RSA of at least 2048 bits. The modulus size is read from the DER of
 * p= (SubjectPublicKeyInfo or a bare RSAPublicKey), so no crypto library has to accept a weak key to measure it.
 */
import { check } from '../context';
import type { ProbeCheck, ProbeStatus } from '../types';
import { isAbsent, type DnsClient } from './resolver';

export const COMMON_SELECTORS = ['default', 'selector1', 'selector2', 'google', 'k1', 's1', 's2', 'dkim', 'mail', 'smtp', 'mandrill', 'resend'];
export const MIN_RSA_BITS = 2048;

interface Der {
  tag: number;
  start: number;
  end: number;
}

function readDer(buf: Buffer, at: number): Der {
  const tag = buf[at];
  let len = buf[at + 1];
  let start = at + 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n < 1 || n > 4) throw new Error('bad DER length');
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + buf[start + i];
    start += n;
  }
  if (tag === undefined || start + len > buf.length) throw new Error('truncated DER');
  return { tag, start, end: start + len };
}

function integerBits(buf: Buffer, d: Der): number {
  let i = d.start;
  while (i < d.end && buf[i] === 0) i++;
  if (i >= d.end) return 0;
  return (d.end - i - 1) * 8 + (32 - Math.clz32(buf[i]));
}

/** RSA modulus size in bits from a DKIM p= value, or undefined when it is not an RSA key. */
export function rsaModulusBits(p: string): number | undefined {
  const buf = Buffer.from(p.replace(/\s+/g, ''), 'base64');
  try {
    const outer = readDer(buf, 0);
    if (outer.tag !== 0x30) return undefined;
    const first = readDer(buf, outer.start);
    if (first.tag === 0x02) return integerBits(buf, first); // PKCS#1 RSAPublicKey: the first INTEGER is n.
    if (first.tag !== 0x30) return undefined;
    const bitString = readDer(buf, first.end);
    if (bitString.tag !== 0x03) return undefined;
    const rsaKey = readDer(buf, bitString.start + 1); // skip the unused-bits byte
    const modulus = readDer(buf, rsaKey.start);
    return modulus.tag === 0x02 ? integerBits(buf, modulus) : undefined;
  } catch {
    return undefined;
  }
}

export function dkimTags(record: string): Map<string, string> {
  const tags = new Map<string, string>();
  for (const part of record.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) tags.set(part.slice(0, eq).trim().toLowerCase(), part.slice(eq + 1).trim());
  }
  return tags;
}

export function judgeKey(record: string): { status: ProbeStatus; note: string; bits?: number } {
  const tags = dkimTags(record);
  const p = tags.get('p');
  if (p === undefined) return { status: 'fail', note: 'record has no p= tag' };
  if (p === '') return { status: 'fail', note: 'key revoked (empty p=)' };
  const k = (tags.get('k') ?? 'rsa').toLowerCase();
  if (k === 'ed25519') return { status: 'pass', note: 'Ed25519 key' };
  const bits = rsaModulusBits(p);
  if (bits === undefined) return { status: 'fail', note: 'p= is not a readable RSA public key' };
  if (bits < 1024) return { status: 'fail', note: `RSA ${bits}-bit key: receivers reject keys under 1024 bits`, bits };
  if (bits < MIN_RSA_BITS) return { status: 'warn', note: `RSA ${bits}-bit key: weak, rotate to ${MIN_RSA_BITS} bits`, bits };
  return { status: 'pass', note: `RSA ${bits}-bit key`, bits };
}

export async function dkimCheck(client: DnsClient, domain: string, selectors: string[] | undefined): Promise<ProbeCheck> {
  const explicit = Boolean(selectors?.length);
  const list = explicit ? selectors! : COMMON_SELECTORS;
  const keys: { selector: string; status: ProbeStatus; note: string; bits?: number }[] = [];
  const missing: string[] = [];
  for (const selector of list) {
    const txt = await client.txt(`${selector}._domainkey.${domain}`);
    const record = isAbsent(txt) ? undefined : txt.find((t) => /(^|;)\s*(v=DKIM1|p=)/i.test(t));
    if (!record) missing.push(selector);
    else keys.push({ selector, ...judgeKey(record) });
  }
  const fix = `publish a 2048-bit key: opendkim-genkey -b 2048 -s <selector> -d ${domain}, then <selector>._domainkey.${domain} TXT "v=DKIM1; k=rsa; p=<public key>" (split into 255-byte strings)`;
  if (!keys.length) {
    const status = explicit ? 'fail' : 'warn';
    const summary = explicit ? `no DKIM key at selector(s) ${list.join(', ')}` : 'no DKIM key at the common selectors (name yours with --dkim-selector)';
    return check('dkim', status, summary, { selectors: list, missing, suggestion: fix });
  }
  const rank: Record<ProbeStatus, number> = { skip: 0, pass: 1, warn: 2, error: 3, fail: 4 };
  const bad = keys.reduce((a, b) => (rank[b.status] > rank[a.status] ? b : a));
  const evidence: Record<string, unknown> = { keys, missing: explicit ? missing : [] };
  if (explicit && missing.length) {
    evidence.suggestion = fix;
    return check('dkim', 'fail', `no DKIM key at selector(s) ${missing.join(', ')}`, evidence);
  }
  if (bad.status !== 'pass') evidence.suggestion = fix;
  return check('dkim', bad.status, `${bad.selector}._domainkey: ${bad.note}`, evidence);
}
