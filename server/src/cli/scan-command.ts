/**
 * `readiness scan [DIR]`: scan a workspace and write the report in the chosen format.
 */
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { oneOf, type ParsedArgs } from './args';
import { scanWorkspace } from '../scan';
import { toJsonReport } from '../report/json';

const FORMATS = ['text', 'json', 'sarif', 'markdown', 'html'] as const;
const FAIL_ON = ['error', 'warning', 'info', 'never'] as const;

export async function scanCommand(args: ParsedArgs): Promise<number> {
  const dirArg = args.positionals[0] ?? '.';
  const root = resolve(dirArg);
  if (!existsSync(root) || !statSync(root).isDirectory()) throw new Error(`${dirArg}: not a folder`);
  const format = oneOf('format', args.flags.format, FORMATS, 'text');
  const failOn = oneOf('fail-on', args.flags['fail-on'], FAIL_ON, 'error');
  const scan = await scanWorkspace(root, {
    configFile: typeof args.flags.config === 'string' ? resolve(args.flags.config) : undefined,
    cache: !args.flags['no-cache'],
  });
  const report = toJsonReport(scan, dirArg);
  const out = JSON.stringify(report, null, 2) + '\n';
  if (typeof args.flags.output === 'string') writeFileSync(args.flags.output, out);
  else process.stdout.write(out);
  const rank = { info: 0, warning: 1, error: 2 } as const;
  if (failOn === 'never') return 0;
  return scan.result.findings.some((f) => rank[f.severity] >= rank[failOn]) ? 1 : 0;
}
