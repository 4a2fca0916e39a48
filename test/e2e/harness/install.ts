/**
 * Prepares what the real VS Code opens: the extension as an unpacked copy of exactly the files the VSIX ships
 * (package.json, README, LICENSE, the dist bundles, media) in the run's extensions folder, and a throwaway copy of
 * the example workspace (the quick-fix test writes to it).
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('../../..', import.meta.url).pathname;
const DIST = ['client.js', 'cli.js', 'parse-worker.js', 'ts-morph.js', 'readiness.config.schema.json'];

/** Builds dist/ when a bundle is missing (npm test builds first; a direct run of this file may not have). */
function ensureBuilt(): void {
  if (DIST.every((f) => existsSync(join(root, 'dist', f)))) return;
  const r = spawnSync(process.execPath, [join(root, 'scripts/build.mjs')], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`build failed: ${r.stderr}`);
}

/** Copies the extension into `<extensionsDir>/<publisher>.<name>-<version>/` and returns that folder. */
export function installUnpacked(extensionsDir: string): string {
  ensureBuilt();
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const dir = join(extensionsDir, `${pkg.publisher}.${pkg.name}-${pkg.version}`);
  mkdirSync(join(dir, 'dist'), { recursive: true });
  for (const f of ['package.json', 'README.md', 'LICENSE', 'media']) cpSync(join(root, f), join(dir, f), { recursive: true });
  for (const f of DIST) cpSync(join(root, 'dist', f), join(dir, 'dist', f));
  return dir;
}

export function copyExample(name: string, target: string): string {
  cpSync(join(root, 'examples', name), target, { recursive: true, filter: (src) => !src.includes('node_modules') });
  return target;
}
