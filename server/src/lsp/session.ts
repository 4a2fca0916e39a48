/**
 * The language server's state and scheduling: one Folder (index + analysis) per workspace folder, the open
 * documents, the inputs queue (typing is debounced; other inputs run at once), analysis → diagnostics →
 * scorecardChanged, and the `readiness/status` notification that says when everything received has been analysed.
 */
import { TextDocuments, type ClientCapabilities, type Connection, type WorkspaceFolder } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { FolderStatus, StatusParams } from '../protocol';
import { SettingsCache, type Settings } from '../settings';
import { DiagnosticsPublisher, diagnosticsByUri } from './diagnostics';
import { Folder } from './folder';
import { scorecardChangedType, statusType } from './messages';
import { isFileUri } from './uris';
import { isSource, wouldDiscover } from './watch';

export class Session {
  readonly documents = new TextDocuments(TextDocument);
  readonly folders = new Map<string, Folder>();
  capabilities: ClientCapabilities = {};
  settings: SettingsCache;
  private readonly publisher: DiagnosticsPublisher;
  private readonly loading = new Map<Folder, Promise<void>>();
  private readonly dirty = new Set<Folder>();
  private readonly pendingBuffers = new Map<Folder, Set<string>>();
  private readonly lastScorecard = new Map<string, string>();
  private idleWaiters: (() => void)[] = [];
  private timer?: NodeJS.Timeout;
  private running = false;
  private inputs = 0;
  private quiescent = false;

  constructor(readonly connection: Connection) {
    this.publisher = new DiagnosticsPublisher((uri, diagnostics) => void connection.sendDiagnostics({ uri, diagnostics }));
    this.settings = new SettingsCache(undefined);
  }

  /** Called once the client's capabilities are known (initialize). */
  configure(capabilities: ClientCapabilities, folders: WorkspaceFolder[]): void {
    this.capabilities = capabilities;
    const canPull = capabilities.workspace?.configuration === true;
    this.settings = new SettingsCache(
      canPull ? (uri) => this.connection.workspace.getConfiguration({ scopeUri: uri, section: 'readiness' }) : undefined,
    );
    for (const f of folders) this.folders.set(f.uri, new Folder(f.uri, f.name));
  }

  /** Count an input notification; the first input after a quiescent period flips the status to busy. */
  noteInput(): void {
    this.inputs++;
    if (this.quiescent) {
      this.quiescent = false;
      this.sendStatus();
    }
  }

  folderOf(uri: string): { folder: Folder; file: string } | undefined {
    if (!isFileUri(uri)) return undefined;
    let best: { folder: Folder; file: string } | undefined;
    for (const folder of this.folders.values()) {
      const file = folder.relative(uri);
      if (file !== undefined && (!best || folder.root.length > best.folder.root.length)) best = { folder, file };
    }
    return best;
  }

  settingsOf(folder: Folder): Promise<Settings> {
    return this.settings.get(folder.uri);
  }

  /** (Re)index a folder from disk with work-done progress, then analyse it. */
  reindex(folder: Folder): Promise<void> {
    const previous = this.loading.get(folder) ?? Promise.resolve();
    const run = previous.then(async () => {
      const settings = await this.settingsOf(folder);
      const progress = this.capabilities.window?.workDoneProgress ? await this.connection.window.createWorkDoneProgress() : undefined;
      progress?.begin(`Launch Readiness: indexing ${folder.name}`, 0, undefined, false);
      let lastPct = -1;
      await folder.indexAll(settings.analysis.cache, (done, total) => {
        const pct = total ? Math.floor((done / total) * 100) : 100;
        if (pct !== lastPct && pct % 5 === 0) progress?.report(pct, `${done}/${total} files`);
        lastPct = pct;
      });
      progress?.done();
      for (const doc of this.documents.all()) {
        const hit = this.folderOf(doc.uri);
        if (hit?.folder === folder && this.analysesBuffer(folder, hit.file)) folder.updateBuffer(hit.file, doc.getText());
      }
    });
    const tracked = run.catch((e: Error) => {
      folder.indexProblem = `indexing failed: ${e.message.split('\n')[0]}`;
    });
    this.loading.set(folder, tracked);
    void tracked.finally(() => {
      if (this.loading.get(folder) === tracked) this.loading.delete(folder);
    });
    this.markDirty(folder, 0);
    return tracked;
  }

  addFolder(uri: string, name: string): Folder {
    const folder = new Folder(uri, name);
    this.folders.set(uri, folder);
    return folder;
  }

  removeFolder(uri: string): void {
    const folder = this.folders.get(uri);
    if (!folder) return;
    this.folders.delete(uri);
    this.dirty.delete(folder);
    this.pendingBuffers.delete(folder);
    this.publisher.clear(uri);
    this.lastScorecard.delete(uri);
  }

  /** An open buffer changed: feed it to the index after the typing debounce. */
  bufferChanged(uri: string, debounce: boolean): void {
    const hit = this.folderOf(uri);
    if (!hit || !this.analysesBuffer(hit.folder, hit.file)) return this.scheduleStatusCheck();
    const set = this.pendingBuffers.get(hit.folder) ?? new Set<string>();
    set.add(hit.file);
    this.pendingBuffers.set(hit.folder, set);
    this.markDirty(hit.folder, debounce ? hit.folder.debounceMs : 0);
  }

