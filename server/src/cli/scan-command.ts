/**
 * `readiness scan [DIR]`: scan a workspace and write the report in the chosen format. Progress goes to stderr when
 * stderr is a TTY; the report goes to stdout or --output.
 */
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { oneOf, type ParsedArgs } from './args';
import { loadBaseline } from '../baseline';
import { loadConfig } from '../config';
import { unknownSuppressionRules } from '../rule-names';
import { scanWorkspace, type ScanResult } from '../scan';
import { toJsonReport } from '../report/json';
import { toSarif } from '../report/sarif';
import { toMarkdown } from '../report/markdown';
import { toHtml } from '../report/html';
import { toText } from '../report/text';
import { progressReporter } from './progress';
import { historyNote, historyOptionsFromFlags } from '../history';

const FORMATS = ['text', 'json', 'sarif', 'markdown', 'html'] as const;
const FAIL_ON = ['error', 'warning', 'info', 'never'] as const;
export type ReportFormat = (typeof FORMATS)[number];

export function resolveRoot(dirArg: string): string {
  const root = resolve(dirArg);
  if (!existsSync(root) || !statSync(root).isDirectory()) throw new Error(`${dirArg}: not a folder`);
  return root;
}

export function render(scan: ScanResult, format: ReportFormat, rootAsGiven: string, color: boolean): string {
  switch (format) {
    case 'json':
      return JSON.stringify(toJsonReport(scan, rootAsGiven), null, 2) + '\n';
    case 'sarif':
      return JSON.stringify(toSarif(scan), null, 2) + '\n';
    case 'markdown':
      return toMarkdown(scan);
    case 'html':
      return toHtml(scan);
    default:
      return toText(scan, { color });
  }
}

export async function scanCommand(args: ParsedArgs): Promise<number> {
  const dirArg = args.positionals[0] ?? '.';
  const root = resolveRoot(dirArg);
  const format = oneOf('format', args.flags.format, FORMATS, 'text');
  const failOn = oneOf('fail-on', args.flags['fail-on'], FAIL_ON, 'error');
  const configFile = typeof args.flags.config === 'string' ? resolve(args.flags.config) : undefined;
  const config = loadConfig(root, configFile);
  const baselineFlag = typeof args.flags.baseline === 'string' ? resolve(args.flags.baseline) : undefined;
  const progress = progressReporter();
  const scan = await scanWorkspace(root, {
    config,
    configFile,
    baseline: loadBaseline(root, baselineFlag, config.baseline),
    cache: !args.flags['no-cache'],
    onProgress: progress.update,
    history: historyOptionsFromFlags(args.flags),
  });
  progress.done();
  const note = historyNote(scan.model.history);
  if (note) process.stderr.write(note + '\n');
  for (const line of unknownSuppressionRules(scan.model)) process.stderr.write(`readiness: warning: ${line}\n`);
  const color = !args.flags.output && process.stdout.isTTY === true && !process.env.NO_COLOR && !args.flags['no-color'];
  const out = render(scan, format, dirArg, color);
  if (typeof args.flags.output === 'string') writeFileSync(args.flags.output, out);
  else process.stdout.write(out);
  const rank = { info: 0, warning: 1, error: 2 } as const;
  if (failOn === 'never') return 0;
  return scan.result.findings.some((f) => rank[f.severity] >= rank[failOn]) ? 1 : 0;
}
