/**
 * Transports and workspace shape, over the built server: `readiness lsp` (with and without --stdio), node IPC,
 * multi-root workspaces (one model per folder, folders added and removed), and files created on disk.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fork } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createProtocolConnection, IPCMessageReader, IPCMessageWriter } from 'vscode-languageserver-protocol/node';
import type { ScorecardResult, StatusParams } from '../../server/src/protocol';
import { FULL_CAPABILITIES, LspClient, REPO, SERVER, uriOf } from './client';
import { expressWorkspace } from './fixture';

const CLI = join(REPO, 'dist/cli.js');

for (const args of [['lsp', '--stdio'], ['lsp']]) {
  test(`readiness ${args.join(' ')} serves diagnostics over stdin/stdout`, async () => {
    const root = expressWorkspace();
    const client = await LspClient.start({ folders: [root], command: [process.execPath, CLI, ...args] });
    try {
      await client.quiescent();
      assert.equal(client.diagnosticsOf(join(root, 'src/app.ts'), 'auth-missing').length, 1);
    } finally {
      await client.stop();
      rmSync(root, { recursive: true, force: true });
    }
  });
}

test('node IPC transport (what the VS Code client may use)', async () => {
  const root = expressWorkspace();
  const child = fork(SERVER, ['--node-ipc'], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  const connection = createProtocolConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
  const diagnostics = new Map<string, unknown[]>();
  let quiet!: () => void;
  const quiescent = new Promise<void>((resolve) => (quiet = resolve));
  connection.onNotification('textDocument/publishDiagnostics', (p: { uri: string; diagnostics: unknown[] }) => {
    diagnostics.set(p.uri, p.diagnostics);
  });
  connection.onNotification('readiness/status', (s: StatusParams) => {
    if (s.quiescent) quiet();
  });
  connection.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => ({})));
  connection.onRequest('client/registerCapability', () => null);
  connection.onRequest('window/workDoneProgress/create', () => null);
  connection.listen();
  try {
    const init = (await connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: uriOf(root),
      workspaceFolders: [{ uri: uriOf(root), name: 'ipc' }],
      capabilities: FULL_CAPABILITIES,
    })) as { serverInfo: { name: string } };
    assert.equal(init.serverInfo.name, 'launch-readiness');
    await connection.sendNotification('initialized', {});
    await quiescent;
    assert.ok((diagnostics.get(uriOf(join(root, 'src/app.ts'))) ?? []).length > 0);
    await connection.sendRequest('shutdown');
    await connection.sendNotification('exit');
  } finally {
    connection.dispose();
    if (child.exitCode === null) await new Promise((resolve) => child.once('exit', resolve));
    rmSync(root, { recursive: true, force: true });
  }
});

test('multi-root: one model per folder; a removed folder is cleared, an added one indexed', async () => {
  const a = expressWorkspace();
  const b = expressWorkspace();
  writeFileSync(join(b, 'readiness.config.json'), JSON.stringify({ helpers: { auth: ['requireAuth'] }, publicRoutes: ['/api/admin/**'] }));
  const client = await LspClient.start({ folders: [a, b] });
  try {
    const status = await client.quiescent();
    assert.deepEqual(status.folders.map((f) => f.folder), [uriOf(a), uriOf(b)]);
    assert.equal(client.diagnosticsOf(join(a, 'src/app.ts'), 'auth-missing').length, 1);
    assert.equal(client.diagnosticsOf(join(b, 'src/app.ts'), 'auth-missing').length, 0, "b's own config declares the route public");
    const cardB = (await client.connection.sendRequest('readiness/scorecard', { folder: uriOf(b) })) as ScorecardResult;
    assert.equal(cardB.folder, uriOf(b));
    assert.equal(cardB.checks.find((c) => c.id === 'auth')!.items.length, 0);
    await client.foldersChanged([], [a]);
    const after = await client.quiescent();
    assert.deepEqual(after.folders.map((f) => f.folder), [uriOf(b)]);
    assert.deepEqual(client.diagnosticsOf(join(a, 'src/app.ts')), []);
    await client.foldersChanged([a], []);
    await client.quiescent();
    assert.equal(client.diagnosticsOf(join(a, 'src/app.ts'), 'auth-missing').length, 1, 'an added folder is indexed');
  } finally {
    await client.stop();
    rmSync(a, { recursive: true, force: true });
    rmSync(b, { recursive: true, force: true });
  }
});

test('a file created on disk is analysed; one under node_modules is not, even when opened', async () => {
  const root = expressWorkspace();
  const client = await LspClient.start({ folders: [root] });
  try {
    await client.quiescent();
    const extra = join(root, 'src/extra.ts');
    const route = "import express from 'express';\nconst app = express();\napp.delete('/api/admin/tenants/:id', (req, res) => {\n  res.end();\n});\n";
    writeFileSync(extra, route);
    mkdirSync(join(root, 'node_modules/dep'), { recursive: true });
    const dep = join(root, 'node_modules/dep/index.ts');
    writeFileSync(dep, route);
    await client.watched([
      { path: extra, type: 1 },
      { path: dep, type: 1 },
    ]);
    await client.quiescent();
    assert.equal(client.diagnosticsOf(extra, 'auth-missing').length, 1);
    assert.deepEqual(client.diagnosticsOf(dep), []);
    // Opening files is not the same as adding them to the model: a dependency and package.json stay out.
    const before = (await client.connection.sendRequest('readiness/routes', {})) as unknown[];
    await client.open(dep);
    await client.open(join(root, 'package.json'));
    await client.quiescent();
    assert.deepEqual(client.diagnosticsOf(dep), []);
    assert.equal(((await client.connection.sendRequest('readiness/routes', {})) as unknown[]).length, before.length);
  } finally {
    await client.stop();
    rmSync(root, { recursive: true, force: true });
  }
});
