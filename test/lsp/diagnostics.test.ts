/**
 * Diagnostics over a real stdio connection to the built server: indexing with progress, the quiescent status,
 * diagnostic fields, cross-file updates, config changes, deletes, and unsaved buffers winning over disk.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LspClient, REPO } from './client';
import { expressWorkspace } from './fixture';

const CHANGED = 2 as const;
const DELETED = 3 as const;

async function withServer(fn: (client: LspClient, root: string) => Promise<void>): Promise<void> {
  const root = expressWorkspace();
  const client = await LspClient.start({ folders: [root] });
  try {
    await fn(client, root);
  } finally {
    await client.stop();
    rmSync(root, { recursive: true, force: true });
  }
}

test('indexes on initialized with progress, then publishes auth-missing with source, code, docs link and range', async () => {
  await withServer(async (client, root) => {
    const status = await client.quiescent();
    assert.equal(status.health, 'ok');
    assert.equal(status.folders[0].state, 'ready');
    assert.ok(status.folders[0].routes >= 2, 'both routes are in the model');
    const kinds = client.progress.map((p) => (p as { value: { kind: string } }).value.kind);
    assert.equal(kinds[0], 'begin');
    assert.equal(kinds[kinds.length - 1], 'end');
    assert.ok(
      client.registrations.some((r) => (r as { method: string }).method === 'workspace/didChangeWatchedFiles'),
      'file watchers are registered dynamically',
    );
    const [d] = client.diagnosticsOf(join(root, 'src/app.ts'), 'auth-missing');
    assert.ok(d, 'auth-missing on the unguarded admin route');
    assert.equal(d.source, 'launch-readiness');
    assert.equal(d.severity, 1);
    assert.match(d.codeDescription!.href, /auth-missing\.md$/);
    assert.equal(d.range.start.line, 6, 'the app.get registration line (0-based)');
    assert.match(String(d.message), /GET \/api\/admin\/users/);
    const data = d.data as { rule: string; fingerprint: string; version: string };
    assert.equal(data.rule, 'auth-missing');
    assert.match(data.fingerprint, /^[0-9a-f]{8,}$/);
    assert.equal(typeof data.version, 'string');
    assert.deepEqual(client.diagnosticsOf(join(root, 'src/tickets.ts'), 'auth-missing'), [], 'the mounted router is guarded');
  });
});

test('removing the guard from the mount file updates diagnostics in the router file', async () => {
  await withServer(async (client, root) => {
    await client.quiescent();
    const app = join(root, 'src/app.ts');
    const tickets = join(root, 'src/tickets.ts');
    assert.deepEqual(client.diagnosticsOf(tickets, 'auth-missing'), []);
    const text = readFileSync(app, 'utf8');
    await client.open(app, text);
    await client.change(app, text.replace("'/api/tickets', requireAuth, tickets", "'/api/tickets', tickets"));
    await client.quiescent();
    const [d] = client.diagnosticsOf(tickets, 'auth-missing');
    assert.ok(d, 'the router route lost its guard: unsaved buffer won over disk');
    assert.equal(d.range.start.line, 4);
    const related = d.relatedInformation ?? [];
    assert.ok(
      related.some((r) => r.location.uri === new URL(`file://${app}`).href && r.location.range.start.line === 5),
      `related information points at the mount in app.ts: ${JSON.stringify(related)}`,
    );
    await client.change(app, text);
    await client.quiescent();
    assert.deepEqual(client.diagnosticsOf(tickets, 'auth-missing'), [], 'restoring the guard clears it again');
  });
});

test('only files whose diagnostics changed are published again', async () => {
  await withServer(async (client, root) => {
    await client.quiescent();
    const app = join(root, 'src/app.ts');
    const text = readFileSync(app, 'utf8');
    await client.open(app, text);
    await client.quiescent();
    const seen = client.published.length;
    await client.change(app, '\n' + text);
    await client.quiescent();
    // app.ts is re-sent (its findings moved, and their data.version follows the new text); tickets.ts and the
    // repo-level findings on package.json are unchanged and not sent again.
    assert.deepEqual(client.published.slice(seen), [new URL(`file://${app}`).href]);
  });
});

test('a buffer that does not parse keeps the last good diagnostics', async () => {
  await withServer(async (client, root) => {
    await client.quiescent();
    const app = join(root, 'src/app.ts');
    const text = readFileSync(app, 'utf8');
    await client.open(app, text);
    await client.change(app, text.replace('res.json([]);', 'res.json([);'));
    await client.quiescent();
    assert.equal(client.diagnosticsOf(app, 'auth-missing').length, 1, 'half-typed code does not clear findings');
  });
});

test('a readiness.config.json change re-analyses the folder', async () => {
  await withServer(async (client, root) => {
    await client.quiescent();
    const app = join(root, 'src/app.ts');
    assert.equal(client.diagnosticsOf(app, 'auth-missing').length, 1);
    const config = join(root, 'readiness.config.json');
    writeFileSync(config, JSON.stringify({ helpers: { auth: ['requireAuth'] }, rules: { 'auth-missing': 'off' } }));
    await client.watched([{ path: config, type: CHANGED }]);
    await client.quiescent();
    assert.deepEqual(client.diagnosticsOf(app, 'auth-missing'), [], 'the rule is off now');
    writeFileSync(config, '{ "rules": { "no-such-rule": "off" } }');
    await client.watched([{ path: config, type: CHANGED }]);
    const status = await client.quiescent();
    assert.equal(status.health, 'warning');
    assert.match(status.folders[0].problem ?? '', /no-such-rule/);
    const [configDiagnostic] = client.diagnosticsOf(config);
    assert.match(String(configDiagnostic.message), /unknown rule id/);
  });
});

test('a .env.example change is picked up from the watcher without re-indexing', async () => {
  await withServer(async (client, root) => {
    const config = join(root, 'src/config.ts');
    const example = join(root, '.env.example');
    writeFileSync(config, 'export const apiUrl = process.env.SUPPORT_API_URL;\n');
    writeFileSync(example, 'PORT=3000\n');
    await client.watched([
      { path: config, type: 1 },
      { path: example, type: 1 },
    ]);
    await client.quiescent();
    assert.equal(client.diagnosticsOf(config, 'env-undocumented').length, 1, 'the variable is not documented yet');
    const begins = () => client.progress.filter((p) => (p as { value: { kind: string } }).value.kind === 'begin').length;
    const indexed = begins();
    writeFileSync(example, 'PORT=3000\nSUPPORT_API_URL=https://support.example.com\n');
    await client.watched([{ path: example, type: CHANGED }]);
    await client.quiescent();
    assert.deepEqual(client.diagnosticsOf(config, 'env-undocumented'), []);
    assert.equal(begins(), indexed, 'a known text file is reloaded alone: no indexing progress');
  });
});

test('readiness.baseline.json hides accepted findings, as in scan; deleting it brings them back', async () => {
  await withServer(async (client, root) => {
    await client.quiescent();
    const app = join(root, 'src/app.ts');
    assert.equal(client.diagnosticsOf(app, 'auth-missing').length, 1);
    const made = spawnSync(process.execPath, [join(REPO, 'dist/cli.js'), 'baseline', root, '--no-cache'], { encoding: 'utf8' });
    assert.equal(made.status, 0, made.stderr);
    const baseline = join(root, 'readiness.baseline.json');
    await client.watched([{ path: baseline, type: 1 }]);
    await client.quiescent();
    assert.deepEqual(client.diagnosticsOf(app), [], 'every finding was accepted');
    rmSync(baseline);
    await client.watched([{ path: baseline, type: DELETED }]);
    await client.quiescent();
    assert.equal(client.diagnosticsOf(app, 'auth-missing').length, 1);
  });
});

test('a deleted file clears its diagnostics', async () => {
  await withServer(async (client, root) => {
    await client.quiescent();
    const app = join(root, 'src/app.ts');
    assert.ok(client.diagnosticsOf(app).length > 0);
    rmSync(app);
    await client.watched([{ path: app, type: DELETED }]);
    await client.quiescent();
    assert.deepEqual(client.diagnosticsOf(app), []);
    assert.ok(client.diagnostics.has(new URL(`file://${app}`).href), 'an empty list was published, not nothing');
  });
});

test('settings are pulled per folder: minSeverity error hides warnings, enable false clears everything', async () => {
  await withServer(async (client, root) => {
    await client.quiescent();
    const app = join(root, 'src/app.ts');
    const severities = () => client.diagnosticsOf(app).map((d) => d.severity);
    assert.ok(severities().length > 0);
    await client.configurationChanged({ diagnostics: { minSeverity: 'error' } });
    await client.quiescent();
    assert.ok(severities().every((s) => s === 1), 'only errors remain');
    assert.ok(severities().length > 0);
    await client.configurationChanged({ enable: false });
    await client.quiescent();
    assert.deepEqual(severities(), []);
  });
});
