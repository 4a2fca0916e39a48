import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/cli';
import { jsonReportSchema } from '../helpers/report-schema';
import { writeFixture } from '../helpers/fixture';

const EXAMPLE = 'examples/support-bot';

test('scan --format json validates against the contract schema', () => {
  const r = runCli(['scan', EXAMPLE, '--format', 'json', '--fail-on', 'never']);
  assert.equal(r.code, 0, r.stderr);
  const report = jsonReportSchema.parse(JSON.parse(r.stdout));
  assert.equal(report.root, EXAMPLE);
  assert.equal(report.scorecard.checks.length >= 12, true);
});

test('scan --format sarif has what GitHub code scanning needs', () => {
  const r = runCli(['scan', EXAMPLE, '--format', 'sarif', '--fail-on', 'never']);
  assert.equal(r.code, 0, r.stderr);
  const sarif = JSON.parse(r.stdout);
  assert.equal(sarif.version, '2.1.0');
  assert.equal(sarif.runs.length, 1);
  const driver = sarif.runs[0].tool.driver;
  assert.ok(driver.rules.length >= 17);
  for (const rule of driver.rules) {
    assert.ok(rule.id && rule.helpUri && rule.help.text && rule.shortDescription.text, `rule ${rule.id} has help`);
  }
  assert.ok(sarif.runs[0].results.length > 0, 'the example workspace has findings');
  for (const result of sarif.runs[0].results) {
    const loc = result.locations[0].physicalLocation;
    assert.ok(!loc.artifactLocation.uri.startsWith('/'), 'relative uri');
    assert.ok(loc.region.startLine >= 1);
    assert.ok(result.partialFingerprints['launchReadiness/v1']);
    assert.ok(driver.rules[result.ruleIndex].id === result.ruleId);
  }
});

