// `npm run accuracy`: scans every app of the labelled corpus (test/accuracy/corpus/) with the built library bundle
// and prints per-rule precision/recall plus every FP/FN (file:line), and writes test/.artifacts/accuracy.json.
// It measures, it does not gate: exit 0 unless something crashes. Needs `npm run build` first (the npm script does it).
// Usage: node test/accuracy/run.mjs [app-name ...] [--keep]   (--keep leaves the materialised apps in the temp folder)
import { createRequire } from 'node:module';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tsImport } from 'tsx/esm/api';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const lib = require(join(here, '../../dist/lib.js'));
const corpus = await tsImport('./lib/corpus.ts', import.meta.url);
const score = await tsImport('./lib/score.ts', import.meta.url);

const scores = new Map(lib.RULE_IDS.map((id) => [id, score.emptyScore(id)]));
const names = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const apps = corpus.listApps().filter((a) => !names.length || names.includes(a.name));
const keep = process.argv.includes('--keep');
let durationMs = 0;

for (const app of apps) {
  const root = corpus.materialise(app);
  try {
    const options = { cache: false, ...(app.history ? { history: {} } : {}) };
    const scan = await lib.scanWorkspace(root, options);
    durationMs += scan.durationMs;
    const findings = scan.result.findings.map((f) => ({ rule: f.rule, file: f.file, line: f.span.line, message: f.message }));
    score.scoreApp(app.name, findings, corpus.labelsOf(app, root), scores);
    process.stderr.write(`scanned ${app.name}: ${findings.length} findings in ${scan.durationMs} ms${keep ? ` (${root})` : ''}\n`);
  } finally {
    if (!keep) rmSync(root, { recursive: true, force: true });
  }
}

const rows = [...scores.values()];
const total = score.totals(rows);
console.log(`Accuracy over ${apps.length} corpus apps\n`);
console.log(score.table(rows));
console.log(`\n## False positives / false negatives\n`);
console.log(score.missList(rows) || '(none)');

const out = join(here, '../.artifacts/accuracy.json');
mkdirSync(dirname(out), { recursive: true });
const strip = ({ rule, tp, fp, fn, fps, fns }) => ({ rule, tp, fp, fn, fps, fns });
writeFileSync(out, JSON.stringify({ apps: apps.map((a) => a.name), rules: rows.map(strip), total: strip(total), scanMs: durationMs }, null, 2) + '\n');
console.log(`\nwrote ${out}`);
