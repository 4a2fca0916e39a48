/**
 * secret-in-history: a secret exists in git history, whether or not it is still in the current tree. Reports the
 * facts of an on-demand history scan (`readiness scan --history`); without one it has nothing to say. Removing the
 * line does not help: the key must be rotated (and the history rewritten if the repository is shared widely).
 */
import { defineRule, type Finding, type HistoryFinding, type RuleContext, type Span } from './api';
import { isDocPath, isFormatKind, isTestPath, previewForMessage } from './lib/secrets';

export const secretInHistory = defineRule({
  meta: {
    id: 'secret-in-history',
    check: 'secrets',
    title: 'Secret in git history',
    description: 'A secret exists in git history even if it is gone from the current tree.',
    defaultSeverity: 'error',
    docs: 'rules/docs/secret-in-history.md',
    fixable: false,
  },
  detect(ctx) {
    const history = ctx.model.history;
    if (!history || history.error) return [];
    const out: Finding[] = [];
    for (const h of history.findings) {
      const inTest = isTestPath(h.file);
      if (h.confidence === 'low' || ((inTest || isDocPath(h.file)) && !isFormatKind(h.kind))) continue;
      if (inTest && h.confidence !== 'high') continue;
      const present = stillPresent(ctx, h);
      const now = present ? 'it is still in the current tree' : 'it has since been removed, but every clone keeps it';
      const to = h.assignedTo ? ` assigned to ${h.assignedTo}` : '';
      const message =
        `${h.title}${to} (${previewForMessage(h.preview)}) was committed in ${h.commit} (${h.date.slice(0, 10)}) to ` +
        `${h.file}:${h.line}; ${now}. Rotate it: removing the line does not revoke the key.`;
      const severity = inTest && ctx.severity === 'error' ? 'warning' : undefined;
      out.push(ctx.finding({ message, file: h.file, span: lineSpan(h.line), route: null, key: `${h.kind}:${h.assignedTo ?? ''}:${h.preview}`, severity }));
    }
    return out;
  },
});

/** Whether the current tree still holds the same secret (same kind and redacted preview) in that file. */
function stillPresent(ctx: RuleContext, h: HistoryFinding): boolean {
  const facts = ctx.model.files[h.file] ?? ctx.model.textFiles[h.file];
  return Boolean(facts?.secrets.some((s) => s.kind === h.kind && s.preview === h.preview));
}

/** History lines have no offsets in the current text; the span carries the line only. */
function lineSpan(line: number): Span {
  return { start: 0, end: 0, line, column: 1, endLine: line, endColumn: 1 };
}
