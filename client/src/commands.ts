/**
 * Command factories: rescan, open the scorecard, export a report (Markdown/HTML/SARIF/JSON through the CLI's
 * reporters), create a baseline and restart the server. `readiness.applyFixes` is the server's own command (the
 * language client registers it); the middleware in language-client.ts asks for the rule first.
 */
import * as vscode from 'vscode';
import { runCli } from './cli';
import type { ReadinessClient } from './language-client';
import { EXPORT_FORMATS, type ExportFormat } from './scorecard/messages';
import type { ScorecardViewProvider } from './scorecard/provider';

const EXTENSIONS: Record<ExportFormat, string> = { markdown: 'md', html: 'html', sarif: 'sarif', json: 'json' };

async function pickFolder(folder?: string): Promise<vscode.WorkspaceFolder | undefined> {
  const all = vscode.workspace.workspaceFolders ?? [];
  const given = all.find((f) => f.uri.toString() === folder);
  if (given || all.length <= 1) return given ?? all[0];
  return vscode.window.showWorkspaceFolderPick({ placeHolder: 'Workspace folder' });
}

async function withCli(extensionUri: vscode.Uri, title: string, args: string[], done: string, file: vscode.Uri): Promise<void> {
  const r = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, (_p, cancel) =>
    runCli(extensionUri, args, cancel),
  );
  if (r.code !== 0) {
    void vscode.window.showErrorMessage(`Launch Readiness: ${title.toLowerCase()} failed: ${r.stderr || `exit code ${r.code}`}`);
    return;
  }
  const open = await vscode.window.showInformationMessage(done, 'Open');
  if (open) await vscode.window.showTextDocument(file);
}

export function exportReportCommand(extensionUri: vscode.Uri) {
  return async (format?: ExportFormat, folderUri?: string): Promise<void> => {
    const folder = await pickFolder(folderUri);
    if (!folder) return;
    const fmt = format && EXPORT_FORMATS.includes(format) ? format : (await vscode.window.showQuickPick([...EXPORT_FORMATS], { placeHolder: 'Report format' })) as ExportFormat | undefined;
    if (!fmt) return;
    const target = await vscode.window.showSaveDialog({
      defaultUri: vscode.Uri.joinPath(folder.uri, `readiness-report.${EXTENSIONS[fmt]}`),
      filters: { [fmt.toUpperCase()]: [EXTENSIONS[fmt]] },
    });
    if (!target) return;
    const args = ['scan', folder.uri.fsPath, '--format', fmt, '--output', target.fsPath, '--fail-on', 'never'];
    await withCli(extensionUri, 'Exporting the readiness report', args, `Launch Readiness: report written to ${vscode.workspace.asRelativePath(target)}`, target);
  };
}

export function createBaselineCommand(extensionUri: vscode.Uri) {
  return async (): Promise<void> => {
    if (!vscode.workspace.isTrusted) return void vscode.window.showWarningMessage('Launch Readiness only reads an untrusted workspace; trust it to create a baseline.');
    const folder = await pickFolder();
    if (!folder) return;
    // No --output: the CLI writes where readiness.config.json's `baseline` says, else readiness.baseline.json.
    const target = vscode.Uri.joinPath(folder.uri, 'readiness.baseline.json');
    const args = ['baseline', folder.uri.fsPath];
    await withCli(extensionUri, 'Creating the baseline', args, 'Launch Readiness: baseline written; scans now report only new findings.', target);
  };
}

export function registerCommands(context: vscode.ExtensionContext, client: ReadinessClient, view: ScorecardViewProvider): vscode.Disposable[] {
  const exportReport = exportReportCommand(context.extensionUri);
  view.exportReport = exportReport;
  return [
    vscode.commands.registerCommand('readiness.rescanWorkspace', () =>
      vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Readiness: rescanning' }, () => client.rescan()),
    ),
    vscode.commands.registerCommand('readiness.openScorecard', () => view.reveal()),
    vscode.commands.registerCommand('readiness.exportReport', exportReport),
    vscode.commands.registerCommand('readiness.createBaseline', createBaselineCommand(context.extensionUri)),
    vscode.commands.registerCommand('readiness.restartServer', () => client.restart()),
  ];
}
