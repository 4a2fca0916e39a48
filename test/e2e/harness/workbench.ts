/**
 * Drives the VS Code web workbench in Chromium through playwright-core (loaded from the harness cache), with the
 * DOM hooks that work in VS Code 1.139 (see /work/shared/notes/real-vscode.md). No name lookup leaves the machine.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Browser, BrowserContext, FrameLocator, Page } from './playwright-types';

export const TIMEOUT = 120_000;

/**
 * Launches Chromium on a fresh profile and opens `url`. `onExit` receives window.codeAutomationExit's code (the
 * workbench calls it when an extension-host test run ends); it is exposed before the page loads.
 */
export async function openPage(playwrightDir: string, run: string, url: string, onExit?: (code: number) => void): Promise<{ context: BrowserContext; page: Page }> {
  const { chromium } = createRequire(import.meta.url)(playwrightDir) as { chromium: { launchPersistentContext(dir: string, o: object): Promise<BrowserContext> } };
  const context = await chromium.launchPersistentContext(join(run, 'chromium'), {
    executablePath: '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1400, height: 900 },
    env: { ...process.env, XDG_CONFIG_HOME: join(run, 'chromium-xdg') },
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost',
    ],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(TIMEOUT);
  if (onExit) await page.exposeFunction('codeAutomationExit', (code: number) => onExit(code));
  await page.goto(url);
  return { context, page };
}

/** Opens the workbench on `folder` and waits until it is usable (status bar and explorer rendered). */
export async function openWorkbench(playwrightDir: string, run: string, port: number, folder: string): Promise<{ context: BrowserContext; page: Page }> {
  const opened = await openPage(playwrightDir, run, `http://127.0.0.1:${port}/?folder=${encodeURIComponent(folder)}`);
  await opened.page.locator('.monaco-workbench').waitFor();
  await opened.page.locator('.part.statusbar').waitFor();
  await opened.page.locator('.explorer-folders-view .monaco-list-row').first().waitFor();
  return opened;
}

/** Runs a command palette entry by its title (clicking the row is safer than Enter). */
export async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(`>${title}`);
  await page.locator('.quick-input-widget .monaco-list-row', { hasText: title }).first().click();
}

/** The scorecard webview's document (two iframes deep; code-server serves webviews from the same origin). */
export function scorecardFrame(page: Page): FrameLocator {
  return page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
}

export type { Browser, BrowserContext, Page };
