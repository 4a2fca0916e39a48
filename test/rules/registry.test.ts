/**
 * Consistency of the rule set: every rule file is registered under its own id, documented, placed on a scorecard
 * row, and tested with both outcomes (an `expect:` and an `ok:` marker for it somewhere in test/ fixtures).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { RULES } from '../../rules/index';
import { CHECKLIST } from '../../rules/checklist';

const ROOT = join(__dirname, '..', '..');
const CONTRACT_IDS = [
  'auth-missing', 'authz-missing', 'validation-missing', 'ratelimit-missing', 'secret-hardcoded', 'secret-client-exposed',
  'env-file-committed', 'secret-in-history', 'cors-permissive', 'webhook-unverified', 'log-sensitive', 'error-leak',
  'llm-tool-authz', 'health-missing', 'monitoring-missing', 'env-undocumented', 'handover-missing',
];

function allTestText(): string {
  const parts: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      if (name === '.artifacts' || name === 'node_modules') continue;
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.(m?[jt]sx?|json)$/.test(name)) parts.push(readFileSync(p, 'utf8'));
    }
  };
  walk(join(ROOT, 'test'));
  return parts.join('\n');
}

test('every contract rule id is registered, and the registry is sorted', () => {
  assert.deepEqual(Object.keys(RULES).sort(), [...CONTRACT_IDS].sort());
  assert.deepEqual(Object.keys(RULES), [...Object.keys(RULES)].sort());
});

test('every rule file is registered under its file name', () => {
  const files = readdirSync(join(ROOT, 'rules')).filter((f) => f.endsWith('.ts') && !['api.ts', 'index.ts', 'checklist.ts'].includes(f));
  for (const file of files) {
    const id = file.replace(/\.ts$/, '');
    assert.ok(RULES[id], `rules/${file} is registered`);
    assert.equal(RULES[id].meta.id, id, `rules/${file} meta.id`);
  }
});

test('every rule has a docs page and a scorecard row', () => {
  for (const [id, rule] of Object.entries(RULES)) {
    assert.equal(rule.meta.docs, `rules/docs/${id}.md`);
    const doc = join(ROOT, rule.meta.docs);
    assert.ok(existsSync(doc), `${doc} exists`);
    assert.ok(readFileSync(doc, 'utf8').length > 400, `${id} docs say something`);
    const row = CHECKLIST.find((r) => r.rules.includes(id));
    assert.ok(row, `${id} is on a scorecard row`);
    assert.equal(row.id, rule.meta.check, `${id} row matches meta.check`);
  }
});

test('every rule is tested with both outcomes', () => {
  const text = allTestText();
  for (const id of Object.keys(RULES)) {
    const escaped = id.replace(/-/g, '\\-');
    assert.match(text, new RegExp(`(expect|"kind":\\s*"expect")[^\\n]*${escaped}|expect:\\s*[\\w-, ]*${escaped}`), `${id} has an expect fixture`);
    assert.match(text, new RegExp(`ok:\\s*[\\w-, ]*${escaped}|"kind":\\s*"ok"[^\\n]*${escaped}`), `${id} has an ok fixture`);
  }
});
