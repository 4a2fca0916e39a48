/**
 * Owns the LanguageClient: starts the server (`dist/cli.js lsp`) over node IPC, restarts it when it crashes (at most
 * MAX_RESTARTS times within RESTART_WINDOW_MS, then stops and lets the user restart from the status item), and
 * exposes typed wrappers for the custom `readiness/*` requests and notifications of server/src/protocol.ts.
 */
import * as vscode from 'vscode';
import {
  CloseAction,
  ErrorAction,
  LanguageClient,
  TransportKind,
  type CloseHandlerResult,
  type ErrorHandler,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import {
  RescanRequest,
  RoutesRequest,
  ScorecardChangedNotification,
  ScorecardRequest,
  StatusNotification,
  type RouteInfo,
  type ScorecardChangedParams,
  type ScorecardResult,
  type StatusParams,
} from '../../server/src/protocol';
import { applyFixesMiddleware } from './apply-fixes';
import type { StatusItem } from './status';

const MAX_RESTARTS = 3;
const RESTART_WINDOW_MS = 3 * 60_000;
const SELECTOR = ['typescript', 'typescriptreact', 'javascript', 'javascriptreact'].map((language) => ({ scheme: 'file', language }));

export class ReadinessClient implements vscode.Disposable {
  private client: LanguageClient | undefined;
  private crashes: number[] = [];
  private readonly scorecardChanged = new vscode.EventEmitter<ScorecardChangedParams>();
  private readonly status = new vscode.EventEmitter<StatusParams>();
  readonly onScorecardChanged = this.scorecardChanged.event;
  readonly onStatus = this.status.event;
  lastStatus: StatusParams | undefined;

  constructor(private readonly context: vscode.ExtensionContext, private readonly item: StatusItem) {}

  async start(): Promise<void> {
    // The CLI bundle contains the server (`readiness lsp`) and the reporters the export command needs, so the VSIX
    // ships one copy of the analysis code instead of two.
    const module = vscode.Uri.joinPath(this.context.extensionUri, 'dist', 'cli.js').fsPath;
    const server: ServerOptions = {
      run: { module, args: ['lsp'], transport: TransportKind.ipc },
      debug: { module, args: ['lsp'], transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
    };
    const options: LanguageClientOptions = {
      documentSelector: SELECTOR,
      synchronize: { configurationSection: 'readiness' },
      errorHandler: this.errorHandler(),
      middleware: { executeCommand: (command, args, next) => applyFixesMiddleware(command, args, next) },
      outputChannelName: 'Launch Readiness',
    };
    this.item.starting();
    this.client = new LanguageClient('readiness', 'Launch Readiness', server, options);
    this.context.subscriptions.push(
      this.client.onNotification(StatusNotification.method, (s: StatusParams) => {
        this.lastStatus = s;
        this.item.update(s);
        this.status.fire(s);
      }),
      this.client.onNotification(ScorecardChangedNotification.method, (p: ScorecardChangedParams) => this.scorecardChanged.fire(p)),
    );
    await this.client.start();
  }

  /** Restarts a stopped or running server on the user's request (the crash budget starts over). */
  async restart(): Promise<void> {
    this.crashes = [];
    if (this.client) await this.client.restart();
    else await this.start();
  }

  async stop(): Promise<void> {
    await this.client?.stop();
  }

  get running(): boolean {
    return this.client?.isRunning() ?? false;
  }

  /** The underlying client, for requests that need progress tokens or cancellation (probe, applyFixes). */
  get raw(): LanguageClient {
    if (!this.client?.isRunning()) throw new Error('the Launch Readiness server is not running');
    return this.client;
  }

  scorecard(folder?: string): Promise<ScorecardResult | null> {
    return this.raw.sendRequest(ScorecardRequest.method, { folder });
  }

  routes(folder?: string): Promise<RouteInfo[]> {
    return this.raw.sendRequest(RoutesRequest.method, { folder });
  }

  rescan(folder?: string): Promise<{ folders: number }> {
    return this.raw.sendRequest(RescanRequest.method, { folder });
  }

  /** Counts crashes inside a sliding window so that a server that dies on every start is not restarted forever. */
  private errorHandler(): ErrorHandler {
    return {
      error: () => ({ action: ErrorAction.Continue }),
      closed: (): CloseHandlerResult => {
        const now = Date.now();
        this.crashes = [...this.crashes.filter((t) => now - t < RESTART_WINDOW_MS), now];
        if (this.crashes.length > MAX_RESTARTS) {
          this.item.stopped(`crashed ${this.crashes.length} times in ${RESTART_WINDOW_MS / 60_000} minutes`);
          return { action: CloseAction.DoNotRestart, message: 'Launch Readiness: the language server keeps crashing; it stays stopped. Use the status item to restart it.' };
        }
        this.item.restarting(this.crashes.length, MAX_RESTARTS);
        return { action: CloseAction.Restart, handled: true };
      },
    };
  }

  dispose(): void {
    this.scorecardChanged.dispose();
    this.status.dispose();
    void this.client?.dispose();
  }
}
