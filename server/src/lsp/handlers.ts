/**
 * Registers every LSP handler on a connection: lifecycle (initialize → capabilities, initialized → watchers and
 * indexing), document sync, watched files, configuration and workspace-folder changes, code actions, the custom
 * `readiness/*` requests and the `readiness.applyFixes` command.
 */
import {
  type CancellationToken,
  CodeActionKind,
  DidChangeWatchedFilesNotification,
  TextDocumentSyncKind,
  type Connection,
  type InitializeResult,
} from 'vscode-languageserver';
import { version } from '../cli/version';
import { APPLY_FIXES_COMMAND, FIX_ALL_KIND, type FolderParams } from '../protocol';
import { rescanType, routesType, scorecardType } from './messages';
import { registerProbe } from './probe';
import { applyFixes, codeActions, rescan, routes, scorecard } from './requests';
import type { Folder } from './folder';
import { Session } from './session';
import { applyWatchEvent, WATCH_GLOBS } from './watch';

export function registerHandlers(connection: Connection): Session {
  const session = new Session(connection);
  connection.onInitialize((params): InitializeResult => {
    const folders = params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: params.rootUri.split('/').pop() ?? 'root' }] : []);
    session.configure(params.capabilities, folders);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: false },
        executeCommandProvider: { commands: [APPLY_FIXES_COMMAND] },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'launch-readiness', version: version() },
    };
  });
  connection.onInitialized(() => {
    if (session.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration) {
      void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: WATCH_GLOBS.map((globPattern) => ({ globPattern })) });
    }
    if (session.capabilities.workspace?.workspaceFolders) registerFolderChanges(connection, session);
    if (!session.folders.size) session.scheduleStatusCheck();
    for (const folder of session.folders.values()) void session.reindex(folder);
  });
  registerDocumentSync(connection, session);
  registerWorkspaceEvents(connection, session);
  connection.onCodeAction((params, token) => codeActions(session, params, token));
  onFolderRequest(connection, scorecardType.method, (params, token) => scorecard(session, params, token));
  onFolderRequest(connection, routesType.method, (params, token) => routes(session, params, token));
  onFolderRequest(connection, rescanType.method, (params, token) => rescan(session, params, token));
  connection.onExecuteCommand((params, token) => {
    if (params.command === APPLY_FIXES_COMMAND) return applyFixes(session, params.arguments?.[0], token);
    return undefined;
  });
  registerProbe(connection, session);
  session.documents.listen(connection);
  return session;
}

/**
 * `{ folder? }` requests whose params may be left out: Neovim's `request(method, nil)` omits them and an empty Lua
 * table is sent as `[]`. A typed registration rejects both ("defines 1 params but received none"), so the method is
 * registered by name and the token is taken from the end of the arguments.
 */
function onFolderRequest(connection: Connection, method: string, run: (params: FolderParams | undefined, token: CancellationToken) => Promise<unknown>): void {
  connection.onRequest(method, (...args: unknown[]) => {
    const token = args[args.length - 1] as CancellationToken;
    const first = args.length > 1 ? args[0] : undefined;
    return run(first && typeof first === 'object' && !Array.isArray(first) ? (first as FolderParams) : undefined, token);
  });
}

function registerDocumentSync(connection: Connection, session: Session): void {
  // TextDocuments keeps the buffers; these listeners only count inputs and schedule analysis. It fires
  // onDidChangeContent right after onDidOpen for the same document: that one is the open, analysed without debounce.
  const opening = new Set<string>();
  session.documents.onDidOpen((e) => opening.add(e.document.uri));
  session.documents.onDidChangeContent((e) => {
    const opened = opening.delete(e.document.uri);
    session.noteInput();
    session.bufferChanged(e.document.uri, !opened);
  });
  session.documents.onDidClose((e) => {
    session.noteInput();
    session.bufferClosed(e.document.uri);
  });
}

function registerWorkspaceEvents(connection: Connection, session: Session): void {
  connection.onDidChangeWatchedFiles((params) => {
    session.noteInput();
    const reindex = new Set<Folder>();
    for (const change of params.changes) {
      const hit = session.folderOf(change.uri);
      if (!hit) continue;
      const outcome = applyWatchEvent(hit.folder, hit.file, change.type);
      if (outcome === 'reindex') reindex.add(hit.folder);
      else if (outcome === 'incremental') session.markDirty(hit.folder, 0);
    }
    for (const folder of reindex) void session.reindex(folder);
    session.scheduleStatusCheck();
  });
  connection.onDidChangeConfiguration(() => {
    session.noteInput();
    session.settings.clear();
    for (const folder of session.folders.values()) session.markDirty(folder, 0);
    session.scheduleStatusCheck();
  });
}

function registerFolderChanges(connection: Connection, session: Session): void {
  connection.workspace.onDidChangeWorkspaceFolders((e) => {
    session.noteInput();
    for (const removed of e.removed) session.removeFolder(removed.uri);
    for (const added of e.added) void session.reindex(session.addFolder(added.uri, added.name));
    session.scheduleStatusCheck();
  });
}
