/**
 * The terminal report: verdict, the scorecard, then findings grouped by file (ESLint "stylish" style), with colour
 * only when stdout is a TTY and NO_COLOR is unset.
 */
import type { ScanResult } from '../scan';
import { plural, STATUS_ICON, STATUS_LABEL, verdictLine } from './format';

export interface TextOptions {
  color: boolean;
}

const CODES = { red: 31, yellow: 33, green: 32, gray: 90, bold: 1, cyan: 36 } as const;

export function toText(scan: ScanResult, options: TextOptions): string {
  const paint = (style: keyof typeof CODES, s: string) => (options.color ? `\x1b[${CODES[style]}m${s}\x1b[0m` : s);
  const statusColor = { pass: 'green', warn: 'yellow', fail: 'red', unknown: 'gray' } as const;
  const sevColor = { error: 'red', warning: 'yellow', info: 'cyan' } as const;
  const out: string[] = [];
  const { scorecard, result, model } = scan;
  out.push(paint('bold', verdictLine(scorecard)));
  // A pass with no routes usually means the wrong folder was scanned, not a ready API: say so under the verdict.
  if (!model.routes.length) {
    out.push(paint('yellow', 'No HTTP routes found (Express, Fastify, Next.js, NestJS, Hono, Koa): is this the API folder? The route checks had nothing to judge.'));
  }
  out.push('');
  const width = Math.max(...scorecard.checks.map((c) => c.title.length));
  for (const c of scorecard.checks) {
    const status = paint(statusColor[c.status], `${STATUS_ICON[c.status]} ${STATUS_LABEL[c.status].padEnd(7)}`);
    const count = c.findings ? plural(c.findings, 'finding') : '';
    out.push(`  ${status} ${c.title.padEnd(width)}  ${count}`.trimEnd());
  }
  out.push('');
  const byFile = new Map<string, typeof result.findings>();
  for (const f of result.findings) byFile.set(f.file, [...(byFile.get(f.file) ?? []), f]);
  for (const [file, findings] of byFile) {
    out.push(paint('bold', file));
    for (const f of findings) {
      const pos = paint('gray', `${f.span.line}:${f.span.column}`.padEnd(8));
      out.push(`  ${pos} ${paint(sevColor[f.severity], f.severity.padEnd(7))} ${f.message}  ${paint('gray', f.rule)}`);
    }
    out.push('');
  }
  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of result.findings) counts[f.severity]++;
  const summary = [
    plural(model.routes.length, 'route'),
    `${plural(result.findings.length, 'finding')} (${plural(counts.error, 'error')}, ${plural(counts.warning, 'warning')}, ${counts.info} info)`,
  ];
  if (result.baselined) summary.push(`${result.baselined} baselined`);
  if (result.suppressed) summary.push(`${result.suppressed} suppressed`);
  const skipped = model.skipped.filter((s) => !s.file.endsWith('/'));
  if (skipped.length) summary.push(`${plural(skipped.length, 'file')} skipped`);
  out.push(summary.join(', ') + ` in ${scan.durationMs} ms.`);
  for (const s of skipped.slice(0, 20)) out.push(paint('gray', `  skipped ${s.file}: ${s.reason}`));
  if (skipped.length > 20) out.push(paint('gray', `  … and ${skipped.length - 20} more (see --format json)`));
  for (const e of result.ruleErrors) out.push(paint('red', `rule ${e.rule} failed: ${e.message}`));
  return out.join('\n') + '\n';
}
