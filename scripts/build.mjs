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

/**
 * TypeScript is 10 MB of JavaScript that takes ~0.8 s to load, and a warm scan (everything cached) or a small edit
 * never parses. So the bundles reference ts-morph through a stand-in whose `ts` export becomes the real module on
 * first use: a live ESM binding that is reassigned, so after that first access there is no indirection at all.
 * The real ts-morph is bundled once, as dist/ts-morph.js.
 */
const lazyTsMorph = {
  name: 'lazy-ts-morph',
  setup(b) {
    b.onResolve({ filter: /^ts-morph$/ }, () => ({ path: 'ts-morph', namespace: 'lazy-ts-morph' }));
    b.onLoad({ filter: /.*/, namespace: 'lazy-ts-morph' }, () => ({
      loader: 'js',
      contents: `
        import { join } from 'node:path';
        function load() { return require(join(__dirname, 'ts-morph.js')); }
        export let ts = new Proxy({}, { get(_, key) { ts = load().ts; return ts[key]; } });
        export let Project = function (...args) { const real = load().Project; Project = real; return new real(...args); };
      `,
    }));
  },
};

const entries = [
  { entryPoints: ['scripts/ts-morph-entry.cjs'], outfile: 'dist/ts-morph.js', eager: true },
  { entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  { entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js' },
  { entryPoints: ['server/src/lib.ts'], outfile: 'dist/lib.js' },
  { entryPoints: ['server/src/model/parse-worker.ts'], outfile: 'dist/parse-worker.js' },
  { entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] },
];

await Promise.all(
  entries
    .filter((e) => existsSync(e.entryPoints[0]))
    .map(({ eager, ...e }) =>
      build({ ...common, ...e, external: [...common.external, ...(e.external ?? [])], plugins: eager ? [] : [lazyTsMorph] }),
    ),
);

// The JSON Schema of readiness.config.json, generated from the zod schema (the single source of truth) and
// contributed to VS Code through `jsonValidation`.
if (existsSync('dist/lib.js')) {
  const { createRequire } = await import('node:module');
  const { writeFileSync } = await import('node:fs');
  const lib = createRequire(import.meta.url)('../dist/lib.js');
  writeFileSync('dist/readiness.config.schema.json', JSON.stringify(lib.configJsonSchema(), null, 2) + '\n');
}
