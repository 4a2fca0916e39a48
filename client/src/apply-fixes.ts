/**
 * Middleware for the server's `readiness.applyFixes` command: in an untrusted workspace it refuses (the extension
 * only reads there); invoked from the palette without arguments, it first asks which rule's safe fixes to apply.
 * The server then sends one confirmed WorkspaceEdit, which VS Code shows as a refactor preview.
 */
import * as vscode from 'vscode';
import { APPLY_FIXES_COMMAND, type ApplyFixesResult } from '../../server/src/protocol';

const ALL = 'All rules';

type Next = (command: string, args: unknown[]) => unknown;

async function pickRule(): Promise<string | undefined | null> {
  const rules = new Set<string>();
  for (const [, diagnostics] of vscode.languages.getDiagnostics()) {
    for (const d of diagnostics) if (d.source === 'launch-readiness' && d.code !== undefined) rules.add(String(typeof d.code === 'object' ? d.code.value : d.code));
  }
  const pick = await vscode.window.showQuickPick([ALL, ...[...rules].sort()], { placeHolder: 'Apply every safe fix of which rule?' });
  if (pick === undefined) return null;
  return pick === ALL ? undefined : pick;
}

export async function applyFixesMiddleware(command: string, args: unknown[], next: Next): Promise<unknown> {
  if (command !== APPLY_FIXES_COMMAND) return next(command, args);
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showWarningMessage('Launch Readiness only reads an untrusted workspace; trust it to apply fixes.');
    return undefined;
  }
  let rest = args;
  if (!args.length) {
    const rule = await pickRule();
    if (rule === null) return undefined;
    rest = rule ? [rule] : [];
  }
  const result = (await next(command, rest)) as ApplyFixesResult | undefined;
  if (result && !result.applied) void vscode.window.showInformationMessage(`Launch Readiness: no fixes applied${result.reason ? ` (${result.reason})` : ''}.`);
  return result;
}
