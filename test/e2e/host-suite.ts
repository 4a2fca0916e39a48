/**
 * The extension-host suite (test/e2e/suite/index.ts: activation, diagnostics through the vscode API, a quick fix
 * applied and saved, the scorecard command) inside a real VS Code: code-server with the smoke-test driver, which
 * reads extensionDevelopmentPath/extensionTestsPath from the page URL and reports through codeAutomationExit.
 * Fails, never skips, when the harness cannot run. Registered from vscode.test.ts, so that the two real-VS-Code runs
 * happen one after the other, never side by side on a small machine.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { ensureHarness, startCodeServer, type RunningServer } from './harness/code-server';
import { copyExample, installUnpacked } from './harness/install';
import { killRun } from './harness/processes';
import { bundleSuite } from './harness/suite-bundle';
import { openPage, TIMEOUT, type BrowserContext } from './harness/workbench';

describe('extension-host suite in a real VS Code', () => {
  const run = mkdtempSync(join(tmpdir(), 'readiness-host-'));
  let server: RunningServer | undefined;
  let context: BrowserContext | undefined;

  after(async () => {
    await context?.close().catch(() => undefined);
    server?.stop();
    killRun(undefined, run);
    rmSync(run, { recursive: true, force: true });
  });

  test('extension-host suite passes in code-server', { timeout: 10 * 60_000 }, async () => {
    const harness = ensureHarness();
    // The development copy lives outside the extensions folder, so the extension is loaded once, as under development.
    const dev = installUnpacked(join(run, 'dev'));
    const workspace = copyExample('support-bot', join(run, 'support-bot'));
    const suite = bundleSuite(run);
    server = await startCodeServer(harness, run, workspace, ['--vscode-option', 'enable-smoke-test-driver']);
    const remote = (p: string) => `vscode-remote://127.0.0.1:${server!.port}${p}`;
    const payload = JSON.stringify([
      ['extensionDevelopmentPath', remote(dev)],
      ['extensionTestsPath', remote(suite)],
    ]);
    let exit: (code: number) => void = () => undefined;
    const exited = new Promise<number>((resolve) => (exit = resolve));
    ({ context } = await openPage(harness.playwright, run, `http://127.0.0.1:${server.port}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(payload)}`, (code) => exit(code)));
    const timeout = new Promise<number>((_, reject) => setTimeout(() => reject(new Error(`no test result within ${TIMEOUT * 3} ms; see ${run}/code-server.log`)), TIMEOUT * 3).unref());
    const code = await Promise.race([exited, timeout]);
    const steps = readFileSync(join(run, 'code-server.log'), 'utf8').split('\n').filter((l) => l.includes('[readiness-e2e]'));
    assert.equal(code, 0, `the extension-host suite failed after:\n${steps.join('\n')}`);
    assert.ok(steps.some((l) => l.includes('pass: opens the scorecard')), `the suite did not finish:\n${steps.join('\n')}`);
  });
});
