// One measurement in a fresh process (so peak RSS is this run's alone). Prints one JSON line.
//   node measure.mjs scan DIR            a scan through the library bundle (cache dir from READINESS_CACHE_DIR)
//   node measure.mjs floor DIR           read every source file and parse it with TypeScript's parser, AST let go
//   node measure.mjs touch-scan DIR FILE append a line to FILE, then scan (warm re-scan after one change)
import { createRequire } from 'node:module';
import { appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const [mode, dir, file] = process.argv.slice(2);
const started = performance.now();
let extra = {};
if (mode === 'floor') {
  const { ts } = require('ts-morph');
  const lib = require('../../dist/lib.js');
  const { sources } = lib.discover(dir);
  let lines = 0;
  for (const f of sources) {
    const text = readFileSync(join(dir, f), 'utf8');
    lines += text.split('\n').length;
    const kind = f.endsWith('.tsx') ? ts.ScriptKind.TSX : f.endsWith('.ts') ? ts.ScriptKind.TS : ts.ScriptKind.JS;
    ts.createSourceFile(f, text, ts.ScriptTarget.Latest, false, kind);
  }
  extra = { files: sources.length, lines };
} else {
  if (mode === 'touch-scan') appendFileSync(join(dir, file), `\nexport const touched${Date.now()} = 1;\n`);
  const lib = require('../../dist/lib.js');
  const result = await lib.scanWorkspace(dir, { cache: true });
  extra = {
    files: Object.keys(result.model.files).length,
    parsed: Object.values(result.model.files).filter((f) => f.parsed).length,
    routes: result.model.routes.length,
    findings: result.result.findings.length,
  };
}
const ms = Math.round(performance.now() - started);
console.log(JSON.stringify({ mode, ms, peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024), ...extra }));
