/**
 * Runs the live probe for the scorecard's probe section: only in a trusted workspace, only after the user confirmed
 * the target origin, through the server's `readiness/probe` request with work-done progress and cancellation.
 */
import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import { WorkDoneProgress } from 'vscode-languageclient/node';
import { ProbeRequest, type ProbeParams, type ProbeReport } from '../../server/src/protocol';
import type { ReadinessClient } from './language-client';
import type { ProbeState } from './scorecard/messages';

export class ProbeRunner implements vscode.Disposable {
  state: ProbeState = { state: 'idle' };
  private cancelSource: vscode.CancellationTokenSource | undefined;
  private readonly changed = new vscode.EventEmitter<ProbeState>();
  readonly onChange = this.changed.event;

  constructor(private readonly client: ReadinessClient) {}

  async run(params: Omit<ProbeParams, 'workDoneToken'>): Promise<void> {
    if (!vscode.workspace.isTrusted) {
      this.set({ state: 'error', message: 'The probe never runs in an untrusted workspace.' });
      return;
    }
    if (this.state.state === 'running') return;
    const origin = new URL(params.url).origin;
    const ok = await vscode.window.showWarningMessage(
      `Probe ${origin}? Launch Readiness will send up to ${params.budget ?? 300} requests to this origin only` +
        `${params.allowBurst ? ', including request bursts' : ''}${params.allowPost ? ', including POST requests' : ''}.`,
      { modal: true },
      'Run probe',
    );
    if (ok !== 'Run probe') return;
    this.set({ state: 'running', target: origin });
    try {
      const report = await this.request(params, origin);
      this.set({ state: 'done', report });
    } catch (e) {
      this.set({ state: 'error', message: this.cancelSource?.token.isCancellationRequested ? 'Cancelled.' : e instanceof Error ? e.message : String(e) });
    } finally {
      this.cancelSource?.dispose();
      this.cancelSource = undefined;
    }
  }

  cancel(): void {
    this.cancelSource?.cancel();
  }

  private request(params: Omit<ProbeParams, 'workDoneToken'>, origin: string): Thenable<ProbeReport> {
    const raw = this.client.raw;
    this.cancelSource = new vscode.CancellationTokenSource();
    const source = this.cancelSource;
    const token = randomUUID();
    return vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Probing ${origin}`, cancellable: true },
      async (progress, userCancel) => {
        const sub = userCancel.onCancellationRequested(() => source.cancel());
        const listen = raw.onProgress(WorkDoneProgress.type, token, (v) => {
          if (v.kind !== 'end' && v.message) progress.report({ message: v.message });
        });
        try {
          return await raw.sendRequest<ProbeReport>(ProbeRequest.method, { ...params, workDoneToken: token }, source.token);
        } finally {
          sub.dispose();
          listen.dispose();
        }
      },
    );
  }

  private set(state: ProbeState): void {
    this.state = state;
    this.changed.fire(state);
  }

  dispose(): void {
    this.cancelSource?.cancel();
    this.changed.dispose();
  }
}
