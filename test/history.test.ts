import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { scanHistory, historyNote, historyOptionsFromFlags } from '../server/src/history';
import { PatchParser, type AddedBlock } from '../server/src/history/patch-parser';
import { scanWorkspace } from '../server/src/scan';
import { FAKE } from './helpers/fake-secrets';
import { compareExpectations, expectations } from './helpers/fixture';

const GIT_ENV = {
  ...process.env,
  GIT_AUTHOR_NAME: 'Test', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 'Test', GIT_COMMITTER_EMAIL: 't@example.com',
  GIT_CONFIG_NOSYSTEM: '1', HOME: tmpdir(),
};

/** A real repository built commit by commit: each step writes (or deletes, with null) files and commits. */
function repo(steps: Record<string, string | null>[]): string {
  const root = mkdtempSync(join(tmpdir(), 'readiness-history-'));
  const git = (...args: string[]) => execFileSync('git', args, { cwd: root, env: GIT_ENV, stdio: ['ignore', 'pipe', 'pipe'] });
  git('init', '-q', '-b', 'main');
  steps.forEach((files, i) => {
    for (const [file, text] of Object.entries(files)) {
      const abs = join(root, file);
      if (text === null) rmSync(abs);
      else {
        mkdirSync(dirname(abs), { recursive: true });
        writeFileSync(abs, text);
      }
    }
    git('add', '-A');
    git('commit', '-q', '-m', `step ${i}`);
  });
  return root;
}

const openai = FAKE.openai();
const stripe = FAKE.stripeLive();

function sampleRepo(): string {
  return repo([
    { 'src/llm.ts': `// llm client\nimport OpenAI from 'openai';\nexport const key = "${openai}";\n`, 'README.md': '# app\n' },
    { 'src/llm.ts': `// llm client\nimport OpenAI from 'openai';\nexport const key = process.env.OPENAI_API_KEY;\n` },
    { 'src/pay.ts': `export const stripeKey = '${stripe}';\nexport const example = "sk-your-key-here-xxxxxxxxxxxxxxxxxxxxxxxxxxxx";\n` },
    { 'src/pay.ts': `export const stripeKey = '${stripe}';\nexport const other = 1;\n` },
  ]);
}

test('history: finds secrets on added lines with commit, file, line; keeps the oldest commit; never the value', async () => {
  const root = sampleRepo();
  const h = await scanHistory(root);
  assert.equal(h.error, undefined);
  assert.equal(h.commitsScanned, 4);
  assert.equal(h.truncated, false);
  assert.deepEqual(h.findings.map((f) => [f.file, f.line, f.kind]), [
    ['src/llm.ts', 3, 'openai-key'],
    ['src/pay.ts', 1, 'stripe-live-secret'],
  ]);
  const first = execFileSync('git', ['rev-list', '--max-parents=0', 'HEAD'], { cwd: root }).toString().trim();
  assert.equal(h.findings[0].commit, first.slice(0, 7));
  assert.match(h.findings[0].date, /^\d{4}-\d{2}-\d{2}T/);
  const json = JSON.stringify(h);
  assert.ok(!json.includes(openai.slice(0, 10)) && !json.includes(stripe.slice(0, 10)));
});

test('history: the rule says whether the secret is still in the tree', async () => {
  const root = sampleRepo();
  const scan = await scanWorkspace(root, { cache: false, config: {}, workerThreshold: 0, history: {} });
  const fs = scan.result.findings.filter((f) => f.rule === 'secret-in-history');
  assert.deepEqual(fs.map((f) => [f.file, f.span.line]), [['src/llm.ts', 3], ['src/pay.ts', 1]]);
  assert.match(fs[0].message, /^OpenAI API key assigned to key \(sk-p…, \d+ chars\) was committed in [0-9a-f]{7} .* has since been removed/);
  assert.match(fs[1].message, /still in the current tree/);
});

test('history: without --history the rule is silent', async () => {
  const scan = await scanWorkspace(sampleRepo(), { cache: false, config: {}, workerThreshold: 0 });
  assert.equal(scan.model.history, undefined);
  assert.deepEqual(scan.result.findings.filter((f) => f.rule === 'secret-in-history'), []);
});

test('history: bounds stop the walk and say so', async () => {
  const root = sampleRepo();
  const byCount = await scanHistory(root, { maxCommits: 2 });
  assert.equal(byCount.commitsScanned, 2);
  assert.equal(byCount.truncated, true);
  assert.deepEqual(byCount.findings.map((f) => f.file), ['src/pay.ts']);
  assert.match(historyNote(byCount) ?? '', /newest 2 commits/);
  const byBytes = await scanHistory(root, { maxBytes: 200 });
  assert.equal(byBytes.truncated, true);
});

