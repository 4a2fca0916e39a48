/**
 * The git-history secret scan behind `readiness scan --history`: streams `git log -p -U0` (newest first, all refs),
 * runs the same secret scanner over every added line, and stops at a commit or patch-size bound. The only module
 * besides `model/` that runs git. Results are HistoryScan facts that `secret-in-history` reports.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { scanSecrets } from '../model/secrets/scan';
import { LineMap } from '../model/span';
import type { HistoryFinding, HistoryScan } from '../model/types';
import { PatchParser, type AddedBlock } from './patch-parser';

export interface HistoryOptions {
  /** Newest commits to read (default 500). */
  maxCommits?: number;
  /** Patch text to read before stopping, in bytes (default 50 MB). */
  maxBytes?: number;
}

export const DEFAULT_MAX_COMMITS = 500;
export const DEFAULT_MAX_BYTES = 50 * 1024 * 1024;

export async function scanHistory(root: string, options: HistoryOptions = {}): Promise<HistoryScan> {
  const maxCommits = options.maxCommits ?? DEFAULT_MAX_COMMITS;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const found = new Map<string, HistoryFinding>();
  const parser = new PatchParser((block) => collect(block, found));
  const args = ['log', '--all', '-p', '--relative', '--no-color', '--no-ext-diff', '--no-textconv', '-U0', `--max-count=${maxCommits}`, '--format=%x00commit %H %aI'];
  const child = spawn('git', args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-2000)));
  let bytes = 0;
  let cut = false;
  const spawnError = new Promise<Error>((resolve) => child.on('error', resolve));
  const lines = createInterface({ input: child.stdout, crlfDelay: Infinity });
  const reading = (async () => {
    for await (const line of lines) {
      bytes += line.length + 1;
      if (bytes > maxBytes) {
        cut = true;
        child.kill();
        break;
      }
      parser.push(line);
    }
    parser.flush();
  })();
  const exit = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  const outcome = await Promise.race([reading.then(() => exit), spawnError]);
  if (outcome instanceof Error) return failed(`git could not be run (${(outcome as NodeJS.ErrnoException).code ?? outcome.message})`);
  if (!cut && outcome !== 0) return failed(firstLine(stderr) || `git log exited with ${outcome}`);
  const truncated = cut || (parser.commits >= maxCommits && (await hasMoreThan(root, maxCommits)));
  const findings = [...found.values()].sort((a, b) => (a.file === b.file ? a.line - b.line : a.file < b.file ? -1 : 1));
  return { findings, commitsScanned: parser.commits, truncated };
}

/** Scan one block of added lines; keep the oldest commit per distinct secret (git log runs newest first). */
function collect(block: AddedBlock, found: Map<string, HistoryFinding>): void {
  const text = block.lines.join('\n');
  for (const s of scanSecrets(text, new LineMap(text))) {
    const key = `${block.file}\0${s.kind}\0${s.preview}`;
    const finding: HistoryFinding = {
      commit: block.commit.slice(0, 7),
      date: block.date,
      file: block.file,
      line: block.lineNumbers[s.span.line - 1] ?? 1,
      kind: s.kind,
      title: s.title,
      preview: s.preview,
      confidence: s.confidence,
    };
    if (s.assignedTo) finding.assignedTo = s.assignedTo;
    found.set(key, finding);
  }
}

function failed(error: string): HistoryScan {
  return { findings: [], commitsScanned: 0, truncated: false, error };
}

function firstLine(text: string): string {
  return text.trim().split('\n')[0]?.replace(/^fatal:\s*/, '') ?? '';
}

/** Whether the history (all refs) has more commits than were read. */
function hasMoreThan(root: string, n: number): Promise<boolean> {
  return new Promise((resolve) => {
    const child = spawn('git', ['rev-list', '--all', '--count'], { cwd: root, stdio: ['ignore', 'pipe', 'ignore'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', () => resolve(true));
    child.on('close', () => resolve(Number(out.trim()) > n));
  });
}

/** `--history` and `--history-depth N` → options, or undefined when no history scan was asked for. */
export function historyOptionsFromFlags(flags: Record<string, string | boolean | undefined>): HistoryOptions | undefined {
  if (!flags.history && flags['history-depth'] === undefined) return undefined;
  const depth = flags['history-depth'];
  if (depth === undefined) return {};
  const n = Number(depth);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--history-depth must be a positive whole number (got "${String(depth)}")`);
  return { maxCommits: n };
}

/** The stderr line a CLI prints after a history scan that failed or stopped at a bound (undefined when complete). */
export function historyNote(history: HistoryScan | undefined): string | undefined {
  if (!history) return undefined;
  if (history.error) return `readiness: git history was not scanned: ${history.error}`;
  if (history.truncated) return `readiness: scanned the newest ${history.commitsScanned} commits of git history; older commits were not read (raise --history-depth)`;
  return undefined;
}
