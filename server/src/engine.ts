/**
 * The rule engine: runs every enabled rule over a snapshot (a rule that throws is reported, not fatal), applies
 * config severities, inline suppressions and the baseline, fingerprints findings, and builds the scorecard.
 */
import { createHash } from 'node:crypto';
import type { ReadinessConfig, RuleSetting } from './config';
import type { CheckId, Finding, Rule, RuleContext, Severity } from '../../rules/api';
import { CHECKLIST } from '../../rules/checklist';
import { RULES } from '../../rules/index';
import type { WorkspaceModel } from './model/types';
import { readSourceText } from './source-text';
import { suggestRule } from './rule-names';

export const DOCS_BASE = 'https://github.com/launch-readiness/launch-readiness/blob/main/';

export interface EngineFinding extends Finding {
  check: CheckId;
  fingerprint: string;
  docsUrl: string;
}

export interface RuleError {
  rule: string;
  message: string;
}

export interface EngineResult {
  findings: EngineFinding[];
  /** Findings hidden by `readiness-ignore-*` comments with a reason. */
  suppressed: number;
  /** Findings hidden because their fingerprint is in the baseline. */
  baselined: number;
  ruleErrors: RuleError[];
  /** Rules that ran (enabled ones), for the scorecard's unknown rows. */
  ranRules: string[];
}

export interface EngineOptions {
  /** Fingerprints to hide (from readiness.baseline.json). */
  baseline?: ReadonlySet<string>;
  /** Only these rules (e.g. for a quick fix's re-check); default all enabled rules. */
  only?: readonly string[];
  /** Read a file's current text (editor buffers win over disk in the language server). */
  readText?: (file: string) => string | undefined;
}

function settingOf(config: ReadinessConfig, id: string): { severity?: Severity | 'off'; options?: unknown } {
  const s: RuleSetting | undefined = config.rules?.[id];
  if (!s) return {};
  return typeof s === 'string' ? { severity: s } : { severity: s.severity, options: s.options };
}

export function fingerprintOf(rule: string, file: string, key: string): string {
  return createHash('sha1').update(`${rule}\0${file}\0${key}`).digest('hex').slice(0, 20);
}

function parseOptions(rule: Rule<unknown>, raw: unknown): unknown {
  if (!rule.meta.options) return raw ?? {};
  const parsed = rule.meta.options.safeParse(raw ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`rules.${rule.meta.id}.options.${issue.path.map(String).join('.')}: ${issue.message}`);
  }
  return parsed.data;
}

/** Validate every configured rule id and its options up front, so a bad config fails with the field named. */
export function validateRuleConfig(config: ReadinessConfig, file = 'readiness.config.json'): void {
  for (const [id, setting] of Object.entries(config.rules ?? {})) {
    const rule = RULES[id];
    if (!rule) throw new Error(`${file}: rules.${id}: unknown rule id${suggestRule(id)}`);
    if (typeof setting !== 'string' && setting.options !== undefined) {
      try {
        parseOptions(rule, setting.options);
      } catch (e) {
        throw new Error(`${file}: ${(e as Error).message}`);
      }
    }
  }
}

