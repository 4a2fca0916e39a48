/**
 * End to end in a REAL VS Code (code-server 4.139.1 = VS Code 1.139.1, headless Chromium via playwright-core):
 * the extension activates on examples/support-bot, its findings reach the Problems panel, the scorecard view renders
 * its verdict, rows and routes (screenshot: test/.artifacts/scorecard.png), a finding opens from the scorecard, and
 * a quick fix applies, saves, and makes its diagnostic go away. The harness installs what is missing (cached in
 * ~/.cache/readiness-e2e) and this file FAILS, never skips, when it cannot run. host-suite.ts adds the
 * extension-host suite (the vscode API view of the same checks).
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ensureHarness, startCodeServer, type RunningServer } from './harness/code-server';
// Registers the extension-host suite in this file, so the two real-VS-Code runs go one at a time.
import './host-suite';
import { findProcesses, killRun } from './harness/processes';
import { copyExample, installUnpacked } from './harness/install';
import { openWorkbench, runCommand, scorecardFrame, TIMEOUT, type BrowserContext, type Page } from './harness/workbench';

const root = new URL('../..', import.meta.url).pathname;
const artifacts = join(root, 'test/.artifacts');
const run = mkdtempSync(join(tmpdir(), 'readiness-e2e-'));
const workspace = join(run, 'support-bot');
let server: RunningServer | undefined;
let context: BrowserContext | undefined;
let page: Page;
const foreignRequests: string[] = [];

/** Types into the Problems panel's filter box (the list is virtualised: rows outside the viewport do not exist). */
async function filterProblems(text: string): Promise<void> {
  await runCommand(page, 'View: Focus Problems');
  await page.locator('.markers-panel').waitFor();
  await page.locator('.pane-header .viewpane-filter input, .viewpane-filter-container input').first().fill(text);
}

function problemRow(rule: string) {
  return {
    waitFor: async (o?: { state: 'detached' }) => {
      await filterProblems(rule);
      await page.locator('.markers-panel .monaco-list-row', { hasText: rule }).first().waitFor(o);
    },
  };
}

