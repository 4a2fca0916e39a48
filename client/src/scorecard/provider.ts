/**
 * The scorecard sidebar (`readiness.scorecard`): a WebviewViewProvider that pulls `readiness/scorecard` and
 * `readiness/routes` for the selected folder whenever the view becomes ready or the server says the scorecard
 * changed, and turns the webview's validated messages into fixed actions (open a finding, rescan, export, probe).
 */
import * as vscode from 'vscode';
import type { StatusParams } from '../../../server/src/protocol';
import type { ReadinessClient } from '../language-client';
import type { ProbeRunner } from '../probe';
import { scorecardHtml } from './html';
import { parseWebviewMessage, type ExportFormat, type HostMessage, type WebviewMessage } from './messages';

export const SCORECARD_VIEW_ID = 'readiness.scorecard';

export class ScorecardViewProvider implements vscode.WebviewViewProvider {
  private view: vscode.WebviewView | undefined;
  private ready = false;
  private folder: string | undefined;
  /** Set by the commands module: the export command's implementation, run for the view's Export menu. */
  exportReport: (format: ExportFormat, folder?: string) => Promise<void> = async () => undefined;

  constructor(private readonly extensionUri: vscode.Uri, private readonly client: ReadinessClient, private readonly probe: ProbeRunner) {
    probe.onChange((p) => this.post({ type: 'probe', probe: p }));
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    this.view = view;
    this.ready = false;
    view.webview.options = { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'media')] };
    view.webview.html = scorecardHtml(view.webview, this.extensionUri);
    view.webview.onDidReceiveMessage((raw) => void this.handle(parseWebviewMessage(raw)));
    view.onDidChangeVisibility(() => view.visible && void this.refresh());
    view.onDidDispose(() => (this.view = undefined));
  }

  /** Reveals the view (the openScorecard command). */
  async reveal(): Promise<void> {
    await vscode.commands.executeCommand(`${SCORECARD_VIEW_ID}.focus`);
  }

  /** Pulls the current scorecard and routes and posts them; a hidden or not-yet-ready view pulls when it shows. */
  async refresh(): Promise<void> {
    if (!this.view?.visible || !this.ready) return;
    const folders = (vscode.workspace.workspaceFolders ?? []).map((f) => ({ uri: f.uri.toString(), name: f.name }));
    if (!folders.some((f) => f.uri === this.folder)) this.folder = folders[0]?.uri;
    const base = { type: 'state' as const, folders, folder: this.folder ?? null, trusted: vscode.workspace.isTrusted };
    try {
      const [scorecard, routes] = await Promise.all([this.client.scorecard(this.folder), this.client.routes(this.folder)]);
      this.post({ ...base, scorecard, routes });
    } catch (e) {
      this.post({ ...base, scorecard: null, routes: [], error: e instanceof Error ? e.message : String(e) });
    }
  }

  postStatus(status: StatusParams): void {
    this.post({ type: 'status', status });
  }

  private post(message: HostMessage): void {
    if (this.view && this.ready) void this.view.webview.postMessage(message);
  }

  private async handle(m: WebviewMessage | undefined): Promise<void> {
    if (!m) return;
    switch (m.type) {
      case 'ready':
        this.ready = true;
        if (this.client.lastStatus) this.postStatus(this.client.lastStatus);
        this.post({ type: 'probe', probe: this.probe.state });
        return this.refresh();
      case 'selectFolder':
        this.folder = m.folder;
        return this.refresh();
      case 'rescan':
        await this.client.rescan(this.folder);
        return this.refresh();
      case 'openFinding':
        return this.open(vscode.Uri.parse(m.uri), new vscode.Range(m.range.start.line, m.range.start.character, m.range.end.line, m.range.end.character));
      case 'openRoute':
        return this.open(vscode.Uri.parse(m.uri), new vscode.Range(m.line - 1, 0, m.line - 1, 0));
      case 'exportReport':
        return this.exportReport(m.format, this.folder);
      case 'runProbe':
        return this.probe.run({ url: m.url, allowBurst: m.allowBurst, allowPost: m.allowPost, folder: this.folder });
      case 'cancelProbe':
        return this.probe.cancel();
    }
  }

  /** Opens a workspace file at a range; files outside every workspace folder are refused. */
  private async open(uri: vscode.Uri, range: vscode.Range): Promise<void> {
    if (!vscode.workspace.getWorkspaceFolder(uri)) return;
    await vscode.window.showTextDocument(uri, { selection: range, preview: true });
  }
}
