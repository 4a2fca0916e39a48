/**
 * Any LSP editor can use the server: headless Neovim starts `readiness lsp --stdio` with its built-in client and
 * shows our diagnostics. Skipped (with the reason) only when `nvim` is not installed: `apt-get install -y neovim`.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { REPO } from './client';
import { expressWorkspace } from './fixture';

const hasNvim = spawnSync('nvim', ['--version'], { stdio: 'ignore' }).status === 0;

test('headless Neovim shows Launch Readiness diagnostics', { skip: hasNvim ? false : 'nvim is not installed (apt-get install -y neovim)' }, () => {
  const root = expressWorkspace();
  const out = join(root, 'nvim-diagnostics.json');
  try {
    const run = spawnSync('nvim', ['--headless', '--clean', '-u', join(REPO, 'test/lsp/nvim/smoke.lua')], {
      env: { ...process.env, READINESS_ROOT: root, READINESS_CLI: join(REPO, 'dist/cli.js'), READINESS_NODE: process.execPath, READINESS_OUT: out },
      timeout: 90_000,
      encoding: 'utf8',
    });
    assert.equal(run.status, 0, `nvim failed: ${run.stderr}`);
    const result = JSON.parse(readFileSync(out, 'utf8')) as { ok: boolean; diagnostics: { line: number; source: string; code: string }[] };
    assert.equal(result.ok, true, 'diagnostics arrived');
    const auth = result.diagnostics.find((d) => d.code === 'auth-missing');
    assert.ok(auth, JSON.stringify(result.diagnostics));
    assert.equal(auth.source, 'launch-readiness');
    assert.equal(auth.line, 6);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
