/**
 * The labelled accuracy corpus: one folder per app under test/accuracy/corpus/. An app is materialised into a temp
 * folder before it is scanned, because the repository must not hold things the scan needs to see for real:
 *   - `__FAKE_<kind>__` tokens become deterministic fake credentials (test/helpers/fake-secrets.ts), so this repo
 *     never holds a string that looks like a live key to other scanners or to push protection;
 *   - files named `_.env*` become `.env*` (a real env file inside this repo would be ignored or committed by accident);
 *   - `history.json` ({ steps: [{ path: "_history/file" | null }] }) replays commits on top of the app in a fresh git
 *     repository, for secret-in-history;
 *   - `expect.json`, `history.json` and `_history/` are labels and inputs, not part of the app;
 *   - `prepare()` reads the labels, then strips the markers from the copy, so labels can never influence a scan.
 * Labels are inline `// expect: rule` / `// ok: rule` markers (test/helpers/fixture.ts) plus expect.json entries for
 * files that cannot hold comments (package.json, .env files).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FAKE } from '../../helpers/fake-secrets';
import { expectations, readTree, type Expectation } from '../../helpers/fixture';

export const CORPUS = join(dirname(fileURLToPath(import.meta.url)), '..', 'corpus');
/** Held-out apps: same conventions, never used to tune rules, scored only with `run.mjs --holdout`. */
export const HOLDOUT = join(dirname(fileURLToPath(import.meta.url)), '..', 'holdout');
const LABEL_FILES = new Set(['expect.json', 'history.json', '_history']);

export interface HistoryStep { [path: string]: string | null }

export interface App {
  name: string;
  dir: string;
  history?: HistoryStep[];
}

export function listApps(root = CORPUS): App[] {
  return readdirSync(root)
    .filter((name) => statSync(join(root, name)).isDirectory())
    .sort()
    .map((name) => {
      const dir = join(root, name);
      const historyFile = join(dir, 'history.json');
      const history = existsSync(historyFile) ? (JSON.parse(readFileSync(historyFile, 'utf8')).steps as HistoryStep[]) : undefined;
      return { name, dir, history };
    });
}

/** Replace `__FAKE_kind__` tokens; an unknown kind is a corpus bug, so it throws. */
export function substituteFakes(text: string): string {
  return text.replace(/__FAKE_(\w+)__/g, (_m, kind: string) => {
    const make = (FAKE as Record<string, () => string>)[kind];
    if (!make) throw new Error(`unknown fake secret kind __FAKE_${kind}__`);
    return make();
  });
}

/** Where a corpus file lands in the materialised app (`_.env.local` → `.env.local`). */
export const targetName = (name: string) => (/^_\.env/.test(name) ? name.slice(1) : name);

function copyApp(from: string, to: string, top = true): void {
  mkdirSync(to, { recursive: true });
  for (const name of readdirSync(from)) {
    if (top && LABEL_FILES.has(name)) continue;
    const src = join(from, name);
    const dest = join(to, targetName(name));
    if (statSync(src).isDirectory()) copyApp(src, dest, false);
    else writeFileSync(dest, substituteFakes(readFileSync(src, 'utf8')));
  }
}

const GIT_ENV = {
  ...process.env,
  GIT_AUTHOR_NAME: 'Corpus', GIT_AUTHOR_EMAIL: 'corpus@example.com', GIT_COMMITTER_NAME: 'Corpus',
  GIT_COMMITTER_EMAIL: 'corpus@example.com', GIT_CONFIG_NOSYSTEM: '1', HOME: tmpdir(),
};

/** Commit the app, then each history step (a file copied from the app's `_history/`, or deleted with null). */
function replayHistory(app: App, root: string): void {
  const git = (...args: string[]) => execFileSync('git', args, { cwd: root, env: GIT_ENV, stdio: ['ignore', 'pipe', 'pipe'] });
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('commit', '-q', '-m', 'initial import');
  app.history!.forEach((step, i) => {
    for (const [path, source] of Object.entries(step)) {
      const abs = join(root, path);
      if (source === null) rmSync(abs);
      else {
        mkdirSync(dirname(abs), { recursive: true });
        writeFileSync(abs, substituteFakes(readFileSync(join(app.dir, source), 'utf8')));
      }
    }
    git('add', '-A');
    git('commit', '-q', '-m', `history step ${i + 1}`);
  });
}

/** Lay the app out in a fresh temp folder (with its git history when it has one) and return the folder. */
export function materialise(app: App): string {
  const root = mkdtempSync(join(tmpdir(), `readiness-accuracy-${app.name}-`));
  copyApp(app.dir, root);
  if (app.history) replayHistory(app, root);
  return root;
}

/** Inline markers of the materialised app plus its expect.json entries. */
export function labelsOf(app: App, root: string): Expectation[] {
  const inline = expectations(readTree(root));
  const extraFile = join(app.dir, 'expect.json');
  const extra = existsSync(extraFile) ? (JSON.parse(readFileSync(extraFile, 'utf8')) as Expectation[]) : [];
  return [...inline, ...extra];
}

// A marker comment runs to the end of its line (notes after the rule ids included), so all of it goes.
const MARKER_TEXT = /[ \t]*\/\/\s*(?:expect|ok):[^\n]*/g;

/** Remove label markers from a source text, keeping every line (and so every line number) in place. */
export const stripMarkers = (text: string) => text.replace(MARKER_TEXT, '');

/** Materialise an app, read its labels, then strip the markers from the copy that will be scanned. */
export function prepare(app: App): { root: string; labels: Expectation[] } {
  const root = materialise(app);
  const labels = labelsOf(app, root);
  for (const [file, text] of Object.entries(readTree(root))) writeFileSync(join(root, file), stripMarkers(text));
  return { root, labels };
}

/** Every file of a folder, relative, `/`-separated (for well-formedness checks). */
export function filesOf(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      if (name === '.git') continue;
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(relative(root, p).split('\\').join('/'));
    }
  };
  walk(root);
  return out;
}

