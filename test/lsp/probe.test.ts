/**
 * `readiness/probe` over a real stdio connection, against a real HTTP server on 127.0.0.1: the report, `$/progress`
 * on the request's workDoneToken, the probe joined into the scorecard, and cancellation.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { rmSync } from 'node:fs';
import { CancellationTokenSource } from 'vscode-languageserver-protocol/node';
import type { ProbeReport, ScorecardResult } from '../../server/src/protocol';
import { LspClient } from './client';
import { expressWorkspace } from './fixture';

async function withServer(fn: (client: LspClient) => Promise<void>): Promise<void> {
  const root = expressWorkspace();
  const client = await LspClient.start({ folders: [root] });
  try {
    await client.quiescent();
    await fn(client);
  } finally {
    await client.stop();
    rmSync(root, { recursive: true, force: true });
  }
}

function listen(handler: Parameters<typeof createServer>[1]): Promise<{ server: Server; url: string }> {
  const server = createServer(handler);
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as { port: number }).port}/` })));
}

test('readiness/probe probes a real local server, reports $/progress and joins the scorecard', async () => {
  const { server, url } = await listen((req, res) => {
    res.writeHead(req.url === '/health' ? 200 : 404, { 'content-type': 'application/json' });
    res.end('{}');
  });
  try {
    await withServer(async (client) => {
      const report = (await client.connection.sendRequest('readiness/probe', { url, budget: 40, timeoutMs: 2000, workDoneToken: 'probe-1' })) as ProbeReport;
      assert.equal(report.reportVersion, 1);
      assert.ok(report.requests > 0 && report.requests <= 40, 'stays within the budget');
      assert.ok(report.checks.some((c) => c.id === 'health'));
      const mine = client.progress.filter((p) => (p as { token: unknown }).token === 'probe-1').map((p) => (p as { value: { kind: string } }).value.kind);
      assert.equal(mine[0], 'begin');
      assert.equal(mine[mine.length - 1], 'end');
      await client.quiescent();
      const card = (await client.connection.sendRequest('readiness/scorecard', {})) as ScorecardResult;
      assert.ok(card.checks.some((c) => c.source !== 'static'), 'probe checks joined into the scorecard');
    });
  } finally {
    server.close();
  }
});

test('readiness/probe is cancellable', async () => {
  let sawRequest: () => void = () => {};
  const requested = new Promise<void>((resolve) => (sawRequest = resolve));
  // A target that never answers: only cancellation can end the probe quickly.
  const { server, url } = await listen(() => sawRequest());
  try {
    await withServer(async (client) => {
      const source = new CancellationTokenSource();
      const pending = client.connection.sendRequest('readiness/probe', { url, budget: 20, timeoutMs: 60_000 }, source.token);
      await requested;
      source.cancel();
      await assert.rejects(pending, (e: { code?: number }) => e.code === -32800);
    });
  } finally {
    server.closeAllConnections();
    server.close();
  }
});
