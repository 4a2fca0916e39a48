/**
 * The status bar item: says whether the server is indexing, quiet, warning, crashed/restarting or stopped, from
 * `readiness/status` and the client's own lifecycle. Clicking it opens the scorecard (or restarts a stopped server).
 */
import * as vscode from 'vscode';
import type { StatusParams } from '../../server/src/protocol';

export class StatusItem implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('readiness.status', vscode.StatusBarAlignment.Left, 10);

  constructor() {
    this.item.name = 'Launch Readiness';
    this.starting();
    this.item.show();
  }

  starting(): void {
    this.set('$(sync~spin) Readiness', 'Launch Readiness: starting the language server', 'readiness.openScorecard');
  }

  restarting(attempt: number, max: number): void {
    this.set('$(debug-restart) Readiness', `Launch Readiness: the server stopped unexpectedly; restarting (${attempt}/${max})`, 'readiness.openScorecard', true);
  }

  stopped(reason: string): void {
    this.set('$(error) Readiness', `Launch Readiness: the server is stopped (${reason}). Click to restart.`, 'readiness.restartServer', true);
  }

  update(s: StatusParams): void {
    const findings = s.folders.reduce((n, f) => n + f.findings, 0);
    const icon = !s.quiescent ? '$(sync~spin)' : s.health === 'error' ? '$(error)' : s.health === 'warning' ? '$(warning)' : '$(checklist)';
    const text = s.quiescent ? `${icon} Readiness: ${findings}` : `${icon} Readiness`;
    const problems = s.folders.filter((f) => f.problem).map((f) => `${f.name}: ${f.problem}`);
    const tooltip = ['Launch Readiness', s.message, ...problems].join('\n');
    this.set(text, tooltip, 'readiness.openScorecard', s.health === 'error');
  }

  private set(text: string, tooltip: string, command: string, alarm = false): void {
    this.item.text = text;
    this.item.tooltip = tooltip;
    this.item.command = command;
    this.item.backgroundColor = alarm ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
  }

  dispose(): void {
    this.item.dispose();
  }
}
