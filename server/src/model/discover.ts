/**
 * File discovery: which files of a workspace are source to analyse, which are text files the rules read (.env*,
 * .gitignore, package.json, docs, built bundles), and which were passed over and why. Honours nested .gitignore
 * files and the config's include/exclude globs; never descends into dependencies or build output.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { join, posix } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import picomatch from 'picomatch';
import type { SkippedFile, TextFileFacts } from './types';

export const SOURCE_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];
/** Folders that hold dependencies or generated output: never analysed as source. */
const SKIP_DIRS: Record<string, string> = {
  node_modules: 'dependencies',
  '.git': 'git metadata',
  dist: 'build output',
  build: 'build output',
  '.next': 'build output',
  out: 'build output',
  coverage: 'coverage output',
  '.turbo': 'build cache',
  '.vercel': 'build output',
  '.svelte-kit': 'build output',
  '.readiness-cache': 'Launch Readiness cache',
};
/** Build-output folders whose JavaScript is still scanned for secrets that would ship to browsers. */
const BUNDLE_DIRS = new Set(['dist', 'build', '.next', 'out']);
export const MAX_SOURCE_BYTES = 1024 * 1024;
const MAX_BUNDLE_BYTES = 8 * 1024 * 1024;
const MAX_TEXT_BYTES = 512 * 1024;

export interface DiscoveredText {
  file: string;
  kind: TextFileFacts['kind'];
  tracked?: boolean;
  ignored?: boolean;
}

export interface Discovery {
  sources: string[];
  /** Size and modification time of each source file, so a warm scan can skip reading unchanged files. */
  stats: Map<string, { size: number; mtimeMs: number }>;
  texts: DiscoveredText[];
  skipped: SkippedFile[];
  git: boolean;
}

export interface DiscoverOptions {
  include?: string[];
  exclude?: string[];
}

function textKind(name: string, relDir: string): TextFileFacts['kind'] | undefined {
  if (name === '.gitignore') return relDir === '' ? 'gitignore' : undefined;
  if (name.startsWith('.env')) return 'env';
  if (name === 'package.json') return 'package-json';
  if (name === 'vercel.json') return 'vercel-json';
  if (/\.(md|markdown|txt)$/i.test(name) && (relDir === '' || /^(docs?|runbooks?|ops)(\/|$)/i.test(relDir))) return 'doc';
  if (/^(docker-compose.*\.ya?ml|.*\.toml|app\.ya?ml|fly\.toml|render\.yaml|netlify\.toml)$/i.test(name)) return 'config';
  if (/\.(json|ya?ml)$/i.test(name) && /^(config|deploy|infra)(\/|$)/i.test(relDir)) return 'config';
  return undefined;
}

function gitTrackedFiles(root: string): Set<string> | undefined {
  try {
    const out = execFileSync('git', ['ls-files', '-z', '--full-name', '.'], {
      cwd: root,
      maxBuffer: 256 * 1024 * 1024,
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    const prefix = execFileSync('git', ['rev-parse', '--show-prefix'], { cwd: root, stdio: ['ignore', 'pipe', 'ignore'] })
      .toString()
      .trim();
    const files = new Set<string>();
    for (const f of out.toString().split('\0')) if (f && f.startsWith(prefix)) files.add(f.slice(prefix.length));
    return files;
  } catch {
    return undefined;
  }
}

/** Heuristic for generated/minified code: very long lines or a tiny line count for the size. */
export function looksMinified(text: string): boolean {
  if (text.length < 2000) return false;
  let lines = 1;
  let longest = 0;
  let current = 0;
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      lines++;
      if (current > longest) longest = current;
      current = 0;
    } else current++;
  }
  if (current > longest) longest = current;
  return longest > 1000 && text.length / lines > 300;
}

