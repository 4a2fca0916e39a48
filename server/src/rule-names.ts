/**
 * Rule ids as users type them: in the config's `rules` and in readiness-ignore comments. A misspelt id there is
 * otherwise silent (the rule still runs, the comment suppresses nothing), so both places name the nearest real id.
 */
import { RULES } from '../../rules/index';
import type { WorkspaceModel } from './model/types';

/** ` (did you mean auth-missing?)` for a near miss of a rule id, '' when nothing is close. */
export function suggestRule(id: string): string {
  const near = Object.keys(RULES).find((r) => r.startsWith(id) || id.startsWith(r) || editDistance(r, id) <= 2);
  return near ? ` (did you mean ${near}?)` : '';
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length];
}

/** One line per readiness-ignore comment naming a rule id that does not exist, e.g. `src/a.ts:6: … auth-mising`. */
export function unknownSuppressionRules(model: WorkspaceModel): string[] {
  const out: string[] = [];
  for (const [file, facts] of Object.entries(model.files)) {
    for (const s of facts.suppressions) {
      for (const rule of s.rules) {
        if (rule === '*' || RULES[rule]) continue;
        out.push(`${file}:${s.line}: readiness-ignore-${s.scope} names unknown rule "${rule}"${suggestRule(rule)}; it suppresses nothing`);
      }
    }
  }
  return out;
}
