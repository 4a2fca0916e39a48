/**
 * readiness.baseline.json: the fingerprints of findings a team has accepted for now, so that scans and the editor
 * report only new ones. Fingerprints hash rule + file + a stable key, so they survive unrelated line moves.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { EngineFinding } from './engine';

export const BASELINE_FILE = 'readiness.baseline.json';

const baselineSchema = z.object({
  version: z.literal(1),
  createdAt: z.string(),
  findings: z.array(z.object({ fingerprint: z.string(), rule: z.string(), file: z.string(), route: z.string().nullable().optional() })),
});

export type Baseline = z.infer<typeof baselineSchema>;

export function createBaseline(findings: EngineFinding[]): Baseline {
  return {
    version: 1,
    createdAt: new Date().toISOString(),
    findings: findings.map((f) => ({ fingerprint: f.fingerprint, rule: f.rule, file: f.file, route: f.route })),
  };
}

export function writeBaseline(file: string, baseline: Baseline): void {
  writeFileSync(file, JSON.stringify(baseline, null, 2) + '\n');
}

/**
 * Load a baseline: an explicit file must exist; otherwise the root's readiness.baseline.json (or the config's
 * `baseline` path) is used when present. Returns undefined when there is none.
 */
export function loadBaseline(root: string, explicit?: string, configured?: string): ReadonlySet<string> | undefined {
  const file = explicit ?? join(root, configured ?? BASELINE_FILE);
  if (!existsSync(file)) {
    if (explicit) throw new Error(`${explicit}: baseline file not found`);
    return undefined;
  }
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new Error(`${explicit ?? BASELINE_FILE}: not valid JSON (${(e as Error).message})`);
  }
  const parsed = baselineSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${explicit ?? BASELINE_FILE}: ${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`);
  }
  return new Set(parsed.data.findings.map((f) => f.fingerprint));
}
