/**
 * Every quick fix on the example workspace and every framework fixture workspace (test/fixtures/*), through the real server: take a diagnostic
 * that has a fix, apply the fix's WorkspaceEdit to disk as an editor would, tell the server through the file
 * watcher, and check that every touched file parses, the finding is gone, and the old diagnostic offers nothing any
 * more (the same fix cannot be applied twice). Fixtures and findings come from other work in progress, so the test
 * asserts on whatever fixes exist, never on totals.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import type { CodeAction, Diagnostic, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { applyWorkspaceEditToDisk, LspClient, REPO } from './client';

const FIXTURES = join(REPO, 'test/fixtures');
const MAX_FIXES_PER_WORKSPACE = 12;

function parseErrors(path: string, text: string): string[] {
  if (!/\.[cm]?[jt]sx?$/.test(path)) return [];
  const kind = /x$/.test(extname(path)) ? ts.ScriptKind.TSX : /\.[cm]?js$/.test(path) ? ts.ScriptKind.JS : ts.ScriptKind.TS;
  const sf = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, kind);
  return (sf as unknown as { parseDiagnostics: ts.Diagnostic[] }).parseDiagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

function touchedPaths(edit: WorkspaceEdit): string[] {
  const uris = [
    ...(edit.documentChanges ?? []).map((c) => ('kind' in c ? (c as { uri: string }).uri : c.textDocument.uri)),
    ...Object.keys(edit.changes ?? {}),
  ];
  return [...new Set(uris)].map((u) => fileURLToPath(u));
}

/** The first diagnostic (not yet tried) whose code actions include a real fix, with that fix. */
async function nextFix(client: LspClient, tried: Set<string>): Promise<{ path: string; d: Diagnostic; fix: CodeAction } | undefined> {
  for (const [uri, diagnostics] of client.diagnostics) {
    const path = fileURLToPath(uri);
    for (const d of diagnostics) {
      const fp = (d.data as { fingerprint?: string } | undefined)?.fingerprint;
      if (!fp || tried.has(fp)) continue;
      tried.add(fp);
      const fix = (await client.codeActions(path, [d])).find((a) => a.kind === 'quickfix' && !/^Suppress /.test(a.title));
      if (fix) return { path, d, fix };
    }
  }
  return undefined;
}

/**
 * Known fix bugs found by this test, reported to the rule owners: the test still runs and prints them (node's `todo`),
 * without failing the suite. Remove an entry when its bug is fixed.
 */
const KNOWN: Record<string, string> = {};

const workspaces = [
  ...(existsSync(FIXTURES) ? readdirSync(FIXTURES).map((n) => [n, join(FIXTURES, n)]) : []),
  ['support-bot', join(REPO, 'examples/support-bot')],
].filter(([, dir]) => existsSync(join(dir, 'package.json')));

for (const [name, dir] of workspaces) {
  test(`quick fixes on ${name}: each applies, parses, clears its finding and cannot be applied twice`, { todo: KNOWN[name] }, async (t) => {
    const root = mkdtempSync(join(tmpdir(), `readiness-lsp-fix-${name}-`));
    cpSync(dir, root, { recursive: true });
    const client = await LspClient.start({ folders: [root] });
    try {
      await client.quiescent();
      const tried = new Set<string>();
      let applied = 0;
      for (let i = 0; i < MAX_FIXES_PER_WORKSPACE; i++) {
        const next = await nextFix(client, tried);
        if (!next) break;
        const { d, fix, path } = next;
        const fingerprint = (d.data as { fingerprint: string }).fingerprint;
        const existed = new Set(touchedPaths(fix.edit!).filter((p) => existsSync(p)));
        const written = applyWorkspaceEditToDisk(fix.edit!);
        for (const [p, text] of written) assert.deepEqual(parseErrors(p, text), [], `${d.code} "${fix.title}": ${p} parses`);
        await client.watched([...written.keys()].map((p) => ({ path: p, type: existed.has(p) ? 2 : 1 })));
        await client.quiescent();
        const still = [...client.diagnostics.values()].flat().filter((x) => (x.data as { fingerprint?: string } | undefined)?.fingerprint === fingerprint);
        assert.deepEqual(still.map((x) => x.message), [], `${d.code} "${fix.title}" clears its finding`);
        const again = (await client.codeActions(path, [d])).filter((a) => a.kind === 'quickfix');
        assert.deepEqual(again.map((a) => a.title), [], 'the applied diagnostic is stale: nothing to apply twice');
        assert.ok(readFileSync(path, 'utf8').length > 0);
        applied++;
      }
      t.diagnostic(`${applied} fixes applied`);
    } finally {
      await client.stop();
      rmSync(root, { recursive: true, force: true });
    }
  });
}