test('history: a folder outside git reports an error instead of throwing', async () => {
  const root = mkdtempSync(join(tmpdir(), 'readiness-nogit-'));
  const h = await scanHistory(root);
  assert.ok(h.error);
  assert.match(historyNote(h) ?? '', /not scanned/);
});

test('history: flags parse into options', () => {
  assert.equal(historyOptionsFromFlags({}), undefined);
  assert.deepEqual(historyOptionsFromFlags({ history: true }), {});
  assert.deepEqual(historyOptionsFromFlags({ history: true, 'history-depth': '50' }), { maxCommits: 50 });
  assert.throws(() => historyOptionsFromFlags({ 'history-depth': 'x' }), /positive whole number/);
});

test('patch parser: line numbers from hunk headers, lockfiles skipped, deleted files ignored', () => {
  const blocks: AddedBlock[] = [];
  const p = new PatchParser((b) => blocks.push(b));
  const lines = [
    '\0commit 0123456789abcdef 2024-01-02T03:04:05+00:00', '',
    'diff --git a/src/a.ts b/src/a.ts', '--- a/src/a.ts', '+++ b/src/a.ts',
    '@@ -3,0 +4,2 @@', '+one', '+++two', '@@ -10 +12 @@', '-old', '+twelve',
    'diff --git a/package-lock.json b/package-lock.json', '+++ b/package-lock.json', '@@ -1 +1 @@', '+lock',
    'diff --git a/gone.ts b/gone.ts', '--- a/gone.ts', '+++ /dev/null', '@@ -1 +0,0 @@', '-x',
  ];
  for (const l of lines) p.push(l);
  p.flush();
  assert.deepEqual(blocks.map((b) => [b.file, b.lines, b.lineNumbers]), [['src/a.ts', ['one', '++two', 'twelve'], [4, 5, 12]]]);
  assert.equal(p.commits, 1);
});

test('history: inline markers on the lines as they were committed', async () => {
  const first = {
    'src/keys.ts': [
      '// keys',
      `export const anthropic = "${FAKE.anthropic()}"; // expect: secret-in-history`,
      'export const sample = "sk-your-key-here-xxxxxxxxxxxxxxxxxxxxxxxxxxxx"; // ok: secret-in-history',
      `export const testKey = "${FAKE.stripeTest()}"; // ok: secret-in-history`,
      '',
    ].join('\n'),
  };
  const root = repo([first, { 'src/keys.ts': null, 'src/ok.ts': 'export const ok = 1;\n' }]);
  const scan = await scanWorkspace(root, { cache: false, config: {}, workerThreshold: 0, history: {} });
  assert.deepEqual(compareExpectations(expectations(first), scan.result.findings, ['secret-in-history']), []);
});

test('history: the built CLI scans history with --history and notes a non-git folder on stderr', async () => {
  const { runCli } = await import('./helpers/cli');
  const root = sampleRepo();
  const r = runCli(['scan', root, '--history', '--format', 'json', '--fail-on', 'never']);
  assert.equal(r.code, 0, r.stderr);
  const report = JSON.parse(r.stdout) as { findings: { rule: string; file: string; line: number; message: string }[] };
  const hist = report.findings.filter((f) => f.rule === 'secret-in-history');
  assert.deepEqual(hist.map((f) => [f.file, f.line]), [['src/llm.ts', 3], ['src/pay.ts', 1]]);
  assert.ok(!r.stdout.includes(openai.slice(0, 10)));
  const plain = runCli(['scan', root, '--format', 'json', '--fail-on', 'never']);
  assert.ok(!plain.stdout.includes('secret-in-history'), 'history is only read on request');
  const nogit = runCli(['scan', mkdtempSync(join(tmpdir(), 'readiness-nogit-')), '--history', '--history-depth', '5']);
  assert.match(nogit.stderr, /git history was not scanned/);
  assert.match(runCli(['scan', root, '--history-depth', 'zero']).stderr, /--history-depth must be a positive whole number/);
});

test('history: docs and tests only count provider key formats; keys in tests are warnings', async () => {
  const root = repo([
    {
      'README.md': "Sign with `jwt.sign(payload, 'my-secret-value')` and `session({ secret: 'keyboard cat' })`.\n",
      'test/auth.test.ts': `const t = jwt.sign({ sub: 'u1' }, 'test-secret-123');\nconst k = "${FAKE.github()}";\n`,
      'docs/setup.md': `Paste your key: ${FAKE.sendgrid()}\n`,
    },
  ]);
  const scan = await scanWorkspace(root, { cache: false, config: {}, workerThreshold: 0, history: {} });
  const fs = scan.result.findings.filter((f) => f.rule === 'secret-in-history');
  assert.deepEqual(fs.map((f) => [f.file, f.span.line, f.severity]), [['docs/setup.md', 1, 'error'], ['test/auth.test.ts', 2, 'warning']]);
});
