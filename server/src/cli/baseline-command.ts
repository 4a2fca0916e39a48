/**
 * `readiness baseline [DIR] [--output FILE]`: accept today's findings so that scans report only new ones.
 */
import { join, resolve } from 'node:path';
import { BASELINE_FILE, createBaseline, writeBaseline } from '../baseline';
import { loadConfig } from '../config';
import { scanWorkspace } from '../scan';
import type { ParsedArgs } from './args';
import { resolveRoot } from './scan-command';

export async function baselineCommand(args: ParsedArgs): Promise<number> {
  const dirArg = args.positionals[0] ?? '.';
  const root = resolveRoot(dirArg);
  const configFile = typeof args.flags.config === 'string' ? resolve(args.flags.config) : undefined;
  const config = loadConfig(root, configFile);
  const scan = await scanWorkspace(root, { config, configFile, cache: !args.flags['no-cache'] });
  const out = typeof args.flags.output === 'string' ? resolve(args.flags.output) : join(root, config.baseline ?? BASELINE_FILE);
  writeBaseline(out, createBaseline(scan.result.findings));
  process.stderr.write(`readiness: wrote ${scan.result.findings.length} findings to ${out}\n`);
  return 0;
}
