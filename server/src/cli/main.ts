/**
 * The `readiness` CLI entry: parses the command line and dispatches to a command module. Exit codes: 0 nothing at
 * or above --fail-on, 1 findings at or above it, 2 usage error / unreadable input / internal failure (one line on
 * stderr, a stack only with --debug).
 */
import { parseArgs } from './args';
import { COMMANDS, checkCommandArgs, usage } from './commands';
import { version } from './version';

export class UsageError extends Error {}

async function main(argv: string[]): Promise<number> {
  const debug = argv.includes('--debug');
  try {
    const args = parseArgs(argv.filter((a) => a !== '--debug'));
    if (args.flags.version) {
      process.stdout.write(`${version()}\n`);
      return 0;
    }
    const name = args.positionals[0];
    if (!name || args.flags.help) {
      process.stdout.write(usage());
      return name || args.flags.help ? 0 : 2;
    }
    const command = COMMANDS[name];
    if (!command) throw new UsageError(`unknown command "${name}" (try readiness --help)`);
    checkCommandArgs(name, { ...args, positionals: args.positionals.slice(1) });
    return await command({ ...args, positionals: args.positionals.slice(1) });
  } catch (e) {
    // Anything can be thrown (a worker's DOMException arrives as {}): never exit 2 without a line on stderr.
    const err = e instanceof Error ? e : new Error(String(e));
    process.stderr.write(`readiness: ${(err.message || 'internal error').split('\n')[0]}\n`);
    if (debug && err.stack) process.stderr.write(err.stack + '\n');
    return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    process.stderr.write(`readiness: internal error (${String(e)})\n`);
    process.exitCode = 2;
  },
);
