/**
 * Code actions over a real stdio connection: quick fixes rebuilt from diagnostic data (and nothing for a stale
 * diagnostic), the edit applied to the text in the test, the result parsing, the finding gone after didChange, the fix
 * idempotent; "Suppress with a reason"; source.fixAll.readiness; readiness.applyFixes with confirmation annotations.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol';
import { applyWorkspaceEdit, LspClient, readIfExists, uriOf } from './client';
import { expressWorkspace } from './fixture';

const CHANGED = 2 as const;
const CREATED = 1 as const;

function parseErrors(path: string, text: string): string[] {
  const sf = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const diags = (sf as unknown as { parseDiagnostics: ts.Diagnostic[] }).parseDiagnostics;
  return diags.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

async function setup(): Promise<{ client: LspClient; root: string; app: string; done: () => Promise<void> }> {
  const root = expressWorkspace();
  const client = await LspClient.start({ folders: [root] });
  await client.quiescent();
  const app = join(root, 'src/app.ts');
  await client.open(app);
  await client.quiescent();
  return {
    client,
    root,
    app,
    done: async () => {
      await client.stop();
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/** Apply an action's edit to the in-memory texts (open buffer first, then disk) and return the new texts. */
function applyAction(action: CodeAction, buffers: Map<string, string>): Map<string, string> {
  assert.ok(action.edit, `action "${action.title}" carries its WorkspaceEdit`);
  return applyWorkspaceEdit(action.edit, (p) => buffers.get(p) ?? readIfExists(p));
}

