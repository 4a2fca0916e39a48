/**
 * A minimal LSP client for tests: spawns the BUILT server (dist/server.js, or `dist/cli.js lsp`) over real stdio,
 * answers the server's requests (workspace/configuration, registrations, progress, applyEdit), records diagnostics
 * and status notifications, and counts the inputs it sends so tests can wait for the quiescent status that
 * includes their last change — never a fixed sleep.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ClientCapabilities,
  type CodeAction,
  type Diagnostic,
  type FileEvent,
  type ProtocolConnection,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { StatusParams } from '../../server/src/protocol';

export const REPO = join(dirname(fileURLToPath(import.meta.url)), '../..');
export const SERVER = join(REPO, 'dist/server.js');

export const uriOf = (path: string) => pathToFileURL(path).href;

export const FULL_CAPABILITIES: ClientCapabilities = {
  workspace: {
    configuration: true,
    workspaceFolders: true,
    didChangeWatchedFiles: { dynamicRegistration: true },
    applyEdit: true,
    workspaceEdit: { documentChanges: true, resourceOperations: ['create', 'rename', 'delete'], changeAnnotationSupport: { groupsOnLabel: true } },
  },
  window: { workDoneProgress: true },
  textDocument: { publishDiagnostics: { relatedInformation: true, versionSupport: false, codeDescriptionSupport: true, dataSupport: true } },
};

export interface StartOptions {
  /** Workspace folders (absolute paths). */
  folders: string[];
  /** The `readiness` settings section answered for every folder. */
  settings?: Record<string, unknown>;
  capabilities?: ClientCapabilities;
  /** Command line; default `node dist/server.js --stdio`. */
  command?: string[];
}

export class LspClient {
  readonly diagnostics = new Map<string, Diagnostic[]>();
  /** URIs of every publishDiagnostics received, in order. */
  readonly published: string[] = [];
  readonly statuses: StatusParams[] = [];
  readonly progress: unknown[] = [];
  readonly registrations: unknown[] = [];
  readonly appliedEdits: { label?: string; edit: WorkspaceEdit }[] = [];
  readonly notifications: { method: string; params: unknown }[] = [];
  settings: Record<string, unknown>;
  private sent = 0;
  private versions = new Map<string, number>();
  private waiters: (() => void)[] = [];

  private constructor(
    readonly connection: ProtocolConnection,
    readonly child: ChildProcess,
    options: StartOptions,
  ) {
    this.settings = options.settings ?? {};
  }

