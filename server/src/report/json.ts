/**
 * The JSON report of `scan` (reportVersion 1, CONTRACT.md), built from a scan result. Other formats (SARIF,
 * Markdown, HTML, text) are rendered from this same object.
 */
import type { ScanResult } from '../scan';
import { version } from '../cli/version';

export const REPORT_VERSION = 1;

export function toJsonReport(scan: ScanResult, rootAsGiven: string) {
  const { model, result, scorecard } = scan;
  return {
    reportVersion: REPORT_VERSION,
    tool: { name: 'launch-readiness', version: version() },
    root: rootAsGiven,
    routes: model.routes.map((r) => ({
      method: r.method,
      path: r.path,
      file: r.file,
      line: r.span.line,
      framework: r.framework,
      tags: r.tags,
      protections: {
        auth: firstName(r.protections, 'auth'),
        rateLimit: firstName(r.protections, 'rateLimit'),
        validation: firstName(r.protections, 'validation'),
        roles: firstName(r.protections, 'role'),
      },
    })),
    findings: result.findings.map((f) => ({
      rule: f.rule,
      severity: f.severity,
      message: f.message,
      check: f.check,
      file: f.file,
      line: f.span.line,
      column: f.span.column,
      endLine: f.span.endLine,
      endColumn: f.span.endColumn,
      route: f.route,
      fingerprint: f.fingerprint,
      fixes: f.fixes.map((x) => ({ title: x.title })),
    })),
    scorecard: {
      verdict: scorecard.verdict,
      checks: scorecard.checks.map((c) => ({ id: c.id, title: c.title, status: c.status, findings: c.findings, source: c.source })),
    },
    stats: {
      files: Object.keys(model.files).length + model.skipped.filter((s) => !s.file.endsWith('/')).length,
      analyzedFiles: Object.values(model.files).filter((f) => f.parsed).length,
      skipped: model.skipped,
      durationMs: scan.durationMs,
      baselined: result.baselined,
      suppressed: result.suppressed,
    },
  };
}

function firstName(protections: { kind: string; name: string }[], kind: string): string | null {
  return protections.find((p) => p.kind === kind)?.name ?? null;
}

export type JsonReport = ReturnType<typeof toJsonReport>;
