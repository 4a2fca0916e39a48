import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareExpectations, expectations, parseFixture } from '../helpers/fixture';
import { scanFixture } from '../helpers/scan';

const RULE = 'env-undocumented';
const only = <T extends { rule: string }>(findings: T[]) => findings.filter((f) => f.rule === RULE);

const FIXTURE = `
//- src/config.ts
export const config = {
  openai: process.env.OPENAI_API_KEY, // ok: env-undocumented
  stripe: process.env.STRIPE_SECRET_KEY, // expect: env-undocumented
  db: process.env.DATABASE_URL, // ok: env-undocumented
  port: Number(process.env.PORT ?? 3000), // ok: env-undocumented
  env: process.env.NODE_ENV, // ok: env-undocumented
  url: process.env.VERCEL_URL, // ok: env-undocumented
};
//- src/other.ts
export const again = process.env.STRIPE_SECRET_KEY; // ok: env-undocumented
export const redis = process.env.REDIS_URL; // expect: env-undocumented
//- test/setup.ts
export const t = process.env.TEST_ONLY_TOKEN; // ok: env-undocumented
//- .env.example
OPENAI_API_KEY=
//- docs/deploy.md
# Deploy
Set \`DATABASE_URL\` to the production database.
`;

test('env-undocumented: one finding per variable at its first read; templates, docs and platform vars count', async () => {
  const { result } = await scanFixture(FIXTURE);
  assert.deepEqual(compareExpectations(expectations(parseFixture(FIXTURE)), result.findings, [RULE]), []);
  assert.ok(only(result.findings).every((f) => f.severity === 'info'));
});

test('env-undocumented: the fix appends NAME= to the nearest env template, safely', async () => {
  const { result } = await scanFixture({
    'apps/api/src/a.ts': 'export const k = process.env.SENDGRID_API_KEY;\n',
    'apps/api/.env.example': 'PORT=3000',
    '.env.example': 'OTHER=\n',
  });
  const [f] = only(result.findings);
  assert.equal(f.message.includes('apps/api/.env.example'), true);
  assert.deepEqual(f.fixes[0].edits, [{ file: 'apps/api/.env.example', start: 9, end: 9, newText: '\nSENDGRID_API_KEY=\n' }]);
  assert.equal(f.fixes[0].safe, true);
});

test('env-undocumented: without a template the fix creates .env.example (not bulk-safe)', async () => {
  const { result } = await scanFixture({ 'src/a.ts': 'export const k = process.env.MONKEY_NAME;\n' });
  const [f] = only(result.findings);
  assert.deepEqual(f.fixes[0].createFiles, [{ file: '.env.example', text: 'MONKEY_NAME=\n' }]);
  assert.equal(f.fixes[0].safe, false);
});
