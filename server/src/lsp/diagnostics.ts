/**
 * Findings → LSP Diagnostics, and a publisher that sends `textDocument/publishDiagnostics` only for files whose
 * diagnostics changed since the last analysis (and an empty list for files that no longer have any).
 */
import { DiagnosticSeverity, type Diagnostic, type Range } from 'vscode-languageserver';
import type { EngineFinding } from '../engine';
import type { Span } from '../model/types';
import { DIAGNOSTIC_SOURCE, type DiagnosticData } from '../protocol';
import type { Analysis, Folder } from './folder';

const SEVERITY: Record<EngineFinding['severity'], DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};
const RANK = { info: 0, warning: 1, error: 2 } as const;

/** A span's 1-based line/column (UTF-16 columns, as LSP counts by default) as a 0-based LSP range. */
export function spanToRange(span: Span): Range {
  return {
    start: { line: Math.max(0, span.line - 1), character: Math.max(0, span.column - 1) },
    end: { line: Math.max(0, span.endLine - 1), character: Math.max(0, span.endColumn - 1) },
  };
}

export function toDiagnostic(folder: Folder, analysis: Analysis, f: EngineFinding): Diagnostic {
  const data: DiagnosticData = { rule: f.rule, fingerprint: f.fingerprint, version: folder.versionIn(analysis, f.file) };
  const diagnostic: Diagnostic = {
    range: spanToRange(f.span),
    severity: SEVERITY[f.severity],
    source: DIAGNOSTIC_SOURCE,
    code: f.rule,
    codeDescription: { href: f.docsUrl },
    message: f.message,
    data,
  };
  if (f.related?.length) {
    diagnostic.relatedInformation = f.related.map((r) => ({
      location: { uri: folder.uriOf(r.file), range: spanToRange(r.span) },
      message: r.message,
    }));
  }
  return diagnostic;
}

/** Diagnostics of one folder grouped by document URI, filtered by the minimum severity setting. */
export function diagnosticsByUri(folder: Folder, analysis: Analysis, minSeverity: EngineFinding['severity']): Map<string, Diagnostic[]> {
  const out = new Map<string, Diagnostic[]>();
  for (const f of analysis.result.findings) {
    if (RANK[f.severity] < RANK[minSeverity]) continue;
    const uri = folder.uriOf(f.file);
    const list = out.get(uri) ?? [];
    list.push(toDiagnostic(folder, analysis, f));
    out.set(uri, list);
  }
  if (folder.configProblem) {
    const uri = folder.uriOf('readiness.config.json');
    const list = out.get(uri) ?? [];
    const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } };
    list.push({ range, severity: DiagnosticSeverity.Error, source: DIAGNOSTIC_SOURCE, code: 'config', message: folder.configProblem });
    out.set(uri, list);
  }
  return out;
}

export type Publish = (uri: string, diagnostics: Diagnostic[]) => void;

/** Remembers what was last published per URI so that only changes go over the wire. */
export class DiagnosticsPublisher {
  private readonly last = new Map<string, Map<string, string>>();
  private readonly counts = new Map<string, number>();

  constructor(private readonly publish: Publish) {}

  /** Publish a folder's new diagnostics; returns the number of URIs actually sent. */
  update(folderUri: string, next: Map<string, Diagnostic[]>): number {
    const previous = this.last.get(folderUri) ?? new Map<string, string>();
    const current = new Map<string, string>();
    let sent = 0;
    let total = 0;
    for (const [uri, diagnostics] of next) {
      total += diagnostics.length;
      const key = JSON.stringify(diagnostics);
      current.set(uri, key);
      if (previous.get(uri) !== key) {
        this.publish(uri, diagnostics);
        sent++;
      }
    }
    for (const uri of previous.keys()) {
      if (!current.has(uri)) {
        this.publish(uri, []);
        sent++;
      }
    }
    this.last.set(folderUri, current);
    this.counts.set(folderUri, total);
    return sent;
  }

  /** Clear every diagnostic of a folder (folder removed or disabled). */
  clear(folderUri: string): void {
    this.update(folderUri, new Map());
    this.last.delete(folderUri);
  }

  /** Diagnostics currently published for a folder. */
  count(folderUri: string): number {
    return this.counts.get(folderUri) ?? 0;
  }
}
