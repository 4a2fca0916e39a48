/**
 * `spf`: lint the domain's SPF record tree (RFC 7208) without evaluating it against an address, because an
 * evaluator stops at the first match and would hide the lookups behind it. Counts every DNS-querying term
 * (include, a, mx, ptr, exists, redirect) recursively against the limit of 10, counts void lookups (limit 2), and
 * reads the final `all`. A failing record comes with a corrected one to publish.
 */
import { check } from '../context';
import type { ProbeCheck, ProbeStatus } from '../types';
import { isAbsent, type DnsClient } from './resolver';

export const MAX_LOOKUPS = 10;
export const MAX_VOID = 2;

interface Walk {
  lookups: number;
  voids: number;
  problems: { status: ProbeStatus; text: string }[];
  visited: Set<string>;
  tree: string[];
}

export const isSpf = (txt: string) => /^v=spf1(\s|$)/i.test(txt.trim());

function terms(record: string): { q: string; name: string; value?: string }[] {
  return record.trim().split(/\s+/).slice(1).map((t) => {
    const m = /^([+\-~?]?)([a-z0-9]+)(?:[:=](.*))?$/i.exec(t) ?? ['', '', t, undefined];
    return { q: m[1] || '+', name: m[2].toLowerCase(), value: m[3] };
  });
}

async function spfOf(client: DnsClient, domain: string): Promise<string[] | 'absent'> {
  const txt = await client.txt(domain);
  return isAbsent(txt) ? 'absent' : txt.filter(isSpf);
}

async function walk(client: DnsClient, domain: string, record: string, w: Walk, depth: number): Promise<void> {
  const parts = terms(record);
  for (const t of parts) {
    const target = (t.value ?? domain).split('/')[0];
    if (t.name === 'include' || t.name === 'redirect') {
      if (t.name === 'redirect' && parts.some((p) => p.name === 'all')) continue;
      w.lookups++;
      w.tree.push(`${'  '.repeat(depth)}${t.name}:${target}`);
      const sub = await spfOf(client, target);
      if (sub === 'absent' || !sub.length) {
        if (sub === 'absent') w.voids++;
        w.problems.push({ status: 'fail', text: `${t.name}:${target} has no SPF record (a permanent error for receivers)` });
      } else if (!w.visited.has(target) && depth < 10) {
        w.visited.add(target);
        await walk(client, target, sub[0], w, depth + 1);
      }
    } else if (t.name === 'a' || t.name === 'mx') {
      w.lookups++;
      const found = t.name === 'a' ? await client.address(target) : await client.mx(target);
      if (isAbsent(found)) w.voids++;
    } else if (t.name === 'ptr') {
      w.lookups++;
      w.problems.push({ status: 'warn', text: 'ptr is deprecated (RFC 7208 §5.5): slow and unreliable' });
    } else if (t.name === 'exists') {
      w.lookups++;
    }
  }
}

function finalAll(record: string): { q: string } | undefined {
  return terms(record).find((t) => t.name === 'all');
}

/** A corrected record: one record, the same senders, ending in -all (or ~all when it was soft already). */
export function suggestSpf(records: string[]): string {
  const mechs = new Set<string>();
  for (const r of records) for (const t of r.trim().split(/\s+/).slice(1)) if (!/^[+\-~?]?all$/i.test(t)) mechs.add(t.replace(/^\+/, ''));
  const soft = records.some((r) => /\s~all\b/i.test(r));
  return ['v=spf1', ...(mechs.size ? mechs : ['mx']), soft ? '~all' : '-all'].join(' ');
}

export async function spfCheck(client: DnsClient, domain: string): Promise<ProbeCheck> {
  const found = await spfOf(client, domain);
  const records = found === 'absent' ? [] : found;
  if (!records.length) return check('spf', 'fail', `no SPF record at ${domain}`, { records, suggestion: `${domain} TXT "v=spf1 mx ~all"` });
  if (records.length > 1) {
    return check('spf', 'fail', `${records.length} SPF records at ${domain} (receivers treat that as a permanent error)`, { records, suggestion: `${domain} TXT "${suggestSpf(records)}"` });
  }
  const w: Walk = { lookups: 0, voids: 0, problems: [], visited: new Set([domain]), tree: [] };
  await walk(client, domain, records[0], w, 0);
  const all = finalAll(records[0]);
  if (w.lookups > MAX_LOOKUPS) w.problems.push({ status: 'fail', text: `${w.lookups} DNS-querying terms (limit ${MAX_LOOKUPS}): receivers return permerror` });
  if (w.voids > MAX_VOID) w.problems.push({ status: 'fail', text: `${w.voids} void lookups (limit ${MAX_VOID})` });
  if (all?.q === '+') w.problems.push({ status: 'fail', text: '+all lets any server on the internet send as this domain' });
  if (all?.q === '?') w.problems.push({ status: 'warn', text: '?all is neutral: receivers get no instruction for other senders' });
  if (!all && !/\bredirect=/i.test(records[0])) w.problems.push({ status: 'warn', text: 'the record ends without an all term (neutral)' });
  const failing = w.problems.filter((p) => p.status === 'fail');
  const status: ProbeStatus = failing.length ? 'fail' : w.problems.length ? 'warn' : 'pass';
  const evidence: Record<string, unknown> = { record: records[0], lookups: w.lookups, voidLookups: w.voids, includes: w.tree, problems: w.problems.map((p) => p.text) };
  if (status !== 'pass') {
    evidence.suggestion = w.lookups > MAX_LOOKUPS
      ? `flatten ${domain}'s SPF: replace nested include: terms with the ip4:/ip6: ranges they publish, or drop senders you no longer use, until at most ${MAX_LOOKUPS} lookups remain`
      : `${domain} TXT "${suggestSpf(records)}"`;
  }
  const summary = status === 'pass' ? `one SPF record, ${w.lookups} lookups, ends ${all ? `${all.q === '+' ? '' : all.q}all` : 'with redirect'}` : (failing[0] ?? w.problems[0]).text;
  return check('spf', status, summary, evidence);
}
