// `npm run bench`: generates 1,000- and 5,000-file synthetic workspaces (six frameworks, routers mounted across
// files), then measures in fresh processes: the parse floor (read + TypeScript-parse every file, ASTs let go), a
// cold scan (empty facts cache), a warm re-scan after one file changes, and reports scan ÷ floor. Writes
// test/.artifacts/bench.json, then runs lsp-latency.mjs (edit → diagnostics p50/p95 through the stdio server,
// test/.artifacts/bench-lsp.json). Set BENCH_SIZES=1000,5000 to choose sizes, BENCH_SKIP_LSP=1 to skip the LSP part.
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generate } from './generate.mjs';

const here = new URL('.', import.meta.url).pathname;
const artifacts = join(here, '../.artifacts');
mkdirSync(artifacts, { recursive: true });
const sizes = (process.env.BENCH_SIZES ?? '1000,5000').split(',').map(Number);

function measure(args, cacheDir) {
  const out = execFileSync(process.execPath, [join(here, 'measure.mjs'), ...args], {
    env: { ...process.env, READINESS_CACHE_DIR: cacheDir },
    maxBuffer: 1 << 24,
  });
  return JSON.parse(out.toString().trim().split('\n').pop());
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const results = [];
for (const size of sizes) {
  const dir = generate(join(tmpdir(), `readiness-bench-${size}`), size);
  const cacheDir = join(tmpdir(), `readiness-bench-cache-${size}`);
  const floors = [1, 2, 3].map(() => measure(['floor', dir], cacheDir));
  const colds = [1, 2, 3].map(() => {
    rmSync(cacheDir, { recursive: true, force: true });
    return measure(['scan', dir], cacheDir);
  });
  measure(['scan', dir], cacheDir);
  const warms = [1, 2, 3].map(() => measure(['touch-scan', dir, 'src/services/s0.ts'], cacheDir));
  const floor = median(floors.map((f) => f.ms));
  const cold = median(colds.map((c) => c.ms));
  const warm = median(warms.map((w) => w.ms));
  const row = {
    files: floors[0].files,
    lines: floors[0].lines,
    floorMs: floor,
    coldScanMs: cold,
    warmRescanMs: warm,
    filesPerSecondCold: Math.round((floors[0].files / cold) * 1000),
    coldOverFloor: +(cold / floor).toFixed(2),
    warmOverFloor: +(warm / floor).toFixed(2),
    peakRssMb: { floor: Math.max(...floors.map((f) => f.peakRssMb)), cold: Math.max(...colds.map((c) => c.peakRssMb)), warm: Math.max(...warms.map((w) => w.peakRssMb)) },
    routes: colds[0].routes,
    parsedFiles: colds[0].parsed,
  };
  results.push(row);
  console.log(JSON.stringify(row));
}
const report = { date: new Date().toISOString(), node: process.version, cpus: (await import('node:os')).availableParallelism(), results };
writeFileSync(join(artifacts, 'bench.json'), JSON.stringify(report, null, 2) + '\n');
console.log(`wrote ${join(artifacts, 'bench.json')}`);

// Edit → diagnostics latency through the real stdio language server (writes bench-lsp.json).
if (!process.env.BENCH_SKIP_LSP) {
  execFileSync(process.execPath, [join(here, 'lsp-latency.mjs')], { stdio: 'inherit' });
}
