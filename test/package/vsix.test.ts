/**
 * Packaging: `npm run package` builds a VSIX with @vscode/vsce whose contents are exactly the allow-list (the
 * bundles the extension runs, the webview media, README, LICENSE, package.json, the config schema) and which stays
 * under 10 MB. It packages a copy of the project in a temporary folder, so the minified build never replaces the
 * dist/ that other tests are running at the same time.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { listZip, type ZipEntry } from './zip';

const root = new URL('../..', import.meta.url).pathname;
const work = mkdtempSync(join(tmpdir(), 'readiness-vsix-'));
let entries: ZipEntry[] = [];
let vsix = '';

const ALLOWED = [
  /^extension\.vsixmanifest$/,
  /^\[Content_Types\]\.xml$/,
  /^extension\/package\.json$/,
  /^extension\/readme\.md$/i,
  /^extension\/license(\.txt)?$/i,
  /^extension\/dist\/(client|cli|parse-worker|ts-morph)\.js$/,
  /^extension\/dist\/readiness\.config\.schema\.json$/,
  /^extension\/media\/[\w-]+\.(js|css|svg)$/,
];

before(() => {
  for (const name of ['server', 'client', 'rules', 'node_modules', 'tsconfig.json']) symlinkSync(join(root, name), join(work, name));
  for (const name of ['package.json', 'README.md', 'LICENSE', '.vscodeignore', 'media', 'scripts']) cpSync(join(root, name), join(work, name), { recursive: true });
  const r = spawnSync('npm', ['run', 'package'], { cwd: work, encoding: 'utf8', timeout: 300_000 });
  assert.equal(r.status, 0, `npm run package failed:\n${r.stdout}\n${r.stderr}`);
  vsix = join(work, 'dist', 'launch-readiness.vsix');
  entries = listZip(vsix);
});

after(() => rmSync(work, { recursive: true, force: true }));

test('the VSIX holds only allow-listed files', () => {
  const extra = entries.map((e) => e.name).filter((n) => !ALLOWED.some((re) => re.test(n)));
  assert.deepEqual(extra, []);
});

test('the VSIX holds everything the manifest points at', () => {
  const names = new Set(entries.map((e) => e.name));
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const needed = [
    pkg.main,
    'dist/cli.js',
    'dist/parse-worker.js',
    'dist/ts-morph.js',
    'media/scorecard.js',
    'media/probe-view.js',
    'media/scorecard.css',
    ...pkg.contributes.viewsContainers.activitybar.map((c: { icon: string }) => c.icon),
    ...pkg.contributes.jsonValidation.map((j: { url: string }) => j.url.replace(/^\.\//, '')),
  ];
  for (const file of needed) assert.ok(names.has(`extension/${file}`), `missing extension/${file}`);
  assert.ok(names.has('extension/readme.md') || names.has('extension/README.md'), 'README missing');
  assert.ok([...names].some((n) => /^extension\/license/i.test(n)), 'LICENSE missing');
});

test('the VSIX stays under 10 MB and ships no source maps or node_modules', () => {
  assert.ok(statSync(vsix).size < 10 * 1024 * 1024, `VSIX is ${statSync(vsix).size} bytes`);
  assert.ok(!entries.some((e) => /\.map$|node_modules|\.ts$/.test(e.name)));
});
