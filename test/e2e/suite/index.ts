/**
 * Extension-host tests, run inside a real VS Code by either runner: code-server through the workbench's test
 * payload (test/e2e/host.test.ts) or desktop VS Code through @vscode/test-electron (test/e2e/electron-run.ts).
 * Bundled with esbuild (`vscode` external) before a run. `run()` rejects on the first failed check.
 * The workspace is a throwaway copy of examples/support-bot.
 */
import assert from 'node:assert/strict';
import { writeSync } from 'node:fs';
import * as vscode from 'vscode';

const EXTENSION_ID = 'launch-readiness.launch-readiness';
const TIMEOUT = 120_000;

/** console.* from the extension host goes nowhere useful under code-server; fd 1 reaches its stdout. */
const log = (text: string) => writeSync(1, `[readiness-e2e] ${text}\n`);

function readinessDiagnostics(): [vscode.Uri, vscode.Diagnostic[]][] {
  return vscode.languages
    .getDiagnostics()
    .map(([uri, ds]) => [uri, ds.filter((d) => d.source === 'launch-readiness')] as [vscode.Uri, vscode.Diagnostic[]])
    .filter(([, ds]) => ds.length > 0);
}

/** Resolves when `check` holds, re-checking on every diagnostics change (no polling sleep). */
function whenDiagnostics(check: () => boolean, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    if (check()) return resolve();
    const timer = setTimeout(() => (sub.dispose(), reject(new Error(`timed out waiting for ${what}`))), TIMEOUT);
    const sub = vscode.languages.onDidChangeDiagnostics(() => {
      if (!check()) return;
      clearTimeout(timer);
      sub.dispose();
      resolve();
    });
  });
}

const code = (d: vscode.Diagnostic) => String(typeof d.code === 'object' ? d.code.value : d.code);
const rules = () => new Set(readinessDiagnostics().flatMap(([, ds]) => ds.map(code)));

async function activates(): Promise<void> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext, `${EXTENSION_ID} is not installed`);
  await ext.activate();
  assert.ok(ext.isActive);
  const commands = await vscode.commands.getCommands(true);
  for (const c of ['readiness.rescanWorkspace', 'readiness.openScorecard', 'readiness.exportReport', 'readiness.createBaseline', 'readiness.applyFixes']) {
    assert.ok(commands.includes(c), `command ${c} is not registered`);
  }
}

async function publishesDiagnostics(): Promise<void> {
  const expected = ['authz-missing', 'ratelimit-missing', 'cors-permissive', 'secret-hardcoded', 'webhook-unverified'];
  await whenDiagnostics(() => expected.every((r) => rules().has(r)), `diagnostics for ${expected.join(', ')}`);
  const [, ds] = readinessDiagnostics()[0];
  const first = ds[0].code;
  assert.ok(typeof first === 'object' && first.target, 'diagnostics link to the rule docs (code.target)');
}

async function quickFixApplies(): Promise<void> {
  const entry = readinessDiagnostics().find(([, ds]) => ds.some((d) => code(d) === 'cors-permissive'));
  assert.ok(entry, 'no cors-permissive diagnostic');
  const [uri, ds] = entry;
  const diagnostic = ds.find((d) => code(d) === 'cors-permissive')!;
  const doc = await vscode.workspace.openTextDocument(uri);
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
  const fix = actions.find((a) => a.edit && /CORS_ORIGINS/.test(a.title));
  assert.ok(fix?.edit, `no CORS fix among: ${actions.map((a) => a.title).join(' | ')}`);
  assert.ok(await vscode.workspace.applyEdit(fix.edit));
  assert.match(doc.getText(), /CORS_ORIGINS/);
  await doc.save();
  await whenDiagnostics(() => !rules().has('cors-permissive'), 'the cors-permissive diagnostic to go away');
}

async function opensScorecard(): Promise<void> {
  await vscode.commands.executeCommand('readiness.openScorecard');
}

export async function run(): Promise<void> {
  for (const [name, step] of [['activates', activates], ['publishes diagnostics', publishesDiagnostics], ['quick fix applies', quickFixApplies], ['opens the scorecard', opensScorecard]] as const) {
    log(`start: ${name}`);
    await step();
    log(`pass: ${name}`);
  }
}
