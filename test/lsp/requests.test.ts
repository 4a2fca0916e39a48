/**
 * The custom `readiness/*` messages over a real stdio connection: scorecard (with findings per row), scorecardChanged,
 * routes (the JSON report's shape) and rescan. The probe request has its own file (probe.test.ts).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CancellationTokenSource } from 'vscode-languageserver-protocol/node';
import type { RouteInfo, ScorecardResult } from '../../server/src/protocol';
import { LspClient, uriOf } from './client';
import { expressWorkspace } from './fixture';

async function withServer(fn: (client: LspClient, root: string) => Promise<void>): Promise<void> {
  const root = expressWorkspace();
  const client = await LspClient.start({ folders: [root] });
  try {
    await client.quiescent();
    await fn(client, root);
  } finally {
    await client.stop();
    rmSync(root, { recursive: true, force: true });
  }
}

test('readiness/scorecard lists each row with its findings; scorecardChanged follows a change', async () => {
  await withServer(async (client, root) => {
    const card = (await client.connection.sendRequest('readiness/scorecard', {})) as ScorecardResult;
    assert.equal(card.folder, uriOf(root));
    assert.equal(card.verdict, 'not-ready');
    const auth = card.checks.find((c) => c.id === 'auth')!;
    assert.equal(auth.status, 'fail');
    assert.equal(auth.findings, auth.items.length);
    const item = auth.items.find((i) => i.rule === 'auth-missing')!;
    assert.equal(item.uri, uriOf(join(root, 'src/app.ts')));
    assert.equal(item.range.start.line, 6);
    assert.equal(item.route, 'GET /api/admin/users');
    assert.ok(client.notifications.some((n) => n.method === 'readiness/scorecardChanged'), 'sent after the first analysis');
    const before = client.notifications.filter((n) => n.method === 'readiness/scorecardChanged').length;
    const config = join(root, 'readiness.config.json');
    writeFileSync(config, JSON.stringify({ helpers: { auth: ['requireAuth'] }, rules: { 'auth-missing': 'off' } }));
    await client.watched([{ path: config, type: 2 }]);
    await client.quiescent();
    assert.equal(client.notifications.filter((n) => n.method === 'readiness/scorecardChanged').length, before + 1);
    const after = (await client.connection.sendRequest('readiness/scorecard', {})) as ScorecardResult;
    assert.equal(after.checks.find((c) => c.id === 'auth')!.status, 'unknown', 'the only auth rule is off');
    assert.ok(after.modelVersion > card.modelVersion);
  });
});

test('readiness/routes returns the routes array of the JSON report with uris', async () => {
  await withServer(async (client, root) => {
    const routes = (await client.connection.sendRequest('readiness/routes', {})) as RouteInfo[];
    const tickets = routes.find((r) => r.path === '/api/tickets/:id')!;
    assert.deepEqual(
      { method: tickets.method, file: tickets.file, line: tickets.line, framework: tickets.framework, auth: tickets.protections.auth },
      { method: 'GET', file: 'src/tickets.ts', line: 5, framework: 'express', auth: 'requireAuth' },
    );
    assert.equal(tickets.uri, uriOf(join(root, 'src/tickets.ts')));
    assert.ok(Array.isArray(tickets.tags));
    assert.deepEqual(Object.keys(tickets.protections).sort(), ['auth', 'rateLimit', 'roles', 'validation']);
  });
});

test('readiness/rescan re-reads files changed on disk without any watcher event', async () => {
  await withServer(async (client, root) => {
    const tickets = join(root, 'src/tickets.ts');
    writeFileSync(tickets, "import { Router } from 'express';\nexport const tickets = Router();\n");
    assert.deepEqual(await client.connection.sendRequest('readiness/rescan', {}), { folders: 1 });
    const routes = (await client.connection.sendRequest('readiness/routes', {})) as RouteInfo[];
    assert.equal(routes.find((r) => r.path === '/api/tickets/:id'), undefined);
  });
});

test('a request waiting for pending analysis is cancellable', async () => {
  const root = expressWorkspace();
  // A long typing debounce keeps an edit pending, so the scorecard request has to wait for it.
  const client = await LspClient.start({ folders: [root], settings: { analysis: { debounceMs: 5000 } } });
  try {
    await client.quiescent();
    const app = join(root, 'src/app.ts');
    const text = readFileSync(app, 'utf8');
    await client.open(app, text);
    await client.quiescent();
    await client.change(app, text + '// typing\n');
    const source = new CancellationTokenSource();
    const pending = client.connection.sendRequest('readiness/scorecard', {}, source.token);
    source.cancel();
    await assert.rejects(pending, (e: { code?: number }) => e.code === -32800);
  } finally {
    await client.stop();
    rmSync(root, { recursive: true, force: true });
  }
});

test('readiness/scorecard, routes and rescan answer when the client leaves the params out (Neovim sends none)', async () => {
  await withServer(async (client, root) => {
    const card = (await client.connection.sendRequest('readiness/scorecard')) as ScorecardResult;
    assert.equal(card.folder, uriOf(root));
    const routes = (await client.connection.sendRequest('readiness/routes')) as RouteInfo[];
    assert.ok(routes.some((r) => r.path === '/api/tickets/:id'));
    const rescanned = (await client.connection.sendRequest('readiness/rescan')) as { folders: number };
    assert.equal(rescanned.folders, 1);
    const named = (await client.connection.sendRequest('readiness/scorecard', { folder: uriOf(root) })) as ScorecardResult;
    assert.equal(named.folder, uriOf(root));
  });
});
