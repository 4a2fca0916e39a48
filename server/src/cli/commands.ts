/**
 * The command table. Each command is a module of its own; this file only maps names to them and holds the usage.
 */
import type { ParsedArgs } from './args';
import { baselineCommand } from './baseline-command';
import { scanCommand } from './scan-command';

export type Command = (args: ParsedArgs) => Promise<number>;

export const COMMANDS: Record<string, Command> = {
  scan: scanCommand,
  baseline: baselineCommand,
  lsp: (args) => import('./lsp-command').then((m) => m.lspCommand(args)),
  handover: (args) => import('./handover-command').then((m) => m.handoverCommand(args)),
  probe: (args) => import('./probe-command').then((m) => m.probeCommand(args)),
};

/** What each command reads: anything else is a usage error, not silently ignored (`handover --format json`). */
const GLOBAL_OPTIONS = ['help', 'version', 'debug', 'no-color'];
const COMMAND_OPTIONS: Record<string, { options: string[]; positionals: number; what: string }> = {
  scan: { options: ['format', 'output', 'fail-on', 'config', 'baseline', 'history', 'history-depth', 'no-cache'], positionals: 1, what: 'one folder' },
  baseline: { options: ['output', 'config', 'no-cache'], positionals: 1, what: 'one folder' },
  handover: { options: ['output', 'config', 'no-cache'], positionals: 1, what: 'one folder' },
  lsp: { options: ['stdio', 'node-ipc', 'socket', 'clientProcessId'], positionals: 0, what: 'no arguments' },
  probe: {
    options: ['format', 'output', 'routes-from', 'domain', 'dkim-selector', 'dns-server', 'ca', 'header', 'http-url', 'allow-burst', 'burst', 'allow-post', 'budget', 'timeout'],
    positionals: 1,
    what: 'one URL',
  },
};

/** Throw a one-line usage error for an option the command does not read or a surplus argument. */
export function checkCommandArgs(name: string, args: ParsedArgs): void {
  const spec = COMMAND_OPTIONS[name];
  if (!spec) return;
  for (const flag of [...Object.keys(args.flags), ...Object.keys(args.lists)]) {
    if (!GLOBAL_OPTIONS.includes(flag) && !spec.options.includes(flag)) throw new Error(`${name} has no option --${flag} (see readiness --help)`);
  }
  const extra = args.positionals[spec.positionals];
  if (extra !== undefined) throw new Error(`${name} takes ${spec.what} (unexpected "${extra}")`);
}

export function usage(): string {
  return `Launch Readiness: is the API behind your AI chatbot ready for real customers?

Usage:
  readiness scan [DIR] [--format text|json|sarif|markdown|html] [--output FILE] [--fail-on error|warning|info|never]
                 [--config FILE] [--baseline FILE] [--history [--history-depth N]] [--no-cache]
  readiness probe URL [--format text|json|markdown] [--output FILE] [--routes-from DIR] [--domain NAME]
                 [--dkim-selector S]... [--dns-server HOST:PORT] [--ca FILE] [--header "Name: value"]...
                 [--http-url URL] [--allow-burst] [--burst N] [--allow-post] [--budget N] [--timeout MS]
  readiness baseline [DIR] [--output FILE] [--config FILE]
  readiness handover [DIR] [--output FILE] [--config FILE]
  readiness lsp [--stdio]
  readiness --version | --help

  --history walks git history (default the last 500 commits) for secrets; --no-cache ignores the facts cache.

Exit codes: 0 nothing at or above --fail-on (default error), 1 findings at or above it, 2 usage or input error.
`;
}
