// Runs every test/**/*.test.ts with node's built-in runner (TypeScript through tsx). Usage:
//   node test/run.mjs [substring-filter ...]
// test/e2e/ runs the extension in a real VS Code (code-server + Chromium); its setup installs what is missing into
// ~/.cache/readiness-e2e, so the first run takes minutes. `npm run test:e2e` runs only that layer.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const filters = process.argv.slice(2);
const found = [];
const walk = (dir) => {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'fixtures' || name === '.artifacts') continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p);
    else if (name.endsWith('.test.ts')) found.push(relative(root, p));
  }
};
walk(join(root, 'test'));
const files = found.filter((f) => !filters.length || filters.some((x) => f.includes(x))).sort();
if (!files.length) {
  console.error('no test files matched');
  process.exit(1);
}
const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', '--test-concurrency=2', ...files], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, READINESS_CACHE_DIR: join(root, 'test/.artifacts/cache') },
});
process.exit(r.status ?? 1);
