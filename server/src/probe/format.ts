/**
 * Text and Markdown renderings of a probe report (JSON is the report itself). Both show every check with its
 * one-line summary, the latency table, the join with the code when there is one, and the request count; Markdown
 * also lists every request sent, for the pull request or ticket it is pasted into.
 */
import type { Scorecard } from '../engine';
import type { ProbeJoin } from './join';
import type { ProbeReport } from './types';

export type ProbeOutput = ProbeReport & { join?: ProbeJoin; scorecard?: Pick<Scorecard, 'verdict'> & { checks: { id: string; title: string; status: string; source: string }[] } };

const pad = (s: string, n: number) => (s.length >= n ? s : s + ' '.repeat(n - s.length));

function header(r: ProbeReport): string {
  return `Probe of ${r.target}: ${r.requests} requests (budget ${r.budget}) in ${(r.durationMs / 1000).toFixed(1)} s`;
}

export function toText(r: ProbeOutput): string {
  const out = [header(r), ''];
  for (const c of r.checks) out.push(`${pad(c.status.toUpperCase(), 6)}${pad(c.id, 19)}${c.summary}`);
  if (r.latency.length) {
    out.push('', 'Latency (nearest-rank P50/P95 against the budget):');
    for (const l of r.latency) out.push(`  ${pad(l.route, 34)} n=${pad(String(l.n), 4)} P50 ${pad(`${l.p50Ms} ms`, 9)} P95 ${pad(`${l.p95Ms} ms`, 9)} budget ${l.budgetMs} ms${l.p95Ms > l.budgetMs ? '  OVER' : ''}`);
  }
  if (r.join) out.push(...joinText(r.join));
  if (r.scorecard) {
    out.push('', `Scorecard: ${r.scorecard.verdict}`);
    for (const c of r.scorecard.checks) out.push(`  ${pad(c.status, 8)}${pad(c.title, 32)}(${c.source})`);
  }
  const refused = r.requestLog.filter((x) => x.error?.startsWith('not sent')).length;
  out.push('', `${r.requestLog.length} request(s) logged${refused ? `, ${refused} refused by the safety gate` : ''}; --format json lists each one.`);
  return out.join('\n') + '\n';
}

function joinText(j: ProbeJoin): string[] {
  const out: string[] = [];
  const worth = j.routes.filter((n) => n.status !== 'pass' && n.status !== 'skip');
  if (worth.length) {
    out.push('', 'Routes (live result next to the code):');
    for (const n of worth) out.push(`  ${n.file ? `${n.file}:${n.line}  ` : ''}${n.message}`);
  }
  if (j.confirmed.length) {
    out.push('', 'Static findings confirmed live:');
    for (const c of j.confirmed) out.push(`  ${c.rule}${c.route ? ` ${c.route}` : ''}: ${c.evidence}`);
  }
  if (j.controls.length) {
    out.push('', 'Declared controls (readiness.config.json):');
    for (const c of j.controls) out.push(`  ${pad(c.verdict, 11)}${c.kind} on ${c.paths.join(', ')} (${c.description}): ${c.evidence}`);
  }
  return out;
}

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function toMarkdown(r: ProbeOutput): string {
  const out = [`# Launch Readiness probe`, '', header(r), '', '| check | status | summary |', '| --- | --- | --- |'];
  for (const c of r.checks) out.push(`| ${c.id} | ${c.status} | ${cell(c.summary)} |`);
  if (r.latency.length) {
    out.push('', '## Latency', '', '| route | AI | n | P50 ms | P95 ms | budget ms |', '| --- | --- | --- | --- | --- | --- |');
    for (const l of r.latency) out.push(`| ${cell(l.route)} | ${l.ai ? 'yes' : 'no'} | ${l.n} | ${l.p50Ms} | ${l.p95Ms} | ${l.budgetMs} |`);
  }
  if (r.join) {
    const lines = joinText(r.join).filter((l) => l);
    if (lines.length) out.push('', '## Joined with the code', ...lines.map((l) => (l.startsWith('  ') ? `- ${l.trim()}` : `\n**${l}**\n`)));
  }
  if (r.scorecard) {
    out.push('', `## Scorecard: ${r.scorecard.verdict}`, '', '| row | status | source |', '| --- | --- | --- |');
    for (const c of r.scorecard.checks) out.push(`| ${cell(c.title)} | ${c.status} | ${c.source} |`);
  }
  out.push('', '<details><summary>Every request sent</summary>', '', '| # | request | purpose | result |', '| --- | --- | --- | --- |');
  r.requestLog.forEach((x, i) => out.push(`| ${i + 1} | ${x.method} ${cell(x.url)} | ${x.purpose} | ${x.status ?? x.error ?? ''}${x.ms !== undefined ? ` (${x.ms} ms)` : ''} |`));
  out.push('', '</details>');
  return out.join('\n') + '\n';
}
