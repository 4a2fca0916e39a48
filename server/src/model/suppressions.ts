/**
 * Inline suppressions: `// readiness-ignore-next-line <rule>[, <rule>] -- <reason>` and
 * `// readiness-ignore-file <rule> -- <reason>`. Read from text so that unparsed files honour them too.
 */
import type { LineMap } from './span';
import type { SuppressionFact } from './types';

const PATTERN = /(?:\/\/|\/\*|\{\/\*)\s*readiness-ignore-(next-line|file)\b([^\n]*)/g;

export function scanSuppressions(text: string, lines: LineMap): SuppressionFact[] {
  if (!text.includes('readiness-ignore-')) return [];
  const out: SuppressionFact[] = [];
  for (const m of text.matchAll(PATTERN)) {
    const rest = m[2].replace(/\*\/\s*\}?\s*$/, '').trim();
    const [rulePart, ...reasonParts] = rest.split(/\s--\s?|^--\s?/);
    const reason = reasonParts.join(' -- ').trim() || undefined;
    const rules = rulePart
      .split(/[\s,]+/)
      .map((r) => r.trim())
      .filter(Boolean);
    const start = m.index ?? 0;
    const span = lines.span(start, start + m[0].length);
    out.push({
      scope: m[1] === 'file' ? 'file' : 'next-line',
      rules: rules.length ? rules : ['*'],
      reason,
      line: span.line,
      span,
    });
  }
  return out;
}
