// Edit → diagnostics latency through the REAL language server over stdio (dist/server.js, `npm run build` first):
// generates the 5,000-file synthetic workspace (test/bench/generate.mjs), waits for the initial index, then makes 200
// edits to one Express router file and times each from `didChange` to the server's quiescent `readiness/status`
// covering it (diagnostics are published before that status). Every other edit removes or restores the route's
// guard, so diagnostics really change; for those, the time to the file's `publishDiagnostics` is recorded too.
// The typing debounce is set to 0 so the numbers are the server's work; an editor adds the configured debounce
// (default 150 ms). Writes test/.artifacts/bench-lsp.json. BENCH_LSP_FILES / BENCH_LSP_EDITS override the sizes.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { generate } from './generate.mjs';

const require = createRequire(import.meta.url);
const { createProtocolConnection, StreamMessageReader, StreamMessageWriter } = require('vscode-languageserver-protocol/node');

const here = new URL('.', import.meta.url).pathname;
const server = join(here, '../../dist/server.js');
const artifacts = join(here, '../.artifacts');
const files = Number(process.env.BENCH_LSP_FILES ?? 5000);
const edits = Number(process.env.BENCH_LSP_EDITS ?? 200);

const root = generate(join(tmpdir(), `readiness-bench-${files}`), files);
const cacheDir = join(tmpdir(), `readiness-bench-lsp-cache-${files}`);
const child = spawn(process.execPath, [server, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'], env: { ...process.env, READINESS_CACHE_DIR: cacheDir } });
const conn = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));

let sent = 0;
let waiter;
let lastStatus;
const diagnosticWaiters = new Map();
conn.onRequest('workspace/configuration', (p) => p.items.map(() => ({ analysis: { debounceMs: 0 } })));
conn.onRequest('client/registerCapability', () => null);
conn.onRequest('window/workDoneProgress/create', () => null);
conn.onNotification('$/progress', () => {});
conn.onNotification('readiness/scorecardChanged', () => {});
conn.onNotification('textDocument/publishDiagnostics', (p) => {
  diagnosticWaiters.get(p.uri)?.(p.diagnostics);
});
conn.onNotification('readiness/status', (s) => {
  lastStatus = s;
  if (s.quiescent && s.inputs >= sent && waiter) {
    const w = waiter;
    waiter = undefined;
    w(s);
  }
});
conn.listen();

const quiescent = () =>
  new Promise((resolve) => {
    if (lastStatus?.quiescent && lastStatus.inputs >= sent) resolve(lastStatus);
    else waiter = resolve;
  });

const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return +s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))].toFixed(1);
};

const rootUri = pathToFileURL(root).href;
const t0 = performance.now();
await conn.sendRequest('initialize', {
  processId: process.pid,
  rootUri,
  workspaceFolders: [{ uri: rootUri, name: 'bench' }],
  capabilities: { workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true } }, window: { workDoneProgress: true } },
});
await conn.sendNotification('initialized', {});
const indexed = await quiescent();
const indexMs = performance.now() - t0;

const file = join(root, 'src/express/routes/r0.ts');
const uri = pathToFileURL(file).href;
const original = readFileSync(file, 'utf8');
const guarded = "router0.get('/items/:id', requireAuth, async";
if (!original.includes(guarded)) throw new Error('the generated router no longer has the expected guarded route');
// The leading blank line also moves every finding of the file, so its diagnostics change whatever the rules say.
const unguarded = '\n' + original.replace(guarded, "router0.get('/items/:id', async");
sent++;
await conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'typescript', version: 1, text: original } });
await quiescent();

const toQuiescent = [];
const toDiagnostics = [];
for (let i = 1; i <= edits; i++) {
  const toggles = i % 2 === 1;
  // Odd edits flip the guard (diagnostics change); even edits add a comment (same findings, new content hash).
  const base = Math.floor((i + 1) / 2) % 2 === 1 ? unguarded : original;
  const text = toggles ? base : `${base}// edit ${i}\n`;
  const published = toggles ? new Promise((resolve) => diagnosticWaiters.set(uri, resolve)) : undefined;
  const start = performance.now();
  sent++;
  await conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: i + 1 }, contentChanges: [{ text }] });
  if (published) {
    await published;
    toDiagnostics.push(performance.now() - start);
    diagnosticWaiters.delete(uri);
  }
  await quiescent();
  toQuiescent.push(performance.now() - start);
}

const result = {
  date: new Date().toISOString(),
  node: process.version,
  workspace: { files: indexed.folders[0].files, routes: indexed.folders[0].routes },
  initialIndexMs: Math.round(indexMs),
  edits,
  debounceMs: 0,
  editToQuiescentMs: { p50: pct(toQuiescent, 50), p95: pct(toQuiescent, 95), max: pct(toQuiescent, 100) },
  editToDiagnosticsMs: { n: toDiagnostics.length, p50: pct(toDiagnostics, 50), p95: pct(toDiagnostics, 95), max: pct(toDiagnostics, 100) },
};
await conn.sendRequest('shutdown');
await conn.sendNotification('exit');
conn.dispose();
mkdirSync(artifacts, { recursive: true });
writeFileSync(join(artifacts, 'bench-lsp.json'), JSON.stringify(result, null, 2) + '\n');
console.log(JSON.stringify(result));
console.log(`wrote ${join(artifacts, 'bench-lsp.json')}`);
