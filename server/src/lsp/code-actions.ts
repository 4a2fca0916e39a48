/**
 * Code actions: the fixes of a diagnostic's finding rebuilt from `diagnostic.data` against the current analysis
 * (nothing when the file changed since the diagnostic was computed), "Suppress with a reason" on every finding
 * diagnostic of a source file, and `source.fixAll.readiness` (every safe fix of the document's findings).
 */
import { CodeActionKind, type CodeAction, type Diagnostic } from 'vscode-languageserver';
import type { EngineFinding } from '../engine';
import { DIAGNOSTIC_SOURCE, FIX_ALL_KIND, SUPPRESS_REASON_PLACEHOLDER, type DiagnosticData } from '../protocol';
import { EditBuilder, type EditTarget } from './edits';
import type { Analysis, Folder } from './folder';

export interface ActionScope {
  folder: Folder;
  analysis: Analysis;
  /** Folder-relative path and URI of the document the request is about. */
  file: string;
  uri: string;
  /** Its text right now (the open buffer, or the file on disk). */
  text: string | undefined;
  target: EditTarget;
  documentChanges: boolean;
  canCreate: boolean;
}

/** Whether a requested `only` filter admits a kind (LSP kinds are hierarchical: `source` admits `source.fixAll.x`). */
export function wants(only: string[] | undefined, kind: string, includeWhenUnfiltered: boolean): boolean {
  if (!only?.length) return includeWhenUnfiltered;
  return only.some((o) => kind === o || kind.startsWith(o + '.'));
}

function dataOf(d: Diagnostic): DiagnosticData | undefined {
  const data = d.data as Partial<DiagnosticData> | undefined;
  if (d.source !== DIAGNOSTIC_SOURCE || !data || typeof data.fingerprint !== 'string' || typeof data.version !== 'string') return undefined;
  return data as DiagnosticData;
}

/** The finding a diagnostic stands for in the current analysis, or undefined when the diagnostic is stale. */
export function findingFor(scope: ActionScope, d: Diagnostic): EngineFinding | undefined {
  const data = dataOf(d);
  if (!data) return undefined;
  const candidates = scope.analysis.byFingerprint.get(data.fingerprint)?.filter((f) => f.file === scope.file) ?? [];
  const finding = candidates.find((f) => f.span.line - 1 === d.range.start.line) ?? candidates[0];
  if (!finding) return undefined;
  const analysed = scope.folder.versionIn(scope.analysis, scope.file);
  if (analysed !== data.version || scope.folder.versionNow(scope.file, scope.text) !== data.version) return undefined;
  return finding;
}

export function quickFixes(scope: ActionScope, d: Diagnostic): CodeAction[] {
  const finding = findingFor(scope, d);
  if (!finding) return [];
  const out: CodeAction[] = [];
  for (const fix of finding.fixes) {
    const builder = new EditBuilder({ documentChanges: scope.documentChanges, canCreate: scope.canCreate });
    if (!builder.add(scope.target, fix)) continue;
    const title = fix.note ? `${fix.title} (${fix.note})` : fix.title;
    out.push({ title, kind: CodeActionKind.QuickFix, diagnostics: [d], edit: builder.build(), isPreferred: out.length === 0 && fix.safe });
  }
  const suppress = suppressAction(scope, d, finding);
  if (suppress) out.push(suppress);
  return out;
}

/**
 * `// readiness-ignore-next-line <rule> -- <reason>` above the finding's first line, indented like it. When that line
 * already carries a readiness-ignore-next-line comment (for another rule), the rule is added to it instead: a second
 * comment line would push the first one away from the line it suppresses.
 */
export function suppressAction(scope: ActionScope, d: Diagnostic, finding: EngineFinding): CodeAction | undefined {
  const text = scope.text;
  if (text === undefined || !scope.analysis.model.files[finding.file]) return undefined;
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lineStarts.push(i + 1);
  const line = d.range.start.line;
  if (line >= lineStarts.length) return undefined;
  const lineText = text.slice(lineStarts[line], (lineStarts[line + 1] ?? text.length + 1) - 1).replace(/\r$/, '');
  const indent = /^[ \t]*/.exec(lineText)![0];
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const title = `Suppress ${finding.rule} on this line with a reason`;
  let edit: { line: number; character: number; newText: string };
  const prev = line > 0 ? text.slice(lineStarts[line - 1], lineStarts[line] - 1).replace(/\r$/, '') : '';
  const existing = /^(\s*\/\/\s*readiness-ignore-next-line\s+)([^\n]*?)(\s+--.*)?$/.exec(prev);
  if (existing) {
    const rules = existing[2].split(/[\s,]+/).filter(Boolean);
    if (rules.includes(finding.rule) || rules.includes('*')) return undefined;
    edit = { line: line - 1, character: existing[1].length + existing[2].length, newText: `, ${finding.rule}` };
  } else {
    edit = { line, character: 0, newText: `${indent}// readiness-ignore-next-line ${finding.rule} -- ${SUPPRESS_REASON_PLACEHOLDER}${eol}` };
  }
  const position = { line: edit.line, character: edit.character };
  const textEdit = { range: { start: position, end: position }, newText: edit.newText };
  const version = scope.target.docVersion(scope.uri);
  const workspaceEdit = scope.documentChanges
    ? { documentChanges: [{ textDocument: { uri: scope.uri, version }, edits: [textEdit] }] }
    : { changes: { [scope.uri]: [textEdit] } };
  return { title, kind: CodeActionKind.QuickFix, diagnostics: [d], edit: workspaceEdit };
}

/** Every safe fix of the document's findings, in file order, as one action (what "fix all on save" runs). */
export function fixAllAction(scope: ActionScope): CodeAction | undefined {
  const analysed = scope.folder.versionIn(scope.analysis, scope.file);
  if (scope.folder.versionNow(scope.file, scope.text) !== analysed) return undefined;
  const builder = new EditBuilder({ documentChanges: scope.documentChanges, canCreate: scope.canCreate });
  for (const f of scope.analysis.result.findings) {
    if (f.file !== scope.file) continue;
    for (const fix of f.fixes) if (fix.safe && builder.add(scope.target, fix)) break;
  }
  const edit = builder.build();
  if (!edit) return undefined;
  return { title: `Fix all safe Launch Readiness problems (${builder.fixes})`, kind: FIX_ALL_KIND, edit };
}