export function runRules(model: WorkspaceModel, config: ReadinessConfig, options: EngineOptions = {}): EngineResult {
  const readText = options.readText ?? ((file: string) => readSourceText(model.root, file));
  const texts = new Map<string, string | undefined>();
  const text = (file: string) => {
    if (!texts.has(file)) texts.set(file, model.files[file] || model.textFiles[file] ? readText(file) : undefined);
    return texts.get(file);
  };
  const findings: EngineFinding[] = [];
  const ruleErrors: RuleError[] = [];
  const ranRules: string[] = [];
  let suppressed = 0;
  let baselined = 0;
  const ids = options.only ?? Object.keys(RULES);
  for (const id of ids) {
    const rule = RULES[id];
    if (!rule) continue;
    const setting = settingOf(config, id);
    if (setting.severity === 'off') continue;
    const severity: Severity = setting.severity ?? rule.meta.defaultSeverity;
    ranRules.push(id);
    let produced: Finding[];
    try {
      const ctx: RuleContext<unknown> = {
        model,
        options: parseOptions(rule, setting.options),
        severity,
        text,
        slice: (file, span) => text(file)?.slice(span.start, span.end) ?? '',
        finding: (init) => ({ fixes: [], ...init, rule: id, severity: init.severity ?? severity }),
        routes: model.routes,
      };
      produced = rule.detect(ctx);
    } catch (e) {
      ruleErrors.push({ rule: id, message: (e as Error).message });
      continue;
    }
    for (const f of produced) {
      const suppression = suppressionFor(model, f);
      if (suppression === 'suppressed') {
        suppressed++;
        continue;
      }
      const fingerprint = fingerprintOf(f.rule, f.file, f.key);
      if (options.baseline?.has(fingerprint)) {
        baselined++;
        continue;
      }
      const message = suppression === 'no-reason' ? `${f.message} (a readiness-ignore comment without a reason does not suppress: add "-- why")` : f.message;
      findings.push({ ...f, message, check: rule.meta.check, fingerprint, docsUrl: DOCS_BASE + rule.meta.docs });
    }
  }
  findings.sort((a, b) => (a.file === b.file ? a.span.start - b.span.start || (a.rule < b.rule ? -1 : 1) : a.file < b.file ? -1 : 1));
  return { findings, suppressed, baselined, ruleErrors, ranRules };
}

function suppressionFor(model: WorkspaceModel, f: Finding): 'suppressed' | 'no-reason' | undefined {
  const sups = model.files[f.file]?.suppressions;
  if (!sups?.length) return undefined;
  let noReason = false;
  for (const s of sups) {
    if (!s.rules.includes(f.rule) && !s.rules.includes('*')) continue;
    const applies = s.scope === 'file' || s.line === f.span.line - 1 || s.line === f.span.line;
    if (!applies) continue;
    if (s.reason) return 'suppressed';
    noReason = true;
  }
  return noReason ? 'no-reason' : undefined;
}

export type CheckStatus = 'pass' | 'warn' | 'fail' | 'unknown';

export interface ScorecardCheck {
  id: CheckId;
  title: string;
  whatBreaks: string;
  status: CheckStatus;
  findings: number;
  source: 'static' | 'probe' | 'both';
}

export interface Scorecard {
  verdict: 'ready' | 'not-ready';
  checks: ScorecardCheck[];
}

/** Probe results that feed scorecard rows (see probe/join.ts); statuses already mapped to pass/warn/fail/unknown. */
export interface ProbeRowInput {
  checkId: string;
  status: 'pass' | 'warn' | 'fail' | 'skip' | 'error';
}

export function buildScorecard(result: Pick<EngineResult, 'findings' | 'ranRules'>, probe?: ProbeRowInput[]): Scorecard {
  const ran = new Set(result.ranRules);
  const checks: ScorecardCheck[] = CHECKLIST.map((row) => {
    const rowFindings = result.findings.filter((f) => f.check === row.id);
    const rulesRan = row.rules.some((r) => ran.has(r));
    const probed = (probe ?? []).filter((p) => row.probeChecks.includes(p.checkId) && p.status !== 'skip');
    let status: CheckStatus = 'unknown';
    if (rulesRan) {
      // Any open finding keeps a row from passing; only errors fail it.
      status = rowFindings.some((f) => f.severity === 'error') ? 'fail' : rowFindings.length ? 'warn' : 'pass';
    }
    if (probed.length) {
      const worst = probed.some((p) => p.status === 'fail') ? 'fail' : probed.some((p) => p.status === 'warn' || p.status === 'error') ? 'warn' : 'pass';
      const rank = { unknown: -1, pass: 0, warn: 1, fail: 2 } as const;
      status = status === 'unknown' || rank[worst] > rank[status] ? worst : status;
    }
    const source = rulesRan && probed.length ? 'both' : probed.length ? 'probe' : 'static';
    return { id: row.id, title: row.title, whatBreaks: row.whatBreaks, status, findings: rowFindings.length, source };
  });
  return { verdict: checks.some((c) => c.status === 'fail') ? 'not-ready' : 'ready', checks };
}
