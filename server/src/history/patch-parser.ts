/**
 * Incremental parser for `git log -p -U0 --format=%x00commit %H %aI` output: turns the stream of lines into blocks of
 * added lines per (commit, file) with their line numbers in that commit's version of the file.
 */

export interface AddedBlock {
  commit: string;
  date: string;
  file: string;
  /** Added lines' text, and each one's 1-based line number in the new file. */
  lines: string[];
  lineNumbers: number[];
}

/** Files whose added lines are not worth scanning: lockfiles, source maps, minified and binary-ish output. */
const SKIP_FILE = /(^|\/)(package-lock\.json|yarn\.lock|pnpm-lock\.yaml|bun\.lockb?|composer\.lock|Cargo\.lock|go\.sum)$|\.(map|min\.js|min\.css|svg|png|jpe?g|gif|ico|woff2?|ttf|pdf|zip|gz)$/i;
/** Longest added line kept (longer lines are generated output). */
const MAX_LINE = 20_000;
/** Largest block of added lines per file and commit (bigger ones are vendored or generated files). */
const MAX_BLOCK_CHARS = 2 * 1024 * 1024;

export class PatchParser {
  commits = 0;
  private commit = '';
  private date = '';
  private file: string | undefined;
  private inHunk = false;
  private nextLine = 0;
  private block: AddedBlock | undefined;
  private blockChars = 0;

  constructor(private readonly onBlock: (block: AddedBlock) => void) {}

  push(line: string): void {
    if (line.startsWith('\0commit ')) {
      this.flush();
      const [, sha, date] = line.slice(1).split(' ');
      this.commit = sha;
      this.date = date ?? '';
      this.file = undefined;
      this.commits++;
      return;
    }
    if (line.startsWith('diff --git ')) {
      this.flush();
      this.file = undefined;
      this.inHunk = false;
      return;
    }
    if (!this.inHunk && line.startsWith('+++ ')) {
      const path = unquote(line.slice(4));
      this.file = path.startsWith('b/') && !SKIP_FILE.test(path) ? path.slice(2) : undefined;
      return;
    }
    if (line.startsWith('@@')) {
      const m = /^@@ -\d+(?:,\d+)? \+(\d+)/.exec(line);
      this.inHunk = Boolean(m);
      this.nextLine = m ? Number(m[1]) : 0;
      return;
    }
    if (this.inHunk && this.file && line.startsWith('+')) this.added(line.slice(1));
  }

  private added(text: string): void {
    const lineNo = this.nextLine++;
    if (text.length > MAX_LINE || this.blockChars > MAX_BLOCK_CHARS) return;
    this.block ??= { commit: this.commit, date: this.date, file: this.file!, lines: [], lineNumbers: [] };
    this.block.lines.push(text);
    this.block.lineNumbers.push(lineNo);
    this.blockChars += text.length + 1;
  }

  /** Emit the pending block (call once more at the end of the stream). */
  flush(): void {
    if (this.block) this.onBlock(this.block);
    this.block = undefined;
    this.blockChars = 0;
  }
}

/** git quotes paths with unusual characters (`"b/with space\t.ts"`); keep the common cases readable. */
function unquote(path: string): string {
  if (!path.startsWith('"')) return path;
  return path.replace(/^"|"$/g, '').replace(/\\t/g, '\t').replace(/\\"/g, '"');
}
