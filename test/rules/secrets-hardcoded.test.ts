import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Project, ts } from 'ts-morph';
import { tmpdir } from 'node:os';
import { compareExpectations, expectations, parseFixture } from '../helpers/fixture';
import { scanFixture } from '../helpers/scan';
import { FAKE, randomChars } from '../helpers/fake-secrets';
import type { Fix, TextEdit } from '../../rules/api';

const RULE = 'secret-hardcoded';

/** Apply one fix's edits to the fixture's files (edits within a file applied back to front). */
function applyFix(root: string, fix: Fix): Record<string, string> {
  const out: Record<string, string> = {};
  const byFile = new Map<string, TextEdit[]>();
  for (const e of fix.edits) byFile.set(e.file, [...(byFile.get(e.file) ?? []), e]);
  for (const [file, edits] of byFile) {
    let text = readFileSync(join(root, file), 'utf8');
    for (const e of [...edits].sort((a, b) => b.start - a.start)) text = text.slice(0, e.start) + e.newText + text.slice(e.end);
    out[file] = text;
  }
  for (const c of fix.createFiles ?? []) out[c.file] = c.text;
  return out;
}

/** Syntax and strict type errors of a fixed file (with Node's types, so `process.env` is known). */
function typeErrors(file: string, text: string): string[] {
  const project = new Project({
    compilerOptions: { strict: true, noEmit: true, types: ['node'], target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, skipLibCheck: true },
  });
  const sf = project.createSourceFile(join(tmpdir(), 'readiness-fix-check', file), text, { overwrite: true });
  return sf.getPreEmitDiagnostics().map((d) => ts.flattenDiagnosticMessageText(d.getMessageText() as string | ts.DiagnosticMessageChain, ' '));
}

const FIXTURE = `
//- src/llm.ts
import OpenAI from 'openai';
export const OPENAI_KEY = "${FAKE.openai()}"; // expect: secret-hardcoded
export const client = new OpenAI({ apiKey: process.env.OPENAI_API_KEY });
export const placeholder = "sk-your-key-here-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"; // ok: secret-hardcoded
//- src/billing.ts
import Stripe from 'stripe';
export const stripe = new Stripe(process.env.STRIPE_SECRET_KEY || '${FAKE.stripeLive()}'); // expect: secret-hardcoded
export const testStripe = new Stripe('${FAKE.stripeTest()}'); // ok: secret-hardcoded
//- src/auth.ts
import jwt from 'jsonwebtoken';
export const sign = (id: string) => jwt.sign({ sub: id }, 'dev-secret-123', { expiresIn: '1h' }); // expect: secret-hardcoded
export const verify = (t: string) => jwt.verify(t, process.env.JWT_SECRET as string); // ok: secret-hardcoded
//- src/db.ts
export const local = "postgres://postgres:postgres@localhost:5432/dev"; // ok: secret-hardcoded
export const MONKEY = "${randomChars(32, 50)}"; // ok: secret-hardcoded
export const internalToken = "${randomChars(32, 51)}"; // expect: secret-hardcoded
//- src/__tests__/llm.test.ts
export const fakeToken = "${randomChars(32, 52)}"; // ok: secret-hardcoded
//- .env.example
OPENAI_API_KEY=
`;

test('secret-hardcoded: expect/ok markers', async () => {
  const { result } = await scanFixture(FIXTURE);
  const problems = compareExpectations(expectations(parseFixture(FIXTURE)), result.findings, [RULE]);
  assert.deepEqual(problems, []);
});

test('secret-hardcoded: the message names kind and variable, never the value', async () => {
  const key = FAKE.openai();
  const { result } = await scanFixture({ 'src/a.ts': `export const OPENAI_KEY = "${key}";\n` });
  const [f] = result.findings.filter((x) => x.rule === RULE);
  assert.match(f.message, /^OpenAI API key assigned to OPENAI_KEY \(sk-p…, \d+ chars\)/);
  assert.ok(!JSON.stringify(result.findings).includes(key.slice(0, 10)));
});

test('secret-hardcoded: fix reads the env var and adds it to an existing .env.example', async () => {
  const { result, root } = await scanFixture({
    'src/a.ts': `export const OPENAI_KEY = "${FAKE.openai()}";\n`,
    '.env.example': 'PORT=3000',
  });
  const [f] = result.findings.filter((x) => x.rule === RULE);
  const after = applyFix(root, f.fixes[0]);
  assert.equal(after['src/a.ts'], "export const OPENAI_KEY = process.env.OPENAI_KEY ?? '';\n");
  assert.equal(after['.env.example'], 'PORT=3000\nOPENAI_KEY=\n');
  assert.deepEqual(typeErrors('src/a.ts', after['src/a.ts']), []);
});

