import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { RULE_IDS } from '../../rules/index';
import { CORPUS, HOLDOUT, filesOf, labelsOf, listApps, materialise, prepare, stripMarkers, type App } from './lib/corpus';
import { emptyScore, scoreApp, table, type RuleScore } from './lib/score';
import type { Expectation } from '../helpers/fixture';

const FRAMEWORKS: Record<string, string> = { express: 'express', fastify: 'fastify', next: 'nextjs', '@nestjs/core': 'nestjs', hono: 'hono', koa: 'koa' };

function withApp<T>(app: App, fn: (root: string) => T): T {
  const root = materialise(app);
  try {
    return fn(root);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

const load = (app: App) => ({ app, ...withApp(app, (root) => ({ labels: labelsOf(app, root), files: filesOf(root), texts: readAll(root) })) });
const all = listApps().map(load);
// The held-out apps get the same well-formedness checks, but corpus-wide coverage tests stay about the corpus.
const holdout = existsSync(HOLDOUT) ? listApps(HOLDOUT).map(load) : [];

function readAll(root: string): Record<string, string[]> {
  return Object.fromEntries(filesOf(root).map((f) => [f, readFileSync(join(root, f), 'utf8').split('\n')]));
}

test('corpus: at least 12 apps, each with a package.json and at least one expected finding', () => {
  assert.ok(all.length >= 12, `only ${all.length} apps`);
  for (const { app, files, labels } of [...all, ...holdout]) {
    assert.ok(files.includes('package.json'), `${app.name} has no package.json`);
    assert.ok(labels.some((l) => l.kind === 'expect'), `${app.name} has no expect labels`);
  }
});

function frameworksOf(apps: typeof all): string[] {
  const seen = new Set<string>();
  for (const { texts } of apps) {
    for (const [file, lines] of Object.entries(texts)) {
      if (!file.endsWith('package.json')) continue;
      const deps = JSON.parse(lines.join('\n')).dependencies ?? {};
      for (const [dep, fw] of Object.entries(FRAMEWORKS)) if (deps[dep]) seen.add(fw);
    }
  }
  return [...seen].sort();
}

test('corpus: the six frameworks are all represented', () => {
  assert.deepEqual(frameworksOf(all), Object.values(FRAMEWORKS).sort());
});

test('holdout: at least 5 apps, kept apart from the corpus, covering the six frameworks between them', () => {
  assert.ok(holdout.length >= 5, `only ${holdout.length} held-out apps`);
  const corpusNames = new Set(all.map((a) => a.app.name));
  for (const { app } of holdout) assert.ok(!corpusNames.has(app.name), `${app.name} is in both corpus and holdout`);
  assert.deepEqual(frameworksOf(holdout), Object.values(FRAMEWORKS).sort());
});

test('corpus: every rule id has both an expected finding and a hard negative somewhere', () => {
  const labels = all.flatMap((a) => a.labels);
  for (const rule of RULE_IDS) {
    assert.ok(labels.some((l) => l.rule === rule && l.kind === 'expect'), `no expect label for ${rule}`);
    assert.ok(labels.some((l) => l.rule === rule && l.kind === 'ok'), `no ok label for ${rule}`);
  }
});

test('corpus: labels name known rules, point at existing lines, and never say expect and ok for one line', () => {
  for (const { app, labels, texts } of [...all, ...holdout]) {
    const history = new Set((app.history ?? []).flatMap((s) => Object.keys(s)));
    const keys = new Map<string, Expectation['kind']>();
    for (const l of labels) {
      const where = `${app.name}/${l.file}:${l.line} (${l.rule})`;
      assert.ok((RULE_IDS as readonly string[]).includes(l.rule), `unknown rule in ${where}`);
      assert.ok(l.kind === 'expect' || l.kind === 'ok', `bad kind in ${where}`);
      if (l.rule !== 'secret-in-history' || !history.has(l.file)) {
        assert.ok(texts[l.file], `label on a missing file: ${where}`);
        assert.ok(l.line >= 1 && l.line <= texts[l.file].length, `label past the end of the file: ${where}`);
      }
      const k = `${l.file}:${l.line}:${l.rule}`;
      assert.ok(!keys.has(k) || keys.get(k) === l.kind, `both expect and ok on ${where}`);
      keys.set(k, l.kind);
    }
  }
});

test('corpus: the repository holds no credential-shaped strings; fakes are generated when an app is materialised', () => {
  const SHAPES = [/AKIA(?!IOSFODNN7EXAMPLE)[A-Z2-7]{16}/, /sk-proj-[A-Za-z0-9]{20}/, /sk_live_[A-Za-z0-9]{20}/, /-----BEGIN [A-Z ]*PRIVATE KEY-----/, /xoxb-\d{6,}/];
  for (const app of [...listApps(), ...holdout.map((h) => h.app)]) {
    for (const f of filesOf(app.dir)) {
      const text = readFileSync(join(app.dir, f), 'utf8');
      for (const re of SHAPES) assert.ok(!re.test(text), `${app.name}/${f} holds a credential-shaped string (${re})`);
    }
  }
  const widget = all.find((a) => a.app.name === 'express-widget-js')!;
  assert.ok(widget.files.includes('.env'), '_.env is materialised as .env');
  assert.ok(widget.texts['lib/openai.js'].some((l) => /sk-proj-[A-Za-z0-9]{48}/.test(l)), 'the fake OpenAI key is substituted');
  assert.ok(CORPUS.endsWith('corpus'));
});

test('score: TP on expect lines, FP on ok and unlabelled lines, FN for missed expects, duplicates once', () => {
  const labels: Expectation[] = [
    { file: 'a.ts', line: 3, rule: 'auth-missing', kind: 'expect' },
    { file: 'a.ts', line: 5, rule: 'auth-missing', kind: 'expect' },
    { file: 'a.ts', line: 7, rule: 'auth-missing', kind: 'ok' },
  ];
  const findings = [
    { rule: 'auth-missing', file: 'a.ts', line: 3 },
    { rule: 'auth-missing', file: 'a.ts', line: 3 },
    { rule: 'auth-missing', file: 'a.ts', line: 7 },
    { rule: 'auth-missing', file: 'b.ts', line: 3 },
    { rule: 'error-leak', file: 'a.ts', line: 9 },
  ];
  const scores = new Map<string, RuleScore>([['auth-missing', emptyScore('auth-missing')]]);
  scoreApp('demo', findings, labels, scores);
  const auth = scores.get('auth-missing')!;
  assert.deepEqual([auth.tp, auth.fp, auth.fn], [1, 2, 1]);
  assert.deepEqual(auth.fps.map((m) => `${m.file}:${m.line}:${m.labelled}`), ['a.ts:7:ok', 'b.ts:3:none']);
  assert.deepEqual(auth.fns.map((m) => `${m.file}:${m.line}`), ['a.ts:5']);
  assert.equal(scores.get('error-leak')!.fp, 1, 'rules without labels still count their findings');
  assert.match(table([...scores.values()]), /\| auth-missing \| 1 \| 2 \| 1 \| 0\.33 \| 0\.50 \|/);
  assert.match(table([...scores.values()]), /\| TOTAL \| 1 \| 3 \| 1 \| 0\.25 \| 0\.50 \|/);
});

test('corpus: history.json replays commits in a fresh git repository, and the removed file stays only in history', () => {
  const app = listApps().find((a) => a.history)!;
  assert.ok(app, 'one app covers secret-in-history');
  withApp(app, (root) => {
    const log = execFileSync('git', ['log', '--format=%s'], { cwd: root }).toString().trim().split('\n');
    assert.equal(log.length, app.history!.length + 1);
    const removed = Object.entries(app.history!.at(-1)!).filter(([, v]) => v === null).map(([k]) => k);
    for (const file of removed) assert.ok(!existsSync(join(root, file)), `${file} is gone from the tree`);
    const first = execFileSync('git', ['show', `HEAD~1:${removed[0]}`], { cwd: root }).toString();
    assert.match(first, /sk_live_[A-Za-z0-9]{40}/, 'the fake key was substituted in the replayed commit');
  });
});

test('corpus: prepare() strips label markers from the scanned copy but keeps every line number', () => {
  assert.equal(stripMarkers("app.get('/x', h); // ok: auth-missing // expect: ratelimit-missing, cors-permissive"), "app.get('/x', h);");
  assert.equal(stripMarkers('  // expect: authz-missing\nq();'), '\nq();');
  assert.equal(stripMarkers('f(); // expect: ratelimit-missing (IP only: warning)'), 'f();');
  assert.equal(stripMarkers('// Stripe needs the raw body: ok'), '// Stripe needs the raw body: ok');
  const app = listApps().find((a) => a.name === 'express-helpdesk')!;
  const { root, labels } = prepare(app);
  try {
    assert.deepEqual(labels, withApp(app, (r) => labelsOf(app, r)));
    const lines = readFileSync(join(root, 'src/routes/admin.ts'), 'utf8').split('\n');
    const original = readFileSync(join(app.dir, 'src/routes/admin.ts'), 'utf8').split('\n');
    assert.equal(lines.length, original.length);
    assert.ok(!lines.some((l) => /\/\/\s*(expect|ok):/.test(l)));
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
