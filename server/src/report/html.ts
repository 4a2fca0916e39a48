/**
 * A self-contained HTML report (no scripts, inline CSS): verdict, scorecard, findings and routes. Every piece of
 * workspace-derived text is escaped.
 */
import type { ScanResult } from '../scan';
import { STATUS_ICON, STATUS_LABEL, verdictLine } from './format';

export function htmlEscape(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const CSS = `body{font:14px/1.5 system-ui,sans-serif;margin:2rem;color:#1b1f24}table{border-collapse:collapse;margin:1rem 0}
td,th{border:1px solid #d0d7de;padding:.3rem .6rem;text-align:left;vertical-align:top}.pass{color:#1a7f37}.warn{color:#9a6700}
.fail{color:#cf222e;font-weight:600}.unknown{color:#57606a}.error{color:#cf222e}.warning{color:#9a6700}.info{color:#0969da}code{font-size:13px}.rule{white-space:nowrap}`;

export function toHtml(scan: ScanResult): string {
  const { scorecard, result, model } = scan;
  const e = htmlEscape;
  const rows = scorecard.checks
    .map((c) => `<tr><td>${e(c.title)}</td><td class="${c.status}">${STATUS_ICON[c.status]} ${STATUS_LABEL[c.status]}</td><td>${c.findings}</td><td>${e(c.whatBreaks)}</td></tr>`)
    .join('\n');
  const findings = result.findings
    .map((f) => `<tr><td class="${f.severity}">${f.severity}</td><td><code>${e(f.file)}:${f.span.line}</code></td><td>${e(f.message)}</td><td class="rule"><a href="${e(f.docsUrl)}">${e(f.rule)}</a></td></tr>`)
    .join('\n');
  const routes = model.routes
    .map((r) => {
      const p = (kind: string) => e(r.protections.filter((x) => x.kind === kind).map((x) => x.name).join(', ') || '—');
      return `<tr><td>${r.method}</td><td><code>${e(r.path)}</code></td><td>${e(r.file)}:${r.span.line}</td><td>${p('auth')}</td><td>${p('rateLimit')}</td><td>${p('validation')}</td><td>${p('role')}</td></tr>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Launch Readiness report</title><style>${CSS}</style></head>
<body>
<h1>Launch Readiness report</h1>
<p><strong>${e(verdictLine(scorecard))}</strong></p>
<table><thead><tr><th>Check</th><th>Status</th><th>Findings</th><th>What breaks if it fails</th></tr></thead><tbody>
${rows}
</tbody></table>
<h2>Findings (${result.findings.length})</h2>
<table><thead><tr><th>Severity</th><th>Where</th><th>Message</th><th>Rule</th></tr></thead><tbody>
${findings}
</tbody></table>
<h2>Routes (${model.routes.length})</h2>
<table><thead><tr><th>Method</th><th>Path</th><th>File</th><th>Auth</th><th>Rate limit</th><th>Validation</th><th>Roles</th></tr></thead><tbody>
${routes}
</tbody></table>
</body></html>
`;
}