test('secret-hardcoded: fix drops a fallback literal and creates .env.example when missing', async () => {
  const { result, root } = await scanFixture({
    'src/b.ts': `declare function makeStripe(key: string, o: object): void;\nmakeStripe(process.env.STRIPE_KEY ?? '${FAKE.stripeLive()}', { apiVersion: '2024-06-20' });\n`,
  });
  const [f] = result.findings.filter((x) => x.rule === RULE);
  const after = applyFix(root, f.fixes[0]);
  assert.equal(after['src/b.ts'].split('\n')[1], "makeStripe(process.env.STRIPE_KEY ?? '', { apiVersion: '2024-06-20' });");
  assert.equal(after['.env.example'], 'STRIPE_KEY=\n');
  assert.deepEqual(typeErrors('src/b.ts', after['src/b.ts']), []);
});

test('secret-hardcoded: camelCase names map to the provider env name; no fix inside a larger string', async () => {
  const { result, root } = await scanFixture({
    'src/c.ts': `export const cfg = { apiKey: '${FAKE.anthropic()}' };\nexport const h = { Authorization: 'Bearer ${FAKE.github()}' };\n`,
    '.env.example': 'ANTHROPIC_API_KEY=\n',
  });
  const fs = result.findings.filter((x) => x.rule === RULE);
  assert.equal(fs.length, 2);
  const after = applyFix(root, fs[0].fixes[0]);
  assert.equal(after['src/c.ts'].split('\n')[0], "export const cfg = { apiKey: process.env.ANTHROPIC_API_KEY ?? '' };");
  assert.equal(after['.env.example'], undefined, 'already documented: no edit');
  assert.deepEqual(fs[1].fixes, []);
});

test('secret-hardcoded: secrets in config files are reported without a fix; .env files are not this rule', async () => {
  const { result } = await scanFixture({
    'docker-compose.yml': `services:\n  api:\n    environment:\n      - STRIPE_SECRET_KEY=${FAKE.stripeLive()}\n`,
    '.env': `OPENAI_API_KEY=${FAKE.openai()}\n`,
  });
  const fs = result.findings.filter((x) => x.rule === RULE);
  assert.deepEqual(fs.map((f) => [f.file, f.span.line, f.fixes.length]), [['docker-compose.yml', 4, 0]]);
});

test('secret-hardcoded: minConfidence low adds Stripe test keys', async () => {
  const { result } = await scanFixture(
    { 'src/d.ts': `export const k = '${FAKE.stripeTest()}';\n` },
    { rules: { [RULE]: { options: { minConfidence: 'low' } } } },
  );
  assert.equal(result.findings.filter((x) => x.rule === RULE).length, 1);
});

test('secret-hardcoded: high-confidence keys in test code are warnings', async () => {
  const { result } = await scanFixture({ 'test/api.test.ts': `export const k = "${FAKE.openai()}";\n` });
  const fs = result.findings.filter((x) => x.rule === RULE);
  assert.deepEqual(fs.map((f) => f.severity), ['warning']);
});

test('secret-hardcoded: a real value in .env.example is reported with a fix that blanks it; placeholders are not', async () => {
  const { result, root } = await scanFixture({
    '.env.example': `OPENAI_API_KEY=${FAKE.openai()}\nSTRIPE_SECRET_KEY=sk_live_your_key_here\nDATABASE_URL=postgres://user:<password>@host:5432/db\n`,
  });
  const fs = result.findings.filter((x) => x.rule === RULE);
  assert.deepEqual(fs.map((f) => [f.file, f.span.line]), [['.env.example', 1]]);
  const after = applyFix(root, fs[0].fixes[0]);
  assert.equal(after['.env.example'].split('\n')[0], 'OPENAI_API_KEY=');
  assert.equal(fs[0].fixes[0].safe, true);
});

test('secret-hardcoded: signing literals in tests are normal, provider keys are not', async () => {
  const { result } = await scanFixture({
    'src/__tests__/auth.test.ts': `export const t = jwt.sign({ sub: 'u1' }, 'test-secret-123'); // ok: secret-hardcoded\nexport const k = "${FAKE.github()}"; // expect: secret-hardcoded\n`,
  });
  assert.deepEqual(result.findings.filter((x) => x.rule === RULE).map((f) => [f.span.line, f.severity]), [[2, 'warning']]);
});

test('secret-hardcoded: the fix keeps typed calls and operators valid', async () => {
  const src = [
    'declare function connect(key: string): void;',
    `connect('${FAKE.sendgrid()}');`,
    `export const header = 'Bearer ' + '${FAKE.github()}';`,
    `export const either = Math.random() > 2 || '${FAKE.openai()}';`,
    '',
  ].join('\n');
  const { result, root } = await scanFixture({ 'src/e.ts': src, '.env.example': '' });
  const fs = result.findings.filter((x) => x.rule === RULE);
  assert.equal(fs.length, 3);
  const lines = fs.map((f) => applyFix(root, f.fixes[0])['src/e.ts']);
  assert.equal(lines[0].split('\n')[1], "connect(process.env.SENDGRID_API_KEY ?? '');");
  assert.equal(lines[1].split('\n')[2], "export const header = 'Bearer ' + (process.env.GITHUB_TOKEN ?? '');");
  assert.equal(lines[2].split('\n')[3], "export const either = Math.random() > 2 || (process.env.OPENAI_API_KEY ?? '');");
  for (const text of lines) assert.deepEqual(typeErrors('src/e.ts', text), []);
});
