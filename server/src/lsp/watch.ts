/**
 * `workspace/didChangeWatchedFiles`: decides, per changed path, the cheapest update that keeps a folder's model
 * right — re-extract one source file, drop a deleted file (or everything under a deleted folder), reload one text
 * file's facts or the baseline — and when a full re-index is needed (readiness.config.json, .gitignore, a new non-source file whose
 * git status discovery must establish). Also the watcher globs registered with the client.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, posix } from 'node:path';
import ignore from 'ignore';
import picomatch from 'picomatch';
import { FileChangeType, type FileEvent } from 'vscode-languageserver';
import { CONFIG_FILE } from '../config';
import { SOURCE_EXTENSIONS } from '../model/discover';
import type { Folder } from './folder';

/** Globs the server asks the client to watch (registered dynamically when the client supports it). */
export const WATCH_GLOBS = [
  `**/*.{${SOURCE_EXTENSIONS.map((e) => e.slice(1)).join(',')}}`,
  `**/${CONFIG_FILE}`,
  '**/.env*',
  '**/.gitignore',
  '**/package.json',
  '**/readiness.baseline.json',
];

/**
 * Folders discovery never analyses as source (mirrors model/discover.ts SKIP_DIRS): a file created under them must
 * not enter the model through the watcher either.
 */
const SKIP_DIRS = new Set(['node_modules', '.git', 'dist', 'build', '.next', 'out', 'coverage', '.turbo', '.vercel', '.svelte-kit', '.readiness-cache']);

export type WatchOutcome = 'none' | 'incremental' | 'reindex';

export function isSource(file: string): boolean {
  return SOURCE_EXTENSIONS.includes(posix.extname(file)) && !file.endsWith('.d.ts');
}

/** Whether discovery would pick up this (new) source file: not in a skipped folder, not ignored, included by config. */
export function wouldDiscover(folder: Folder, file: string): boolean {
  const parts = file.split('/');
  if (parts.slice(0, -1).some((p) => SKIP_DIRS.has(p))) return false;
  const { include, exclude } = folder.config;
  if (include?.length && !picomatch(include, { dot: true })(file)) return false;
  if (exclude?.length && picomatch(exclude, { dot: true })(file)) return false;
  for (let i = 0; i < parts.length - 1; i++) {
    const dir = parts.slice(0, i).join('/');
    const gitignore = join(folder.root, dir, '.gitignore');
    if (!existsSync(gitignore)) continue;
    try {
      const ig = ignore().add(readFileSync(gitignore, 'utf8'));
      if (ig.ignores(parts.slice(i).join('/'))) return false;
    } catch {
      /* an unreadable .gitignore ignores nothing, as in discovery */
    }
  }
  return true;
}

/** Apply one event to a folder's index; returns what kind of update it needs. */
export function applyWatchEvent(folder: Folder, file: string, type: FileEvent['type']): WatchOutcome {
  const index = folder.index;
  if (!index) return 'none';
  const name = posix.basename(file);
  if (file === CONFIG_FILE || name === '.gitignore') return 'reindex';
  if (file === folder.baselineFile) {
    folder.loadBaseline();
    return 'incremental';
  }
  const model = folder.analysis?.model;
  if (type === FileChangeType.Deleted) {
    const under = file + '/';
    const known = model ? [...Object.keys(model.files), ...Object.keys(model.textFiles)].filter((f) => f === file || f.startsWith(under)) : [file];
    for (const f of known) if (!folder.bufferTexts.has(f)) index.remove(f);
    return known.length ? 'incremental' : 'none';
  }
  if (isSource(file)) {
    if (folder.bufferTexts.has(file)) return 'none';
    if (!index.has(file) && !wouldDiscover(folder, file)) return 'none';
    folder.refreshFromDisk(file);
    return 'incremental';
  }
  const known = model?.textFiles[file];
  if (known && type === FileChangeType.Changed) {
    index.updateText({ file, kind: known.kind, tracked: known.tracked, ignored: known.ignored });
    return 'incremental';
  }
  // A new folder (a rename or a checkout) or a new .env/package.json: discovery establishes kind and git status.
  const abs = join(folder.root, file);
  const isDir = existsSync(abs) && statSync(abs).isDirectory();
  if (isDir && file.split('/').some((p) => SKIP_DIRS.has(p))) return 'none';
  return isDir || name.startsWith('.env') || name === 'package.json' ? 'reindex' : 'none';
}
