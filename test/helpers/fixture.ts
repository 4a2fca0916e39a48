/**
 * Multi-file fixtures in one string, rust-analyzer style:
 *
 *   //- /src/app.ts
 *   app.get('/x', handler); // expect: auth-missing
 *   //- /src/auth.ts
 *   ...
 *
 * `writeFixture` lays the files out in a fresh temp folder; `expectations` reads inline `// expect: rule-id` and
 * `// ok: rule-id` markers (on the line the finding must start on) so a test can compare them with a scan.
 */
import { mkdtempSync, mkdirSync, writeFileSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';

export function parseFixture(text: string): Record<string, string> {
  const files: Record<string, string> = {};
  let current: string | undefined;
  let lines: string[] = [];
  const flush = () => {
    if (current) files[current] = lines.join('\n').replace(/^\n+/, '') + '\n';
  };
  for (const line of text.split('\n')) {
    const m = /^\s*\/\/- \/?(\S+)\s*$/.exec(line);
    if (m) {
      flush();
      current = m[1];
      lines = [];
    } else lines.push(line);
  }
  flush();
  return files;
}

/** Write a fixture (string or file map) to a new temp folder and return its path. */
export function writeFixture(fixture: string | Record<string, string>, prefix = 'readiness-fixture-'): string {
  const files = typeof fixture === 'string' ? parseFixture(fixture) : fixture;
  const root = mkdtempSync(join(tmpdir(), prefix));
  for (const [file, text] of Object.entries(files)) {
    const abs = join(root, file);
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, text);
  }
  return root;
}

export interface Expectation {
  file: string;
  line: number;
  rule: string;
  kind: 'expect' | 'ok';
}

const MARKER = /\/\/\s*(expect|ok):\s*([a-z0-9-]+(?:\s*,\s*[a-z0-9-]+)*)/g;

/** Inline expectations of every file under a folder (or of a file map). `expect` markers on a line of their own apply to the next line. */
export function expectations(filesOrRoot: string | Record<string, string>): Expectation[] {
  const files = typeof filesOrRoot === 'string' ? readTree(filesOrRoot) : filesOrRoot;
  const out: Expectation[] = [];
  for (const [file, text] of Object.entries(files)) {
    const lines = text.split('\n');
    lines.forEach((line, i) => {
      for (const m of line.matchAll(MARKER)) {
        const ownLine = line.trim().startsWith('//');
        for (const rule of m[2].split(',').map((r) => r.trim())) {
          out.push({ file, line: ownLine ? i + 2 : i + 1, rule, kind: m[1] as 'expect' | 'ok' });
        }
      }
    });
  }
  return out;
}

export function readTree(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      if (name === 'node_modules' || name === '.git') continue;
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.(m|c)?[jt]sx?$/.test(name)) out[relative(root, p).split('\\').join('/')] = readFileSync(p, 'utf8');
    }
  };
  walk(root);
  return out;
}

/**
 * Compare findings with inline expectations: every `expect` has a finding of that rule on that line, and no finding
 * of a rule lands on a line marked `ok` for it. Returns human-readable mismatches (empty = all good).
 */
export function compareExpectations(
  exp: Expectation[],
  findings: { rule: string; file: string; span: { line: number } }[],
  rules?: string[],
): string[] {
  const problems: string[] = [];
  const relevant = (rule: string) => !rules || rules.includes(rule);
  for (const e of exp) {
    if (!relevant(e.rule)) continue;
    const hit = findings.some((f) => f.rule === e.rule && f.file === e.file && f.span.line === e.line);
    if (e.kind === 'expect' && !hit) problems.push(`missing ${e.rule} at ${e.file}:${e.line}`);
    if (e.kind === 'ok' && hit) problems.push(`unexpected ${e.rule} at ${e.file}:${e.line}`);
  }
  for (const f of findings) {
    if (!relevant(f.rule)) continue;
    const expected = exp.some((e) => e.kind === 'expect' && e.rule === f.rule && e.file === f.file && e.line === f.span.line);
    if (!expected) problems.push(`unexpected ${f.rule} at ${f.file}:${f.span.line}`);
  }
  return [...new Set(problems)];
}
