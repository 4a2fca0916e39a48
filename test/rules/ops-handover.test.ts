import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderHandover, envInventory } from '../../server/src/report/handover';
import { handoverCommand } from '../../server/src/cli/handover-command';
import { scanFixture } from '../helpers/scan';
import { FAKE } from '../helpers/fake-secrets';

const key = FAKE.openai();
const FILES = {
  'package.json': JSON.stringify({ name: 'support-bot-api', dependencies: { express: '^4.19.0', '@sentry/node': '^8.0.0' } }),
  'src/instrument.ts': "import * as Sentry from '@sentry/node';\nSentry.init({ dsn: process.env.SENTRY_DSN });\n",
  'src/server.ts': `import express from 'express';
const app = express();
const OPENAI_KEY = "${key}";
app.get('/health', (_q, r) => r.send('ok'));
app.post('/api/chat', (_q, r) => r.json({ k: !!OPENAI_KEY, s: process.env.STRIPE_SECRET_KEY }));
app.post('/api/webhooks/stripe', (_q, r) => r.json({}));
app.get('/api/admin/users', (_q, r) => r.json([]));
app.get('/api/tickets/:id', (_q, r) => r.json({ db: process.env.DATABASE_URL }));
app.listen(Number(process.env.PORT ?? 3000));
`,
  '.env.example': 'DATABASE_URL=\nSENTRY_DSN=\n',
};

test('handover: env inventory lists reads and where each variable is documented', async () => {
  const { model } = await scanFixture(FILES);
  const inv = Object.fromEntries(envInventory(model).map((v) => [v.name, v]));
  assert.deepEqual(inv.DATABASE_URL.documentedIn, ['.env.example']);
  assert.deepEqual(inv.STRIPE_SECRET_KEY.documentedIn, []);
  assert.equal(inv.STRIPE_SECRET_KEY.reads[0].file, 'src/server.ts');
});

test('handover: the draft covers env vars, secrets to own, health, monitoring, routes by risk and human blanks', async () => {
  const scan = await scanFixture(FILES);
  const md = renderHandover(scan, { name: 'support-bot-api', date: '2026-01-01' });
  assert.match(md, /^# Handover: support-bot-api/);
  assert.match(md, /\| `STRIPE_SECRET_KEY` \| `src\/server.ts:5` \| \*\*no\*\* \| yes \|/);
  assert.match(md, /\| `DATABASE_URL` \| `src\/server.ts:8` \| `.env.example` \| yes \|/);
  assert.match(md, /## Secrets to own[\s\S]*`STRIPE_SECRET_KEY` \| _TODO: where it is set/);
  assert.match(md, /- `GET \/health` in `src\/server.ts:4`/);
  assert.match(md, /sentry: `Sentry.init` in `src\/instrument.ts:2`/);
  assert.match(md, /### AI \/ chat \(1\)[\s\S]*`POST \/api\/chat`/);
  assert.match(md, /### Webhooks \(1\)/);
  assert.match(md, /### Admin \(1\)/);
  assert.match(md, /Rollback steps: _TODO: rollback steps/);
  assert.match(md, /\| Service owner \| _TODO: owner_ \|/);
  assert.match(md, /OpenAI API key assigned to OPENAI\\?_KEY/, 'secret findings are listed by kind and name');
  assert.ok(!md.includes(key.slice(0, 10)), 'never the secret value');
});

test('handover: the command writes --output and refuses to overwrite', async () => {
  const { root } = await scanFixture(FILES);
  const output = join(root, 'HANDOVER.md');
  const code = await handoverCommand({ positionals: [root], flags: { output, 'no-cache': true }, lists: {} });
  assert.equal(code, 0);
  assert.ok(existsSync(output));
  assert.match(readFileSync(output, 'utf8'), /^# Handover: support-bot-api/);
  writeFileSync(output, 'edited by a human\n');
  await assert.rejects(handoverCommand({ positionals: [root], flags: { output }, lists: {} }), /already exists/);
  assert.equal(readFileSync(output, 'utf8'), 'edited by a human\n');
});

test('handover: the drafted HANDOVER.md satisfies handover-missing except for what people must fill in', async () => {
  const { root } = await scanFixture(FILES);
  await handoverCommand({ positionals: [root], flags: { output: join(root, 'HANDOVER.md'), 'no-cache': true }, lists: {} });
  const { scanFolder } = await import('../helpers/scan');
  const after = await scanFolder(root);
  assert.deepEqual(after.result.findings.filter((f) => f.rule === 'handover-missing'), []);
});

test('handover: the built CLI prints the draft to stdout', async () => {
  const { runCli } = await import('../helpers/cli');
  const { root } = await scanFixture(FILES);
  const r = runCli(['handover', root]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^# Handover: support-bot-api\n/);
  assert.match(r.stdout, /## Escalation contacts/);
  assert.ok(!r.stdout.includes(key.slice(0, 10)));
});