export function discover(root: string, options: DiscoverOptions = {}): Discovery {
  const tracked = gitTrackedFiles(root);
  const sources: string[] = [];
  const stats = new Map<string, { size: number; mtimeMs: number }>();
  const texts: DiscoveredText[] = [];
  const skipped: SkippedFile[] = [];
  const include = options.include?.length ? picomatch(options.include, { dot: true }) : undefined;
  const exclude = options.exclude?.length ? picomatch(options.exclude, { dot: true }) : undefined;
  const rootIgnore: { dir: string; ig: Ignore }[] = [];

  const isIgnored = (rel: string, isDir: boolean): boolean => {
    for (const { dir, ig } of rootIgnore) {
      if (dir && !rel.startsWith(dir + '/')) continue;
      const sub = dir ? rel.slice(dir.length + 1) : rel;
      if (sub && ig.ignores(isDir ? sub + '/' : sub)) return true;
    }
    return false;
  };

  const walk = (relDir: string, inBundleDir: boolean): void => {
    const abs = relDir ? join(root, relDir) : root;
    let entries;
    try {
      entries = readdirSync(abs, { withFileTypes: true });
    } catch (e) {
      skipped.push({ file: relDir || '.', reason: `unreadable folder (${(e as NodeJS.ErrnoException).code})` });
      return;
    }
    const gi = entries.find((e) => e.name === '.gitignore' && e.isFile());
    let pushed = false;
    if (gi) {
      try {
        rootIgnore.push({ dir: relDir, ig: ignore().add(readFileSync(join(abs, '.gitignore'), 'utf8')) });
        pushed = true;
      } catch {
        /* an unreadable .gitignore ignores nothing */
      }
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : 1));
    for (const entry of entries) {
      const rel = relDir ? posix.join(relDir, entry.name) : entry.name;
      if (entry.isSymbolicLink()) continue;
      if (entry.isDirectory()) {
        const why = SKIP_DIRS[entry.name];
        if (why) {
          if (BUNDLE_DIRS.has(entry.name) && !inBundleDir) {
            skipped.push({ file: rel + '/', reason: `${why}: scanned for secrets only` });
            walk(rel, true);
          } else if (entry.name !== '.git') skipped.push({ file: rel + '/', reason: why });
          continue;
        }
        if (!inBundleDir && isIgnored(rel, true)) continue;
        walk(rel, inBundleDir);
        continue;
      }
      if (!entry.isFile()) continue;
      if (inBundleDir) {
        if (/\.(m?js|map)$/.test(entry.name)) {
          try {
            if (statSync(join(root, rel)).size <= MAX_BUNDLE_BYTES) texts.push({ file: rel, kind: 'bundle' });
          } catch {
            /* vanished while walking */
          }
        }
        continue;
      }
      const ignored = isIgnored(rel, false);
      const kind = textKind(entry.name, relDir);
      if (kind) {
        // .env files are recorded even when ignored: the rule needs to know they exist and are covered.
        if (!ignored || kind === 'env') texts.push({ file: rel, kind, tracked: tracked?.has(rel), ignored });
        continue;
      }
      if (ignored) continue;
      const ext = posix.extname(entry.name);
      if (!SOURCE_EXTENSIONS.includes(ext) || entry.name.endsWith('.d.ts')) continue;
      if (include && !include(rel)) continue;
      if (exclude && exclude(rel)) continue;
      let size = 0;
      try {
        const st = statSync(join(root, rel));
        size = st.size;
        stats.set(rel, { size, mtimeMs: st.mtimeMs });
      } catch (e) {
        skipped.push({ file: rel, reason: `unreadable (${(e as NodeJS.ErrnoException).code})` });
        continue;
      }
      if (size > MAX_SOURCE_BYTES) {
        skipped.push({ file: rel, reason: `larger than ${MAX_SOURCE_BYTES / 1024} KiB` });
        continue;
      }
      sources.push(rel);
    }
    if (pushed) rootIgnore.pop();
  };

  walk('', false);
  return { sources, stats, texts, skipped, git: tracked !== undefined };
}

export function readTextFile(root: string, file: string): string | undefined {
  try {
    const abs = join(root, file);
    if (!existsSync(abs) || statSync(abs).size > MAX_TEXT_BYTES * 16) return undefined;
    return readFileSync(abs, 'utf8');
  } catch {
    return undefined;
  }
}
