/**
 * Request handlers over the current analyses: code actions, `readiness/scorecard`, `readiness/routes`,
 * `readiness/rescan` and the `readiness.applyFixes` command. Requests that report on the workspace first wait until
 * every input received before them has been analysed, and give up with RequestCancelled when the client cancels.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  LSPErrorCodes,
  ResponseError,
  type CancellationToken,
  type CodeAction,
  type CodeActionParams,
} from 'vscode-languageserver';
import { hashText } from '../model/extract';
import {
  FIX_ALL_KIND,
  type ApplyFixesResult,
  type FindingSummary,
  type FolderParams,
  type RouteInfo,
  type ScorecardResult,
} from '../protocol';
import { readSourceText } from '../source-text';
import { fixAllAction, quickFixes, wants, type ActionScope } from './code-actions';
import { spanToRange } from './diagnostics';
import { EditBuilder, type EditTarget } from './edits';
import type { Analysis, Folder } from './folder';
import type { Session } from './session';

export async function idleOrCancelled(session: Session, token: CancellationToken): Promise<void> {
  const cancelled = () => new ResponseError(LSPErrorCodes.RequestCancelled, 'request cancelled');
  if (token.isCancellationRequested) throw cancelled();
  await new Promise<void>((resolve, reject) => {
    const sub = token.onCancellationRequested(() => reject(cancelled()));
    void session.whenIdle().then(() => {
      sub.dispose();
      resolve();
    });
  });
}

/** Where fixes may write: only into files whose text is still exactly what the analysis saw. */
export function editTarget(session: Session, folder: Folder, analysis: Analysis): EditTarget {
  const live = (file: string) => session.documents.get(folder.uriOf(file))?.getText() ?? readSourceText(folder.root, file);
  return {
    uriOf: (file) => folder.uriOf(file),
    textOf: (file) => {
      const now = live(file);
      if (now === undefined) return undefined;
      if (analysis.texts.has(file)) return analysis.texts.get(file) === now ? now : undefined;
      const facts = analysis.model.files[file];
      return facts && facts.hash === hashText(now) ? now : undefined;
    },
    exists: (file) => existsSync(join(folder.root, file)) || session.documents.get(folder.uriOf(file)) !== undefined,
    docVersion: (uri) => session.documents.get(uri)?.version ?? null,
  };
}

function editCapabilities(session: Session): { documentChanges: boolean; canCreate: boolean } {
  const we = session.capabilities.workspace?.workspaceEdit;
  const documentChanges = we?.documentChanges === true;
  return { documentChanges, canCreate: documentChanges && (we?.resourceOperations ?? []).includes('create') };
}

export async function codeActions(session: Session, params: CodeActionParams, token: CancellationToken): Promise<CodeAction[]> {
  const only = params.context.only;
  // Fix-all usually runs on save, right after the last keystroke: let the pending analysis finish first.
  if (wants(only, FIX_ALL_KIND, false)) await idleOrCancelled(session, token);
  const hit = session.folderOf(params.textDocument.uri);
  const analysis = hit?.folder.analysis;
  if (!hit || !analysis) return [];
  const scope: ActionScope = {
    folder: hit.folder,
    analysis,
    file: hit.file,
    uri: params.textDocument.uri,
    text: session.documents.get(params.textDocument.uri)?.getText() ?? readSourceText(hit.folder.root, hit.file),
    target: editTarget(session, hit.folder, analysis),
    ...editCapabilities(session),
  };
  const actions: CodeAction[] = [];
  if (wants(only, 'quickfix', true)) for (const d of params.context.diagnostics) actions.push(...quickFixes(scope, d));
  if (wants(only, FIX_ALL_KIND, false)) {
    const all = fixAllAction(scope);
    if (all) actions.push(all);
  }
  return actions;
}

function pickFolder(session: Session, params: FolderParams | undefined): Folder | undefined {
  if (params?.folder) return session.folders.get(params.folder);
  return session.folders.values().next().value;
}

