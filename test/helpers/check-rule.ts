/**
 * The common shape of a rule test: scan a multi-file fixture and require that the rule's findings match the inline
 * `// expect:` / `// ok:` markers exactly. Returns the scan for further assertions.
 */
import assert from 'node:assert/strict';
import type { ReadinessConfig } from '../../server/src/config';
import { compareExpectations, expectations, parseFixture } from './fixture';
import { scanFixture } from './scan';

export async function checkRule(rule: string, fixture: string, config: ReadinessConfig = {}) {
  const files = parseFixture(fixture);
  const scan = await scanFixture(files, config);
  assert.deepEqual(compareExpectations(expectations(files), scan.result.findings, [rule]), []);
  return scan;
}
