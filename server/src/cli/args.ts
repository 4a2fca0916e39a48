/**
 * A small argument parser for the CLI's fixed flag set: `--flag value`, `--flag=value`, repeatable flags and
 * booleans. Unknown flags are usage errors that name the flag.
 */
export interface ParsedArgs {
  positionals: string[];
  flags: Record<string, string | boolean | undefined> & { help?: boolean; version?: boolean };
  /** Repeatable flags (`--header`, `--dkim-selector`), in order. */
  lists: Record<string, string[]>;
}

const BOOLEAN = new Set(['help', 'version', 'allow-burst', 'allow-post', 'stdio', 'node-ipc', 'history', 'no-cache', 'no-color', 'debug']);
const REPEATABLE = new Set(['header', 'dkim-selector']);
const VALUED = new Set([
  'format', 'output', 'fail-on', 'config', 'baseline', 'routes-from', 'domain', 'dns-server', 'ca', 'http-url',
  'burst', 'budget', 'timeout', 'clientProcessId', 'history-depth', 'socket',
]);

export function parseArgs(argv: string[]): ParsedArgs {
  const out: ParsedArgs = { positionals: [], flags: {}, lists: {} };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '-h') {
      out.flags.help = true;
      continue;
    }
    if (arg === '-v') {
      out.flags.version = true;
      continue;
    }
    if (!arg.startsWith('--')) {
      out.positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    if (BOOLEAN.has(name)) {
      out.flags[name] = true;
      continue;
    }
    if (!VALUED.has(name) && !REPEATABLE.has(name)) throw new Error(`unknown option --${name}`);
    const value = eq >= 0 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined) throw new Error(`option --${name} needs a value`);
    if (REPEATABLE.has(name)) (out.lists[name] ??= []).push(value);
    else out.flags[name] = value;
  }
  return out;
}

export function oneOf<T extends string>(name: string, value: unknown, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  throw new Error(`--${name} must be one of ${allowed.join('|')} (got "${String(value)}")`);
}
