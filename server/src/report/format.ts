/**
 * Shared wording for the human-readable reports (text, Markdown, HTML): verdict lines and status labels.
 */
import type { CheckStatus, Scorecard } from '../engine';

export const STATUS_LABEL: Record<CheckStatus, string> = { pass: 'pass', warn: 'warn', fail: 'FAIL', unknown: 'unknown' };
export const STATUS_ICON: Record<CheckStatus, string> = { pass: '✓', warn: '!', fail: '✗', unknown: '?' };

export function verdictLine(scorecard: Scorecard): string {
  const failing = scorecard.checks.filter((c) => c.status === 'fail').length;
  return scorecard.verdict === 'ready'
    ? 'Support-ready: no checklist item fails.'
    : `Not launch-ready: ${failing} checklist item${failing === 1 ? '' : 's'} fail${failing === 1 ? 's' : ''}.`;
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