export async function scorecard(session: Session, params: FolderParams | undefined, token: CancellationToken): Promise<ScorecardResult | null> {
  await idleOrCancelled(session, token);
  const folder = pickFolder(session, params);
  const analysis = folder?.analysis;
  if (!folder || !analysis) return null;
  const summary = (f: Analysis['result']['findings'][number]): FindingSummary => ({
    rule: f.rule,
    severity: f.severity,
    message: f.message,
    uri: folder.uriOf(f.file),
    range: spanToRange(f.span),
    route: f.route,
    fingerprint: f.fingerprint,
  });
  return {
    folder: folder.uri,
    verdict: analysis.scorecard.verdict,
    modelVersion: analysis.seq,
    checks: analysis.scorecard.checks.map((c) => ({
      ...c,
      items: analysis.result.findings.filter((f) => f.check === c.id).map(summary),
    })),
  };
}

export async function routes(session: Session, params: FolderParams | undefined, token: CancellationToken): Promise<RouteInfo[]> {
  await idleOrCancelled(session, token);
  const folder = pickFolder(session, params);
  const analysis = folder?.analysis;
  if (!folder || !analysis) return [];
  const first = (r: Analysis['model']['routes'][number], kind: string) => r.protections.find((p) => p.kind === kind)?.name ?? null;
  return analysis.model.routes.map((r) => ({
    method: r.method,
    path: r.path,
    file: r.file,
    line: r.span.line,
    uri: folder.uriOf(r.file),
    framework: r.framework,
    tags: r.tags,
    protections: { auth: first(r, 'auth'), rateLimit: first(r, 'rateLimit'), validation: first(r, 'validation'), roles: first(r, 'role') },
  }));
}

export async function rescan(session: Session, params: FolderParams | undefined, token: CancellationToken): Promise<{ folders: number }> {
  const targets = params?.folder ? [session.folders.get(params.folder)].filter((f): f is Folder => !!f) : [...session.folders.values()];
  session.noteInput();
  await Promise.all(targets.map((f) => session.reindex(f)));
  await idleOrCancelled(session, token);
  return { folders: targets.length };
}

/** `readiness.applyFixes [rule]`: every safe fix (of one rule or all) across all folders, as ONE confirmed edit. */
export async function applyFixes(session: Session, rule: unknown, token: CancellationToken): Promise<ApplyFixesResult> {
  if (rule !== undefined && rule !== null && typeof rule !== 'string') throw new ResponseError(-32602, 'readiness.applyFixes: the argument is a rule id');
  await idleOrCancelled(session, token);
  if (!session.capabilities.workspace?.applyEdit) return { applied: false, fixes: 0, files: 0, reason: 'the client cannot apply workspace edits' };
  const annotationSupported = session.capabilities.workspace?.workspaceEdit?.changeAnnotationSupport !== undefined;
  const label = rule ? `Launch Readiness: safe fixes for ${rule}` : 'Launch Readiness: all safe fixes';
  const builder = new EditBuilder({
    ...editCapabilities(session),
    annotation: annotationSupported
      ? { id: 'readiness.applyFixes', annotation: { label, needsConfirmation: true, description: 'Review each change before it is written.' } }
      : undefined,
  });
  for (const folder of session.folders.values()) {
    const analysis = folder.analysis;
    if (!analysis) continue;
    const target = editTarget(session, folder, analysis);
    for (const f of analysis.result.findings) {
      if (rule && f.rule !== rule) continue;
      for (const fix of f.fixes) if (fix.safe && builder.add(target, fix)) break;
    }
  }
  const edit = builder.build();
  if (!edit) return { applied: false, fixes: 0, files: 0, reason: rule ? `no safe fixes for ${rule}` : 'no safe fixes' };
  const response = await session.connection.workspace.applyEdit({ label, edit });
  return {
    applied: response.applied,
    fixes: builder.fixes,
    files: builder.files,
    ...(response.applied ? {} : { reason: response.failureReason ?? 'the client did not apply the edit' }),
  };
}
