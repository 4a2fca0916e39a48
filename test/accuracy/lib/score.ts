/**
 * Scoring findings against corpus labels, per rule: TP = a finding on an `expect` line (same file, start line, rule);
 * FN = an `expect` without one; FP = a finding on an `ok` line or on a line with no label for that rule. Several
 * findings of one rule on one line count once (a rule that reports a line twice is a duplicate, not two hits).
 */
import type { Expectation } from '../../helpers/fixture';

export interface ScoredFinding { rule: string; file: string; line: number; message?: string }

export interface Miss { app: string; file: string; line: number; labelled: 'ok' | 'none' | 'expect'; message?: string }

export interface RuleScore { rule: string; tp: number; fp: number; fn: number; fps: Miss[]; fns: Miss[] }

export function emptyScore(rule: string): RuleScore {
  return { rule, tp: 0, fp: 0, fn: 0, fps: [], fns: [] };
}

const key = (rule: string, file: string, line: number) => `${rule}\u0000${file}\u0000${line}`;

/** Add one app's findings and labels to the per-rule scores (rules not in `scores` are added on the fly). */
export function scoreApp(app: string, findings: ScoredFinding[], labels: Expectation[], scores: Map<string, RuleScore>): void {
  const score = (rule: string) => scores.get(rule) ?? scores.set(rule, emptyScore(rule)).get(rule)!;
  const expected = new Set(labels.filter((l) => l.kind === 'expect').map((l) => key(l.rule, l.file, l.line)));
  const okLines = new Set(labels.filter((l) => l.kind === 'ok').map((l) => key(l.rule, l.file, l.line)));
  const seen = new Map<string, ScoredFinding>();
  for (const f of findings) if (!seen.has(key(f.rule, f.file, f.line))) seen.set(key(f.rule, f.file, f.line), f);
  for (const [k, f] of seen) {
    const s = score(f.rule);
    if (expected.has(k)) s.tp++;
    else {
      s.fp++;
      s.fps.push({ app, file: f.file, line: f.line, labelled: okLines.has(k) ? 'ok' : 'none', message: f.message });
    }
  }
  for (const l of labels) {
    if (l.kind !== 'expect' || seen.has(key(l.rule, l.file, l.line))) continue;
    const s = score(l.rule);
    s.fn++;
    s.fns.push({ app, file: l.file, line: l.line, labelled: 'expect' });
  }
}

const ratio = (a: number, b: number) => (b === 0 ? '-' : (a / b).toFixed(2));

export function totals(scores: RuleScore[]): RuleScore {
  const t = emptyScore('TOTAL');
  for (const s of scores) {
    t.tp += s.tp;
    t.fp += s.fp;
    t.fn += s.fn;
  }
  return t;
}

/** The per-rule table as Markdown (also readable as plain text in a terminal). */
export function table(scores: RuleScore[]): string {
  const rows = [...scores, totals(scores)].map((s) =>
    `| ${s.rule} | ${s.tp} | ${s.fp} | ${s.fn} | ${ratio(s.tp, s.tp + s.fp)} | ${ratio(s.tp, s.tp + s.fn)} |`,
  );
  return ['| rule | TP | FP | FN | precision | recall |', '| --- | ---: | ---: | ---: | ---: | ---: |', ...rows].join('\n');
}

/** FP/FN lines per rule, so rule authors can act on them. */
export function missList(scores: RuleScore[]): string {
  const out: string[] = [];
  for (const s of scores) {
    if (!s.fps.length && !s.fns.length) continue;
    out.push(`#### ${s.rule}`);
    for (const m of s.fps) out.push(`- FP ${m.app}/${m.file}:${m.line}${m.labelled === 'ok' ? ' (labelled ok)' : ' (unlabelled)'}${m.message ? ` — ${m.message.slice(0, 140)}` : ''}`);
    for (const m of s.fns) out.push(`- FN ${m.app}/${m.file}:${m.line}`);
  }
  return out.join('\n');
}
