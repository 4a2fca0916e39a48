/**
 * `dmarc` (one record at `_dmarc.<domain>` or at the organisational domain; p, rua, pct, sp, adkim/aspf),
 * `mx` (mail exchangers that resolve, or an explicit null MX) and `caa` (which CAs may issue, looked up the tree
 * the way CAs do). Each non-passing result suggests the record to publish next.
 */
import { check } from '../context';
import type { ProbeCheck, ProbeStatus } from '../types';
import { isAbsent, organisationalDomain, type DnsClient } from './resolver';
import { dkimTags } from './dkim';

const isDmarc = (t: string) => /^v=DMARC1\s*(;|$)/i.test(t.trim());

async function dmarcAt(client: DnsClient, name: string): Promise<string[]> {
  const txt = await client.txt(`_dmarc.${name}`);
  return isAbsent(txt) ? [] : txt.filter(isDmarc);
}

export function startingDmarc(domain: string): string {
  return `_dmarc.${domain} TXT "v=DMARC1; p=none; rua=mailto:dmarc-reports@${domain}; adkim=s; aspf=s" (then move to p=quarantine, then p=reject, once reports show only your senders)`;
}

export function judgeDmarc(record: string, domain: string): { status: ProbeStatus; notes: string[]; next?: string } {
  const tags = dkimTags(record);
  const p = tags.get('p')?.toLowerCase();
  const notes: string[] = [];
  let status: ProbeStatus = 'pass';
  const lower = (s: ProbeStatus) => (status = status === 'fail' ? 'fail' : s === 'fail' ? 'fail' : s);
  if (!p || !['none', 'quarantine', 'reject'].includes(p)) {
    lower('fail');
    notes.push(`p=${p ?? '(missing)'} is not none|quarantine|reject`);
  } else if (p === 'none') {
    lower('warn');
    notes.push('p=none only monitors: spoofed mail is still delivered');
  }
  const pct = Number(tags.get('pct') ?? '100');
  if (pct < 100) (lower('warn'), notes.push(`pct=${pct}: the policy applies to only part of the mail`));
  if (!tags.get('rua')) (lower('warn'), notes.push('no rua=: nobody receives aggregate reports'));
  const sp = tags.get('sp')?.toLowerCase();
  if (sp === 'none' && p && p !== 'none') (lower('warn'), notes.push('sp=none leaves subdomains open to spoofing'));
  notes.push(`alignment adkim=${tags.get('adkim') ?? 'r'}, aspf=${tags.get('aspf') ?? 'r'}`);
  const next = p === 'none' ? `_dmarc.${domain} TXT "v=DMARC1; p=quarantine; pct=100; rua=${tags.get('rua') ?? `mailto:dmarc-reports@${domain}`}; adkim=s; aspf=s"` : undefined;
  return { status, notes, next };
}

export async function dmarcCheck(client: DnsClient, domain: string): Promise<ProbeCheck> {
  let at = domain;
  let records = await dmarcAt(client, domain);
  const org = organisationalDomain(domain);
  if (!records.length && org !== domain) {
    at = org;
    records = await dmarcAt(client, org);
  }
  if (!records.length) return check('dmarc', 'fail', `no DMARC record at _dmarc.${domain}${org !== domain ? ` or _dmarc.${org}` : ''}`, { suggestion: startingDmarc(org) });
  if (records.length > 1) return check('dmarc', 'fail', `${records.length} DMARC records at _dmarc.${at}: receivers ignore them all`, { records, suggestion: startingDmarc(at) });
  const { status, notes, next } = judgeDmarc(records[0], at);
  const evidence: Record<string, unknown> = { at: `_dmarc.${at}`, record: records[0], notes };
  if (status !== 'pass') evidence.suggestion = next ?? `_dmarc.${at} TXT "v=DMARC1; p=quarantine; pct=100; rua=mailto:dmarc-reports@${at}; adkim=s; aspf=s"`;
  return check('dmarc', status, status === 'pass' ? `DMARC ${notes.join('; ')}` : notes[0], evidence);
}

export async function mxCheck(client: DnsClient, domain: string): Promise<ProbeCheck> {
  const mx = await client.mx(domain);
  if (isAbsent(mx) || !mx.length) {
    return check('mx', 'warn', `no MX for ${domain}: replies and bounces to it are lost`, { suggestion: `${domain} MX 10 <your mail host>., or a null MX "${domain} MX 0 ." if it never receives mail` });
  }
  if (mx.length === 1 && (mx[0].exchange === '' || mx[0].exchange === '.')) return check('mx', 'pass', `${domain} publishes a null MX (receives no mail)`, { mx });
  const hosts: { exchange: string; priority: number; resolves: boolean }[] = [];
  for (const r of [...mx].sort((a, b) => a.priority - b.priority)) {
    const addr = await client.address(r.exchange);
    hosts.push({ exchange: r.exchange, priority: r.priority, resolves: !isAbsent(addr) });
  }
  const broken = hosts.filter((h) => !h.resolves);
  if (broken.length === hosts.length) return check('mx', 'fail', `no MX host of ${domain} resolves (${broken.map((h) => h.exchange).join(', ')})`, { hosts, suggestion: `point ${domain} MX at a host with an A/AAAA record` });
  if (broken.length) return check('mx', 'warn', `MX host(s) without an address: ${broken.map((h) => h.exchange).join(', ')}`, { hosts });
  return check('mx', 'pass', `${hosts.length} MX host(s): ${hosts.map((h) => `${h.priority} ${h.exchange}`).join(', ')}`, { hosts });
}

export async function caaCheck(client: DnsClient, domain: string): Promise<ProbeCheck> {
  const labels = domain.replace(/\.$/, '').split('.');
  for (let i = 0; i < labels.length - 1; i++) {
    const name = labels.slice(i).join('.');
    const caa = await client.caa(name);
    if (isAbsent(caa) || !caa.length) continue;
    const issuers = caa.filter((r) => r.issue !== undefined || r.issuewild !== undefined).map((r) => r.issue ?? r.issuewild ?? '');
    const evidence = { at: name, records: caa.map((r) => ({ critical: r.critical, ...Object.fromEntries(Object.entries(r).filter(([k]) => k !== 'critical')) })) };
    if (!issuers.length) return check('caa', 'warn', `CAA at ${name} names no issuer`, { ...evidence, suggestion: `${name} CAA 0 issue "letsencrypt.org"` });
    return check('caa', 'pass', `CAA at ${name} allows ${[...new Set(issuers)].map((i) => i || '(nobody)').join(', ')}`, evidence);
  }
  return check('caa', 'warn', `no CAA record for ${domain}: any CA may issue certificates for it`, { suggestion: `${organisationalDomain(domain)} CAA 0 issue "<your CA, e.g. letsencrypt.org>"` });
}
