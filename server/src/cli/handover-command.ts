/**
 * `readiness handover [DIR] [--output FILE]`: scan the workspace and draft HANDOVER.md from the model. Writes to
 * stdout, or to --output; an existing file is never overwritten, because it may hold what people filled in.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { loadConfig } from '../config';
import { renderHandover } from '../report/handover';
import { scanWorkspace } from '../scan';
import type { ParsedArgs } from './args';
import { resolveRoot } from './scan-command';

/** The service name: package.json `name`, else the folder name. */
function serviceName(root: string): string {
  try {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { name?: unknown };
    if (typeof pkg.name === 'string' && pkg.name) return pkg.name;
  } catch {
    /* no or unreadable package.json: use the folder name */
  }
  return basename(root);
}

export async function handoverCommand(args: ParsedArgs): Promise<number> {
  const dirArg = args.positionals[0] ?? '.';
  const root = resolveRoot(dirArg);
  const output = typeof args.flags.output === 'string' ? resolve(args.flags.output) : undefined;
  if (output && existsSync(output)) throw new Error(`${args.flags.output} already exists: choose another --output or move it away`);
  const configFile = typeof args.flags.config === 'string' ? resolve(args.flags.config) : undefined;
  const config = loadConfig(root, configFile);
  const scan = await scanWorkspace(root, { config, configFile, cache: !args.flags['no-cache'] });
  const markdown = renderHandover(scan, { name: serviceName(root), date: new Date().toISOString().slice(0, 10) });
  if (!output) {
    process.stdout.write(markdown);
    return 0;
  }
  writeFileSync(output, markdown);
  const todos = markdown.match(/_TODO: /g)?.length ?? 0;
  process.stderr.write(`readiness: drafted ${output} (${todos} TODOs for people to fill in)\n`);
  return 0;
}
