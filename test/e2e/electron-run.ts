/**
 * Runs the extension-host suite in desktop VS Code through @vscode/test-electron, for machines that can download
 * VS Code (this one cannot: see /work/shared/notes/real-vscode.md; test/e2e/host.test.ts runs the same suite in
 * code-server instead). Usage: `npm run build && npx tsx test/e2e/electron-run.ts`.
 */
import { runTests } from '@vscode/test-electron';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { copyExample } from './harness/install';
import { bundleSuite } from './harness/suite-bundle';

async function main(): Promise<number> {
  const root = new URL('../..', import.meta.url).pathname;
  const run = mkdtempSync(join(tmpdir(), 'readiness-electron-'));
  try {
    const workspace = copyExample('support-bot', join(run, 'support-bot'));
    return await runTests({
      extensionDevelopmentPath: root,
      extensionTestsPath: bundleSuite(run),
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--user-data-dir', join(run, 'ud')],
    });
  } finally {
    rmSync(run, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(`electron run failed: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  },
);
