/**
 * The Markdown report (for PR comments and handover docs): verdict, scorecard table, findings per checklist row,
 * and the route inventory with its protections.
 */
import type { ScanResult } from '../scan';
import { STATUS_ICON, STATUS_LABEL, verdictLine } from './format';

/** Escape table-breaking characters in workspace-derived text. */
export function mdEscape(s: string): string {
  return s.replace(/[|\\`*_<>[\]]/g, (c) => `\\${c}`).replace(/\r?\n/g, ' ');
}

export function toMarkdown(scan: ScanResult): string {
  const { scorecard, result, model } = scan;
  const out: string[] = ['# Launch Readiness report', '', `**${verdictLine(scorecard)}**`, ''];
  out.push('| Check | Status | Findings | What breaks if it fails |', '|---|---|---|---|');
  for (const c of scorecard.checks) {
    out.push(`| ${mdEscape(c.title)} | ${STATUS_ICON[c.status]} ${STATUS_LABEL[c.status]} | ${c.findings} | ${mdEscape(c.whatBreaks)} |`);
  }
  out.push('');
  for (const c of scorecard.checks) {
    const findings = result.findings.filter((f) => f.check === c.id);
    if (!findings.length) continue;
    out.push(`## ${mdEscape(c.title)}`, '');
    for (const f of findings) {
      out.push(`- **${f.severity}** \`${f.file}:${f.span.line}\` ${mdEscape(f.message)} ([${f.rule}](${f.docsUrl}))`);
    }
    out.push('');
  }
  if (model.routes.length) {
    out.push('## Routes', '', '| Method | Path | File | Auth | Rate limit | Validation | Roles |', '|---|---|---|---|---|---|---|');
    for (const r of model.routes) {
      const p = (kind: string) => mdEscape(r.protections.filter((x) => x.kind === kind).map((x) => x.name).join(', ') || '—');
      out.push(`| ${r.method} | \`${mdEscape(r.path)}\` | ${mdEscape(r.file)}:${r.span.line} | ${p('auth')} | ${p('rateLimit')} | ${p('validation')} | ${p('role')} |`);
    }
    out.push('');
  }
  const notes: string[] = [];
  if (result.baselined) notes.push(`${result.baselined} findings are in the baseline.`);
  if (result.suppressed) notes.push(`${result.suppressed} findings are suppressed inline.`);
  const skipped = model.skipped.filter((s) => !s.file.endsWith('/'));
  if (skipped.length) notes.push(`${skipped.length} files were skipped: ${skipped.slice(0, 10).map((s) => `${mdEscape(s.file)} (${mdEscape(s.reason)})`).join('; ')}.`);
  if (notes.length) out.push(...notes.map((n) => `_${n}_`), '');
  return out.join('\n');
}
