/**
 * The editor shows what the CLI reports: on the example workspace and every fixture workspace, the language server's
 * diagnostics (rule, file, line, severity) equal the findings of `readiness scan --format json` on the same folder.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LspClient, REPO } from './client';

const SEVERITY = ['', 'error', 'warning', 'info'];

const candidates = [
  join(REPO, 'examples/support-bot'),
  ...(existsSync(join(REPO, 'test/fixtures')) ? readdirSync(join(REPO, 'test/fixtures')).map((n) => join(REPO, 'test/fixtures', n)) : []),
].filter((dir) => existsSync(join(dir, 'package.json')));

function scanFindings(root: string): string[] {
  let out: string;
  try {
    out = execFileSync(process.execPath, [join(REPO, 'dist/cli.js'), 'scan', root, '--format', 'json', '--no-cache'], { encoding: 'utf8', maxBuffer: 1 << 26 });
  } catch (e) {
    out = (e as { stdout: string }).stdout; // exit 1 = findings at or above --fail-on
  }
  const report = JSON.parse(out) as { findings: { rule: string; file: string; line: number; severity: string }[] };
  return report.findings.map((f) => `${f.rule} ${f.file}:${f.line} ${f.severity}`).sort();
}

for (const dir of candidates) {
  test(`LSP diagnostics equal scan findings on ${relative(REPO, dir)}`, async () => {
    // A copy, so that the folder is not inside the repository's git work tree (both sides see the same git state).
    const root = mkdtempSync(join(tmpdir(), 'readiness-lsp-parity-'));
    cpSync(dir, root, { recursive: true });
    const client = await LspClient.start({ folders: [root] });
    try {
      await client.quiescent();
      const fromLsp = [...client.diagnostics.entries()]
        .flatMap(([uri, list]) => list.map((d) => `${d.code} ${relative(root, fileURLToPath(uri))}:${d.range.start.line + 1} ${SEVERITY[d.severity ?? 0]}`))
        .filter((line) => !line.startsWith('config '))
        .sort();
      assert.deepEqual(fromLsp, scanFindings(root));
      if (dir.endsWith('support-bot')) assert.ok(fromLsp.length > 0, 'the example workspace ships real problems');
    } finally {
      await client.stop();
      rmSync(root, { recursive: true, force: true });
    }
  });
}
