/**
 * Drives the VS Code web workbench in Chromium through playwright-core (loaded from the harness cache), with the
 * DOM hooks that work in VS Code 1.139 (see /work/shared/notes/real-vscode.md). No name lookup leaves the machine.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Browser, BrowserContext, FrameLocator, Page } from './playwright-types';

export const TIMEOUT = 120_000;

export async function openWorkbench(playwrightDir: string, run: string, port: number, folder: string): Promise<{ context: BrowserContext; page: Page }> {
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
  await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(folder)}`);
  await page.locator('.monaco-workbench').waitFor();
  await page.locator('.part.statusbar').waitFor();
  await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor();
  return { context, page };
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