test('markdown and html reports render the scorecard and escape workspace text', () => {
  const md = runCli(['scan', EXAMPLE, '--format', 'markdown', '--fail-on', 'never']);
  assert.equal(md.code, 0, md.stderr);
  assert.match(md.stdout, /^# Launch Readiness report/);
  assert.match(md.stdout, /\| Auth on all APIs \|/);
  const root = writeFixture({ 'src/<script>.ts': "import express from 'express';\nconst app = express();\napp.get('/x', (req, res) => res.json({}));\n" });
  const html = runCli(['scan', root, '--format', 'html', '--fail-on', 'never']);
  assert.equal(html.code, 0, html.stderr);
  assert.match(html.stdout, /<!doctype html>/);
  assert.ok(!html.stdout.includes('<script>.ts'), 'file names are escaped');
});

test('text output is the default and summarises routes and findings', () => {
  const r = runCli(['scan', EXAMPLE, '--fail-on', 'never']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /(Support-ready|Not launch-ready)/);
  assert.match(r.stdout, /\d+ routes?, \d+ findings?/);
});

test('text summary counts are singular for one and lines carry no trailing spaces', () => {
  const fixture = 'test/fixtures/fastify-cjs';
  const json = JSON.parse(runCli(['scan', fixture, '--format', 'json', '--fail-on', 'never']).stdout);
  const count = (sev: string) => json.findings.filter((f: { severity: string }) => f.severity === sev).length;
  const word = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
  assert.ok([count('error'), count('warning')].includes(1), 'the fixture has exactly one error or one warning');
  const r = runCli(['scan', fixture, '--fail-on', 'never']);
  assert.ok(r.stdout.includes(`(${word(count('error'), 'error')}, ${word(count('warning'), 'warning')}, ${count('info')} info)`), r.stdout);
  const trailing = r.stdout.split('\n').filter((l) => /\s$/.test(l));
  assert.deepEqual(trailing, []);
});

test('--output writes the report to a file', () => {
  const out = join(mkdtempSync(join(tmpdir(), 'readiness-out-')), 'r.json');
  const r = runCli(['scan', EXAMPLE, '--format', 'json', '--output', out, '--fail-on', 'never']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, '');
  jsonReportSchema.parse(JSON.parse(readFileSync(out, 'utf8')));
});

test('exit codes: 2 for usage errors, with a one-line message and no stack', () => {
  for (const args of [['scan', 'no/such/dir'], ['scan', '.', '--format', 'yaml'], ['scan', '--bogus'], ['frobnicate']]) {
    const r = runCli(args);
    assert.equal(r.code, 2, `${args.join(' ')} → ${r.code}`);
    assert.match(r.stderr, /^readiness: .+\n$/);
    assert.ok(!/\bat .+:\d+:\d+/.test(r.stderr), 'no stack trace');
  }
});

test('a bad config is exit 2 with a message naming the field', () => {
  const root = writeFixture({ 'readiness.config.json': JSON.stringify({ rules: { 'auth-missing': 'loud' } }) });
  const r = runCli(['scan', root]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /readiness\.config\.json: rules\.auth-missing: expected "off"/);
  writeFileSync(join(root, 'readiness.config.json'), '{ "publicRoutes": "GET /x" }');
  const r2 = runCli(['scan', root]);
  assert.equal(r2.code, 2);
  assert.match(r2.stderr, /publicRoutes/);
  writeFileSync(join(root, 'readiness.config.json'), '{ "rules": { "no-such-rule": "off" } }');
  const r3 = runCli(['scan', root]);
  assert.equal(r3.code, 2);
  assert.match(r3.stderr, /rules\.no-such-rule: unknown rule id/);
  writeFileSync(join(root, 'readiness.config.json'), '{ not json');
  const r4 = runCli(['scan', root]);
  assert.equal(r4.code, 2);
  assert.match(r4.stderr, /not valid JSON/);
});

test('a misspelt rule id in --config FILE names that file and suggests the rule', () => {
  const root = writeFixture({ 'ci/strict.json': JSON.stringify({ rules: { 'auth-missin': 'off' } }) });
  const r = runCli(['scan', root, '--config', join(root, 'ci/strict.json')]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /strict\.json: rules\.auth-missin: unknown rule id \(did you mean auth-missing\?\)/);
  assert.doesNotMatch(r.stderr, /readiness\.config\.json/);
});

test('an empty folder scans cleanly', () => {
  const root = mkdtempSync(join(tmpdir(), 'readiness-empty-'));
  const r = runCli(['scan', root, '--format', 'json']);
  assert.equal(r.code, 0, r.stderr);
  const report = jsonReportSchema.parse(JSON.parse(r.stdout));
  assert.deepEqual(report.routes, []);
  assert.equal(report.stats.files, 0);
});

test('--fail-on decides the exit code', () => {
  const root = writeFixture({
    'package.json': '{"name":"x","dependencies":{"express":"4"}}',
    'src/app.ts': "import express from 'express';\nconst app = express();\napp.post('/api/tickets/:id', (req, res) => { res.json({}); });\n",
  });
  const json = JSON.parse(runCli(['scan', root, '--format', 'json', '--fail-on', 'never']).stdout);
  const severities = new Set(json.findings.map((f: { severity: string }) => f.severity));
  assert.equal(runCli(['scan', root, '--fail-on', 'never']).code, 0);
  assert.equal(runCli(['scan', root, '--fail-on', 'info']).code, json.findings.length ? 1 : 0);
  assert.equal(runCli(['scan', root, '--fail-on', 'error']).code, severities.has('error') ? 1 : 0);
});

test('baseline: accepted findings are hidden and counted, new ones still reported', () => {
  const root = writeFixture({ 'src/key.ts': "export const stripe = 'sk_live_51HxQ2mKd8fJ3nB7vL0pR4tY6wE9zA1cX';\n" });
  const before = JSON.parse(runCli(['scan', root, '--format', 'json', '--fail-on', 'never']).stdout);
  assert.ok(before.findings.length > 0, 'the fixture has a finding to baseline');
  assert.equal(runCli(['baseline', root]).code, 0);
  const after = JSON.parse(runCli(['scan', root, '--format', 'json', '--fail-on', 'never']).stdout);
  assert.equal(after.findings.length, 0);
  assert.equal(after.stats.baselined, before.findings.length);
});

test('a workspace big enough for worker threads scans code naming Object.prototype members', () => {
  // Over 400 files that need a parse switches extraction to worker threads; `return valueOf(n)` once crashed a
  // worker (a function in the facts cannot be cloned) and the CLI exited 2 without a word.
  const files: Record<string, string> = { 'package.json': '{"name":"many","dependencies":{"express":"^4.19.0"}}' };
  for (let i = 0; i < 420; i++) {
    files[`src/r${i}.ts`] = `import { Router } from 'express';\nexport const r${i} = Router();\nr${i}.get('/health${i}', (req, res) => res.json({ ok: true }));\n`;
  }
  files['src/server.ts'] = [
    "import express from 'express';",
    'const app = express();',
    "app.get('/health', (req, res) => {",
    '  if (!req.query.n) return valueOf(req.query.n);',
    '  return res.json({ ok: toString() });',
    '});',
    'function valueOf(v: unknown) { return v; }',
  ].join('\n');
  const root = writeFixture(files);
  const r = runCli(['scan', root, '--format', 'json', '--fail-on', 'never', '--no-cache']);
  assert.equal(r.code, 0, `stderr: ${r.stderr}`);
  const report = JSON.parse(r.stdout);
  assert.deepEqual(report.stats.skipped, []);
  assert.equal(report.stats.analyzedFiles, 421);
  assert.ok(report.routes.some((r: { path: string; file: string }) => r.path === '/health' && r.file === 'src/server.ts'));
});

test('an option another command reads, or a second folder, is a usage error instead of being ignored', () => {
  for (const [args, message] of [
    [['handover', EXAMPLE, '--format', 'json'], /handover has no option --format/],
    [['scan', EXAMPLE, '--budget', '5'], /scan has no option --budget/],
    [['baseline', EXAMPLE, '--fail-on', 'never'], /baseline has no option --fail-on/],
    [['scan', EXAMPLE, 'src'], /scan takes one folder \(unexpected "src"\)/],
  ] as const) {
    const r = runCli([...args]);
    assert.equal(r.code, 2, `${args.join(' ')} → ${r.code}`);
    assert.match(r.stderr, message);
    assert.equal(r.stdout, '');
  }
});

test('a folder without HTTP routes says so under the verdict instead of a bare pass', () => {
  const root = writeFixture({ 'src/util.ts': 'export const add = (a: number, b: number) => a + b;\n' });
  const r = runCli(['scan', root]);
  assert.equal(r.code, 0, r.stderr);
  const [verdict, note] = r.stdout.split('\n');
  assert.match(verdict, /Support-ready/);
  assert.match(note, /^No HTTP routes found .*is this the API folder\?/);
  const withRoutes = runCli(['scan', EXAMPLE, '--fail-on', 'never']);
  assert.doesNotMatch(withRoutes.stdout, /No HTTP routes found/);
});

test('a readiness-ignore comment naming a misspelt rule warns on stderr with the nearest rule id', () => {
  const root = writeFixture({
    'src/app.ts': [
      "import express from 'express';",
      'const app = express();',
      '// readiness-ignore-next-line auth-mising -- behind the VPN',
      "app.get('/api/usage', (req, res) => res.json([]));",
    ].join('\n'),
  });
  const r = runCli(['scan', root, '--format', 'json', '--fail-on', 'never']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /src\/app\.ts:3: readiness-ignore-next-line names unknown rule "auth-mising" \(did you mean auth-missing\?\)/);
  JSON.parse(r.stdout);
  const ok = writeFixture({ 'src/app.ts': "// readiness-ignore-file auth-missing -- internal tool\nexport const x = 1;\n" });
  assert.doesNotMatch(runCli(['scan', ok, '--fail-on', 'never']).stderr, /unknown rule/);
});