test('"Add auth guard" applies, parses, clears the finding, and is not offered again', async () => {
  const { client, app, done } = await setup();
  try {
    const [d] = client.diagnosticsOf(app, 'auth-missing');
    assert.ok(d);
    const actions = await client.codeActions(app, [d]);
    const fix = actions.find((a) => a.kind === 'quickfix' && /auth guard/i.test(a.title));
    assert.ok(fix, `an auth guard fix among: ${actions.map((a) => a.title).join(', ')}`);
    const texts = applyAction(fix, new Map([[app, readFileSync(app, 'utf8')]]));
    const after = texts.get(app)!;
    assert.deepEqual(parseErrors(app, after), [], 'the fixed file still parses');
    assert.match(after, /app\.get\('\/api\/admin\/users', requireAuth,/);
    await client.change(app, after);
    await client.quiescent();
    assert.deepEqual(client.diagnosticsOf(app, 'auth-missing'), [], 'the finding is gone');
    assert.deepEqual(await client.codeActions(app, [d]), [], 'the old diagnostic is stale: no actions');
    const again = await client.codeActions(app, client.diagnosticsOf(app), ['source.fixAll.readiness']);
    const rerun = again[0] ? (applyAction(again[0], new Map([[app, after]])).get(app) ?? after) : after;
    assert.doesNotMatch(rerun, /requireAuth,\s*requireAuth/, 'applying fixes again adds no second guard');
  } finally {
    await done();
  }
});

test('"Suppress with a reason" inserts an indented comment above the line and the finding goes away', async () => {
  const { client, app, done } = await setup();
  try {
    const text = readFileSync(app, 'utf8');
    const indented = text.replace("app.get('/api/admin/users'", "if (process.env.ADMIN) {\n  app.get('/api/admin/users'").replace('app.listen(3000);', '}\napp.listen(3000);');
    await client.change(app, indented);
    await client.quiescent();
    const [d] = client.diagnosticsOf(app, 'auth-missing');
    assert.ok(d);
    const actions = await client.codeActions(app, [d]);
    const suppress = actions.find((a) => /^Suppress auth-missing/.test(a.title));
    assert.ok(suppress);
    const after = applyAction(suppress, new Map([[app, indented]])).get(app)!;
    const lines = after.split('\n');
    assert.match(lines[d.range.start.line], /^  \/\/ readiness-ignore-next-line auth-missing -- \S/);
    assert.match(lines[d.range.start.line + 1], /^  app\.get\('\/api\/admin\/users'/);
    assert.deepEqual(parseErrors(app, after), []);
    await client.change(app, after);
    await client.quiescent();
    assert.deepEqual(client.diagnosticsOf(app, 'auth-missing'), []);
    // A second rule on the same line joins the existing comment instead of pushing it away from its line.
    const other = client.diagnosticsOf(app).find((x) => x.range.start.line === d.range.start.line + 1 && x.code !== 'auth-missing');
    assert.ok(other, 'ratelimit-missing reports the same admin route');
    const second = (await client.codeActions(app, [other])).find((a) => /^Suppress/.test(a.title))!;
    const joined = applyAction(second, new Map([[app, after]])).get(app)!;
    assert.match(joined.split('\n')[d.range.start.line], new RegExp(`readiness-ignore-next-line auth-missing, ${other.code} -- `));
  } finally {
    await done();
  }
});

test('source.fixAll.readiness applies every safe fix of the document at once', async () => {
  const { client, app, done } = await setup();
  try {
    const before = readFileSync(app, 'utf8');
    const actions = await client.codeActions(app, client.diagnosticsOf(app), ['source.fixAll.readiness']);
    const fixAll = actions.find((a) => a.kind === 'source.fixAll.readiness');
    assert.ok(fixAll, 'a fix-all action');
    const texts = applyAction(fixAll, new Map([[app, before]]));
    for (const [path, text] of texts) assert.deepEqual(parseErrors(path, text), [], `${path} parses`);
    assert.notEqual(texts.get(app), before);
  } finally {
    await done();
  }
});

test('readiness.applyFixes sends ONE edit with confirmation annotations; after it, the rule is quiet', async () => {
  const { client, root, app, done } = await setup();
  try {
    await client.close(app);
    await client.quiescent();
    const result = (await client.connection.sendRequest('workspace/executeCommand', {
      command: 'readiness.applyFixes',
      arguments: ['auth-missing'],
    })) as { applied: boolean; fixes: number; files: number };
    assert.equal(result.applied, true);
    assert.ok(result.fixes >= 1);
    assert.equal(client.appliedEdits.length, 1, 'one workspace/applyEdit');
    const { edit } = client.appliedEdits[0];
    const annotations = Object.values(edit.changeAnnotations ?? {});
    assert.ok(annotations.length && annotations.every((a) => a.needsConfirmation === true));
    for (const change of edit.documentChanges ?? []) {
      if ('edits' in change) for (const e of change.edits) assert.ok('annotationId' in e, 'every edit is annotated');
    }
    // The test client wrote the edit to disk; tell the server like an editor's file watcher would.
    const touched = (edit.documentChanges ?? []).map((c) => ('kind' in c ? (c as { uri: string }).uri : c.textDocument.uri));
    const events = [...new Set(touched)].map((uri) => ({ path: new URL(uri).pathname, type: CHANGED as 1 | 2 | 3 }));
    await client.watched(events.map((e) => (existsSync(e.path) ? e : { ...e, type: CREATED })));
    await client.quiescent();
    for (const uri of touched) {
      const path = new URL(uri).pathname;
      assert.deepEqual(parseErrors(path, readFileSync(path, 'utf8')), [], `${path} parses`);
    }
    assert.deepEqual(client.diagnosticsOf(app, 'auth-missing'), []);
    const second = (await client.connection.sendRequest('workspace/executeCommand', {
      command: 'readiness.applyFixes',
      arguments: ['auth-missing'],
    })) as { applied: boolean; fixes: number };
    assert.deepEqual([second.applied, second.fixes], [false, 0], 'idempotent: nothing left to fix');
    assert.ok(existsSync(join(root, 'src/app.ts')));
  } finally {
    await done();
  }
});

test('a fix that creates a module uses CreateFile; clients without documentChanges get only fixes they can apply', async () => {
  const { client, root, app, done } = await setup();
  try {
    const [d] = client.diagnosticsOf(app, 'ratelimit-missing');
    assert.ok(d, 'ratelimit-missing on the admin route');
    const creating = (await client.codeActions(app, [d])).find((a) => a.edit?.documentChanges?.some((c) => 'kind' in c && c.kind === 'create'));
    assert.ok(creating, 'the project has no limiter: the fix creates one module');
    const texts = applyAction(creating, new Map());
    assert.ok(texts.size >= 2, 'the new module and the route file');
    for (const [path, text] of texts) assert.deepEqual(parseErrors(path, text), [], `${path} parses`);
    const plain = await LspClient.start({ folders: [root], capabilities: { workspace: { configuration: true } } });
    try {
      await plain.quiescent();
      const [pd] = plain.diagnosticsOf(app, 'ratelimit-missing');
      const titles = (await plain.codeActions(app, [pd])).map((a) => a.title);
      assert.deepEqual(titles.filter((t) => /rate limit/i.test(t) && !/^Suppress/.test(t)), [], 'no CreateFile for this client');
      const [ad] = plain.diagnosticsOf(app, 'auth-missing');
      const authFix = (await plain.codeActions(app, [ad])).find((a) => /auth guard/i.test(a.title));
      assert.ok(authFix?.edit?.changes?.[uriOf(app)], 'plain `changes` edits instead of documentChanges');
    } finally {
      await plain.stop();
    }
  } finally {
    await done();
  }
});