  static async start(options: StartOptions): Promise<LspClient> {
    if (!existsSync(SERVER)) throw new Error('dist/server.js is missing: run `npm run build` first');
    const [cmd, ...args] = options.command ?? [process.execPath, SERVER, '--stdio'];
    const child = spawn(cmd, args, { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env } });
    let stderr = '';
    child.stderr!.on('data', (d) => (stderr += d));
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const client = new LspClient(connection, child, options);
    client.wire();
    connection.listen();
    child.once('exit', (code) => {
      if (code) process.stderr.write(`server exited with ${code}: ${stderr.slice(-2000)}\n`);
    });
    const folders = options.folders.map((f) => ({ uri: uriOf(f), name: f.split('/').pop()! }));
    await connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: folders[0]?.uri ?? null,
      workspaceFolders: folders,
      capabilities: options.capabilities ?? FULL_CAPABILITIES,
    });
    await connection.sendNotification('initialized', {});
    return client;
  }

  private wire(): void {
    const c = this.connection;
    c.onRequest('workspace/configuration', (p: { items: { section?: string }[] }) => p.items.map(() => this.settings));
    c.onRequest('client/registerCapability', (p: { registrations: unknown[] }) => {
      this.registrations.push(...p.registrations);
      return null;
    });
    c.onRequest('window/workDoneProgress/create', () => null);
    c.onRequest('workspace/applyEdit', (p: { label?: string; edit: WorkspaceEdit }) => {
      this.appliedEdits.push(p);
      applyWorkspaceEditToDisk(p.edit);
      return { applied: true };
    });
    c.onNotification('$/progress', (p: unknown) => {
      this.progress.push(p);
    });
    c.onNotification('textDocument/publishDiagnostics', (p: { uri: string; diagnostics: Diagnostic[] }) => {
      this.diagnostics.set(p.uri, p.diagnostics);
      this.published.push(p.uri);
    });
    c.onNotification('readiness/status', (p: StatusParams) => {
      this.statuses.push(p);
      const waiters = this.waiters;
      this.waiters = [];
      for (const w of waiters) w();
    });
    c.onNotification('readiness/scorecardChanged', (params: unknown) => {
      this.notifications.push({ method: 'readiness/scorecardChanged', params });
    });
  }

  /** The latest status. */
  get status(): StatusParams | undefined {
    return this.statuses[this.statuses.length - 1];
  }

  /** Resolves when the server reports quiescence covering every input this client has sent. */
  async quiescent(): Promise<StatusParams> {
    for (;;) {
      const s = this.status;
      if (s && s.quiescent && s.inputs >= this.sent) return s;
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  diagnosticsOf(path: string, rule?: string): Diagnostic[] {
    const list = this.diagnostics.get(uriOf(path)) ?? [];
    return rule ? list.filter((d) => d.code === rule) : list;
  }

  async open(path: string, text = readFileSync(path, 'utf8')): Promise<void> {
    this.sent++;
    this.versions.set(uriOf(path), 1);
    await this.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri: uriOf(path), languageId: 'typescript', version: 1, text },
    });
  }

  /** Replace an open document's whole text (a full-content change). */
  async change(path: string, text: string): Promise<void> {
    const uri = uriOf(path);
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    this.sent++;
    await this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
  }

  async close(path: string): Promise<void> {
    this.sent++;
    this.versions.delete(uriOf(path));
    await this.connection.sendNotification('textDocument/didClose', { textDocument: { uri: uriOf(path) } });
  }

  async watched(changes: { path: string; type: FileEvent['type'] }[]): Promise<void> {
    this.sent++;
    await this.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: changes.map((c) => ({ uri: uriOf(c.path), type: c.type })),
    });
  }

  async configurationChanged(settings: Record<string, unknown>): Promise<void> {
    this.settings = settings;
    this.sent++;
    await this.connection.sendNotification('workspace/didChangeConfiguration', { settings: { readiness: settings } });
  }

  async foldersChanged(added: string[], removed: string[]): Promise<void> {
    this.sent++;
    const folder = (path: string) => ({ uri: uriOf(path), name: path.split('/').pop()! });
    await this.connection.sendNotification('workspace/didChangeWorkspaceFolders', {
      event: { added: added.map(folder), removed: removed.map(folder) },
    });
  }

  versionOf(path: string): number | null {
    return this.versions.get(uriOf(path)) ?? null;
  }

  async codeActions(path: string, diagnostics: Diagnostic[], only?: string[]): Promise<CodeAction[]> {
    const range = diagnostics[0]?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    return this.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri: uriOf(path) },
      range,
      context: { diagnostics, ...(only ? { only } : {}) },
    });
  }

  async stop(): Promise<void> {
    try {
      await this.connection.sendRequest('shutdown');
      await this.connection.sendNotification('exit');
    } catch {
      /* the server may already be gone */
    }
    await new Promise<void>((resolve) => {
      if (this.child.exitCode !== null) return resolve();
      const timer = setTimeout(() => this.child.kill(), 5000);
      this.child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
    });
    this.connection.dispose();
  }
}

/** Apply a WorkspaceEdit to texts held in memory (path → text); returns the new texts of the files it touched. */
export function applyWorkspaceEdit(edit: WorkspaceEdit, read: (path: string) => string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  const textOf = (path: string) => out.get(path) ?? read(path) ?? '';
  const apply = (uri: string, edits: TextEdit[]) => {
    const path = fileURLToPath(uri);
    out.set(path, TextDocument.applyEdits(TextDocument.create(uri, 'typescript', 0, textOf(path)), edits));
  };
  for (const change of edit.documentChanges ?? []) {
    if ('kind' in change) {
      if (change.kind !== 'create') throw new Error(`unexpected resource operation ${change.kind}`);
      const path = fileURLToPath(change.uri);
      if (read(path) !== undefined || out.has(path)) throw new Error(`create of an existing file ${path}`);
      out.set(path, '');
    } else apply(change.textDocument.uri, change.edits as TextEdit[]);
  }
  for (const [uri, edits] of Object.entries(edit.changes ?? {})) apply(uri, edits);
  return out;
}

export function readIfExists(path: string): string | undefined {
  return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
}

/** Apply a WorkspaceEdit to the files on disk (what an editor does once the user accepts it). */
export function applyWorkspaceEditToDisk(edit: WorkspaceEdit): Map<string, string> {
  const texts = applyWorkspaceEdit(edit, readIfExists);
  for (const [path, text] of texts) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
  }
  return texts;
}
