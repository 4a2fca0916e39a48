/**
 * Bundles the extension-host suite (test/e2e/suite/index.ts) into one CommonJS file with `vscode` external, so
 * either runner can hand VS Code a plain `extensionTestsPath`.
 */
import { buildSync } from 'esbuild';
import { join } from 'node:path';

export function bundleSuite(outDir: string): string {
  const root = new URL('../../..', import.meta.url).pathname;
  const outfile = join(outDir, 'suite.js');
  buildSync({ entryPoints: [join(root, 'test/e2e/suite/index.ts')], outfile, bundle: true, platform: 'node', format: 'cjs', target: 'node20', external: ['vscode'], logLevel: 'warning' });
  return outfile;
}