/** Waits (polling, no fixed sleep) until `check` holds; fails after TIMEOUT naming what it waited for. */
async function until(check: () => boolean, what: string): Promise<void> {
  const end = Date.now() + TIMEOUT;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('extension in a real VS Code', { timeout: 12 * 60_000 }, () => {
  before(async () => {
    mkdirSync(artifacts, { recursive: true });
    const harness = ensureHarness();
    installUnpacked(join(run, 'ext'));
    copyExample('support-bot', workspace);
    server = await startCodeServer(harness, run, workspace);
    ({ context, page } = await openWorkbench(harness.playwright, run, server.port, workspace));
    // Webview resources have vscode-cdn.net URLs that the workbench's service worker answers inside the page;
    // anything else that is not loopback (answered or attempted) is a leak.
    const foreign = (url: string) => /^(https?|wss?):$/.test(new URL(url).protocol) && !['127.0.0.1', 'localhost'].includes(new URL(url).hostname);
    page.on('response', (r) => !r.fromServiceWorker() && foreign(r.url()) && foreignRequests.push(new URL(r.url()).origin));
    page.on('requestfailed', (r) => foreign(r.url()) && foreignRequests.push(new URL(r.url()).origin));
  });

  after(async () => {
    await page?.screenshot({ path: join(artifacts, 'e2e-last.png') }).catch(() => undefined);
    await context?.close().catch(() => undefined);
    server?.stop();
    killRun(undefined, run);
    rmSync(run, { recursive: true, force: true });
  });

  test('activates and reports a quiescent server in the status bar', { timeout: TIMEOUT * 2 }, async () => {
    await page.locator('.part.statusbar', { hasText: /Readiness: \d+/ }).first().waitFor();
  });

  test('lists the findings in the Problems panel', { timeout: TIMEOUT * 2 }, async () => {
    for (const rule of ['authz-missing', 'ratelimit-missing', 'cors-permissive', 'webhook-unverified']) await problemRow(rule).waitFor();
    await filterProblems('');
    await page.screenshot({ path: join(artifacts, 'problems.png') });
  });

  test('renders the scorecard: verdict, one row per checklist item, routes', { timeout: TIMEOUT * 2 }, async () => {
    await runCommand(page, 'Launch Readiness: Open Scorecard');
    const view = scorecardFrame(page);
    await view.locator('#verdict', { hasText: 'Not launch-ready' }).waitFor();
    await view.locator('li.check').nth(11).waitFor();
    const titles = await view.locator('li.check .title').allTextContents();
    for (const t of ['Auth on all APIs', 'Rate limiting', 'Secret handling', 'CORS', 'Webhook verification', 'Handover']) assert.ok(titles.includes(t), `no "${t}" row in ${titles.join(', ')}`);
    assert.match((await view.locator('li.check[data-check="ratelimit"] .count').textContent()) ?? '', /^[1-9]\d*$/);
    await view.locator('#routes tbody tr.route').first().waitFor();
    assert.ok((await view.locator('#routes tbody tr.route').count()) >= 5);
    await page.screenshot({ path: join(artifacts, 'scorecard.png') });
  });

  test('opens a finding from the scorecard and applies its quick fix', { timeout: TIMEOUT * 3 }, async () => {
    const view = scorecardFrame(page);
    await view.locator('li.check[data-check="cors"] button.row').click();
    await view.locator('#findings-cors button.finding').first().click();
    await page.locator('.tabs-container .tab', { hasText: 'server.ts' }).first().waitFor();
    await page.locator('.monaco-editor.focused').first().waitFor();
    await page.keyboard.press('Control+.');
    await page.locator('.action-widget .monaco-list-row', { hasText: 'CORS_ORIGINS' }).first().click();
    await page.locator('.monaco-editor .view-lines', { hasText: 'CORS_ORIGINS' }).first().waitFor();
    await page.keyboard.press('Control+s');
    await until(() => /CORS_ORIGINS/.test(readFileSync(join(workspace, 'src/server.ts'), 'utf8')), 'the fixed file to be saved');
    assert.doesNotMatch(readFileSync(join(workspace, 'src/server.ts'), 'utf8'), /origin: true/);
    await problemRow('error-leak').waitFor();
    await problemRow('cors-permissive').waitFor({ state: 'detached' });
    await filterProblems('');
    await page.screenshot({ path: join(artifacts, 'quick-fix.png') });
  });

  test('exports a JSON report from the scorecard through the CLI reporters', { timeout: TIMEOUT * 2 }, async () => {
    await runCommand(page, 'Launch Readiness: Open Scorecard');
    await scorecardFrame(page).locator('#export').selectOption('json');
    // code-server's save dialog is a quick input prefilled with the default path.
    await page.locator('.quick-input-widget input').waitFor();
    await page.locator('.quick-input-widget .monaco-button', { hasText: /^OK$/ }).click();
    const file = join(workspace, 'readiness-report.json');
    await until(() => existsSync(file) && readFileSync(file, 'utf8').trim().endsWith('}'), 'the exported report');
    const report = JSON.parse(readFileSync(file, 'utf8'));
    assert.equal(report.reportVersion, 1);
    assert.ok(report.findings.some((f: { rule: string }) => f.rule === 'authz-missing'));
  });

  test('runs the live probe from the scorecard against a local server, after confirmation', { timeout: TIMEOUT * 3 }, async () => {
    const target = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}'));
    await new Promise<void>((r) => target.listen(0, '127.0.0.1', r));
    try {
      const view = scorecardFrame(page);
      await view.locator('#probe-url').fill(`http://127.0.0.1:${(target.address() as { port: number }).port}`);
      await view.locator('#probe-run').click();
      await page.locator('.monaco-dialog-box .monaco-button', { hasText: 'Run probe' }).click();
      await view.locator('#probe-result .grade').waitFor({ timeout: TIMEOUT * 2 });
      assert.match((await view.locator('#probe-result .grade').textContent()) ?? '', /^Grade [A-F]/);
      assert.ok((await view.locator('#probe-result li.check').count()) >= 3);
      await page.screenshot({ path: join(artifacts, 'probe.png') });
    } finally {
      target.close();
    }
  });

  test('restarts the language server after a crash and analyses again', { timeout: TIMEOUT * 2 }, async () => {
    const before = findProcesses(run, 'cli.js lsp');
    assert.equal(before.length, 1, `expected one language server, found ${before.length}`);
    process.kill(before[0], 'SIGKILL');
    await until(() => findProcesses(run, 'cli.js lsp').some((pid) => pid !== before[0]), 'a restarted language server');
    await runCommand(page, 'Launch Readiness: Rescan Workspace');
    await page.locator('.part.statusbar', { hasText: /Readiness: \d+/ }).first().waitFor();
    await problemRow('authz-missing').waitFor();
    await filterProblems('');
  });

  test('the page contacted nothing but 127.0.0.1', () => {
    assert.deepEqual([...new Set(foreignRequests)], []);
  });
});
