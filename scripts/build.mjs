// Bundles the CLI, the language server, the library entry used by tests and bench, and the VS Code client.
// Type-checking is separate (`npm run typecheck`): esbuild only strips types, which keeps builds under a second.
import { build } from 'esbuild';
import { existsSync, readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
  // ts-morph (and the TypeScript 6.0 compiler inside it) is bundled so that the VSIX and the CLI need no
  // node_modules at run time; esbuild bundles it in about a second.
  external: [],
  minify: process.argv.includes('--minify'),
  define: { __READINESS_VERSION__: JSON.stringify(pkg.version) },
};

const entries = [
  { entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  { entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js' },
  { entryPoints: ['server/src/lib.ts'], outfile: 'dist/lib.js' },
  { entryPoints: ['server/src/model/parse-worker.ts'], outfile: 'dist/parse-worker.js' },
  { entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] },
];

await Promise.all(
  entries
    .filter((e) => existsSync(e.entryPoints[0]))
    .map((e) => build({ ...common, ...e, external: [...common.external, ...(e.external ?? [])] })),
);

// The JSON Schema of readiness.config.json, generated from the zod schema (the single source of truth) and
// contributed to VS Code through `jsonValidation`.
if (existsSync('dist/lib.js')) {
  const { createRequire } = await import('node:module');
  const { writeFileSync } = await import('node:fs');
  const lib = createRequire(import.meta.url)('../dist/lib.js');
  writeFileSync('dist/readiness.config.schema.json', JSON.stringify(lib.configJsonSchema(), null, 2) + '\n');
}