  /**
   * Only source files that discovery would analyse take their text from the buffer: opening package.json, a README
   * or a file under node_modules must not put it into the model as source.
   */
  analysesBuffer(folder: Folder, file: string): boolean {
    if (!isSource(file)) return false;
    return folder.bufferTexts.has(file) || folder.index?.has(file) === true || wouldDiscover(folder, file);
  }

  bufferClosed(uri: string): void {
    const hit = this.folderOf(uri);
    if (!hit || !hit.folder.bufferTexts.has(hit.file)) return this.scheduleStatusCheck();
    this.pendingBuffers.get(hit.folder)?.delete(hit.file);
    hit.folder.closeBuffer(hit.file);
    this.markDirty(hit.folder, 0);
  }

  /** Schedule analysis of a folder after `delayMs` (a later call with a shorter delay wins, typing resets it). */
  markDirty(folder: Folder, delayMs: number): void {
    this.dirty.add(folder);
    this.schedule(delayMs);
  }

  /** Inputs that touch no folder still need a quiescent status that counts them: run the (possibly empty) queue. */
  scheduleStatusCheck(): void {
    this.schedule(0);
  }

  private schedule(delayMs: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.flush();
    }, delayMs);
  }

  private async flush(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      while (this.dirty.size || this.loading.size) {
        await Promise.all(this.loading.values());
        const batch = [...this.dirty];
        this.dirty.clear();
        for (const folder of batch) if (this.folders.get(folder.uri) === folder) await this.analyse(folder);
        if (this.timer) break;
      }
    } finally {
      this.running = false;
    }
    if (!this.timer && !this.dirty.size && !this.loading.size) this.becomeQuiescent();
    else if (!this.timer) this.schedule(0);
  }

  private async analyse(folder: Folder): Promise<void> {
    const pending = this.pendingBuffers.get(folder);
    if (pending) {
      for (const file of pending) {
        const doc = this.documents.get(folder.uriOf(file));
        if (doc) folder.updateBuffer(file, doc.getText());
      }
      this.pendingBuffers.delete(folder);
    }
    const settings = await this.settingsOf(folder);
    folder.debounceMs = settings.analysis.debounceMs;
    if (!settings.enable) {
      this.publisher.clear(folder.uri);
      return;
    }
    let analysis;
    try {
      analysis = folder.analyse();
      folder.analysisProblem = undefined;
    } catch (e) {
      // A crash while linking or in the engine must not take the server down: keep the last diagnostics, say so.
      folder.analysisProblem = `analysis failed: ${(e as Error).message.split('\n')[0]}`;
      this.connection.console.error(`${folder.name}: ${(e as Error).stack ?? e}`);
      return;
    }
    if (!analysis) return;
    this.publisher.update(folder.uri, diagnosticsByUri(folder, analysis, settings.diagnostics.minSeverity));
    const key = JSON.stringify([analysis.scorecard.verdict, analysis.scorecard.checks.map((c) => [c.status, c.findings])]);
    if (this.lastScorecard.get(folder.uri) !== key) {
      this.lastScorecard.set(folder.uri, key);
      void this.connection.sendNotification(scorecardChangedType, {
        folder: folder.uri,
        verdict: analysis.scorecard.verdict,
        modelVersion: analysis.seq,
      });
    }
  }

  private becomeQuiescent(): void {
    this.quiescent = true;
    this.sendStatus();
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const w of waiters) w();
  }

  /** Resolves once every input received so far has been analysed. */
  whenIdle(): Promise<void> {
    if (this.quiescent && !this.timer && !this.running) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  status(): StatusParams {
    const folders: FolderStatus[] = [...this.folders.values()].map((f) => {
      const problem = f.indexProblem ?? f.analysisProblem ?? f.configProblem ?? ruleProblem(f);
      return {
        folder: f.uri,
        name: f.name,
        state: f.indexProblem || f.analysisProblem ? 'error' : f.analysis ? 'ready' : 'indexing',
        files: f.analysis ? Object.keys(f.analysis.model.files).length : 0,
        findings: this.publisher.count(f.uri),
        routes: f.analysis?.model.routes.length ?? 0,
        ...(problem ? { problem } : {}),
      };
    });
    const health = folders.some((f) => f.state === 'error') ? 'error' : folders.some((f) => f.problem) ? 'warning' : 'ok';
    const findings = folders.reduce((n, f) => n + f.findings, 0);
    const message = this.quiescent
      ? `${findings} finding${findings === 1 ? '' : 's'} in ${folders.length} folder${folders.length === 1 ? '' : 's'}`
      : 'Analysing…';
    return { health, quiescent: this.quiescent, inputs: this.inputs, message, folders };
  }

  sendStatus(): void {
    void this.connection.sendNotification(statusType, this.status());
  }
}

function ruleProblem(folder: Folder): string | undefined {
  const errors = folder.analysis?.result.ruleErrors ?? [];
  return errors.length ? `rule ${errors[0].rule} failed: ${errors[0].message.split('\n')[0]}` : undefined;
}
