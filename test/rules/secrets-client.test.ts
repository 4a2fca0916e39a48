import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareExpectations, expectations, parseFixture } from '../helpers/fixture';
import { scanFixture } from '../helpers/scan';
import { FAKE } from '../helpers/fake-secrets';

const RULE = 'secret-client-exposed';
const only = <T extends { rule: string }>(findings: T[]) => findings.filter((f) => f.rule === RULE);

const FIXTURE = `
//- app/chat/page.tsx
'use client';
import OpenAI from 'openai';
export const client = new OpenAI({ apiKey: process.env.NEXT_PUBLIC_OPENAI_API_KEY, dangerouslyAllowBrowser: true }); // expect: secret-client-exposed
export const pk = process.env.NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY; // ok: secret-client-exposed
export const anon = process.env.NEXT_PUBLIC_SUPABASE_ANON_KEY; // ok: secret-client-exposed
export const svc = process.env.SUPABASE_SERVICE_ROLE_KEY; // expect: secret-client-exposed
export const key = "${FAKE.anthropic()}"; // expect: secret-client-exposed
export const maps = "${FAKE.google()}"; // ok: secret-client-exposed
export const monkey = process.env.NEXT_PUBLIC_MONKEY_NAME; // ok: secret-client-exposed
//- app/api/chat/route.ts
export async function POST() {
  return Response.json({ ok: Boolean(process.env.OPENAI_API_KEY) }); // ok: secret-client-exposed
}
//- src/main.tsx
const url = import.meta.env.VITE_API_URL; // ok: secret-client-exposed
const secret = import.meta.env.VITE_STRIPE_SECRET_KEY; // expect: secret-client-exposed
export { url, secret };
//- pages/account.tsx
export async function getServerSideProps() {
  return { props: { hasKey: Boolean(process.env.STRIPE_SECRET_KEY) } }; // ok: secret-client-exposed
}
export default function Account() {
  return process.env.STRIPE_SECRET_KEY; // expect: secret-client-exposed
}
`;

test('secret-client-exposed: expect/ok markers', async () => {
  const { result } = await scanFixture(FIXTURE);
  const problems = compareExpectations(expectations(parseFixture(FIXTURE)), result.findings, [RULE]);
  assert.deepEqual(problems, []);
});

test('secret-client-exposed: client literals are not also reported as hard-coded', async () => {
  const { result } = await scanFixture(FIXTURE);
  assert.deepEqual(result.findings.filter((f) => f.rule === 'secret-hardcoded' && f.file === 'app/chat/page.tsx'), []);
});

test('secret-client-exposed: a public secret name defined in an env file, at its line', async () => {
  const { result } = await scanFixture({
    '.env.example': 'NEXT_PUBLIC_APP_URL=\nNEXT_PUBLIC_OPENAI_API_KEY=\nVITE_FIREBASE_API_KEY=\n',
  });
  const fs = only(result.findings);
  assert.deepEqual(fs.map((f) => [f.file, f.span.line]), [['.env.example', 2]]);
  assert.match(fs[0].message, /NEXT_PUBLIC_OPENAI_API_KEY is defined here/);
});

test('secret-client-exposed: secrets in built bundles, redacted', async () => {
  const key = FAKE.stripeLive();
  const { result } = await scanFixture({
    'dist/assets/index-abc123.js': `const a=1;\nconst s="${key}";\nconst m="${FAKE.google()}";\n`,
  });
  const fs = only(result.findings);
  assert.deepEqual(fs.map((f) => [f.file, f.span.line]), [['dist/assets/index-abc123.js', 2]]);
  assert.match(fs[0].message, /Stripe live secret key \(sk_l…, 48 chars\)/);
  assert.ok(!fs[0].message.includes(key.slice(0, 9)));
});

test('secret-client-exposed: server code reading secrets is fine', async () => {
  const { result } = await scanFixture({
    'src/server.ts': "import express from 'express';\nconst app = express();\nconst k = process.env.OPENAI_API_KEY;\napp.get('/x', (_q, r) => r.json({ k: !!k }));\n",
    'src/components/Note.ts': 'export const note = process.env.STRIPE_SECRET_KEY;\n',
  });
  assert.deepEqual(only(result.findings), []);
});

test('secret-client-exposed: a public secret name read in code is reported at the read, not again in env files', async () => {
  const { result } = await scanFixture({
    'src/main.tsx': 'export const k = import.meta.env.VITE_OPENAI_API_KEY;\n',
    '.env': 'VITE_OPENAI_API_KEY=x\n',
    '.env.example': 'VITE_OPENAI_API_KEY=\nVITE_ANTHROPIC_API_KEY=\n',
  });
  assert.deepEqual(only(result.findings).map((f) => [f.file, f.span.line]), [['.env.example', 2], ['src/main.tsx', 1]]);
});

test('secret-client-exposed: in an App Router project, components are server components unless marked', async () => {
  const { result } = await scanFixture({
    'app/page.tsx': "import { Price } from '../components/Price';\nexport default function Page() { return <Price />; }\n",
    'components/Price.tsx': 'export async function Price() { return <p>{String(Boolean(process.env.STRIPE_SECRET_KEY))}</p>; }\n',
    'components/Chat.tsx': "'use client';\nexport function Chat() { return <p>{process.env.OPENAI_API_KEY}</p>; }\n",
  });
  assert.deepEqual(only(result.findings).map((f) => [f.file, f.span.line]), [['components/Chat.tsx', 2]]);
});

test('secret-client-exposed: in a pages-router or React project, components/ is client code', async () => {
  const { result } = await scanFixture({
    'pages/index.tsx': "import { Price } from '../components/Price';\nexport default function Home() { return <Price />; }\n",
    'components/Price.tsx': 'export function Price() { return <p>{process.env.STRIPE_SECRET_KEY}</p>; }\n',
  });
  assert.deepEqual(only(result.findings).map((f) => [f.file, f.span.line]), [['components/Price.tsx', 1]]);
});

test('secret-client-exposed: PUBLIC_ is a public prefix only in SvelteKit/Astro projects', async () => {
  const plain = await scanFixture({ 'package.json': '{"dependencies":{"express":"^4"}}', 'src/a.ts': 'export const k = process.env.PUBLIC_API_KEY;\n' });
  assert.deepEqual(only(plain.result.findings), []);
  const kit = await scanFixture({ 'package.json': '{"dependencies":{"@sveltejs/kit":"^2"}}', 'src/a.ts': 'export const k = process.env.PUBLIC_API_KEY;\n' });
  assert.equal(only(kit.result.findings).length, 1);
});

test('secret-client-exposed: server build output is not browser code', async () => {
  const key = FAKE.stripeLive();
  const server = await scanFixture({
    'package.json': '{"dependencies":{"express":"^4"}}',
    'dist/server.js': `const s="${key}";\n`,
    '.next/server/app/page.js': `const s="${key}";\n`,
  });
  assert.deepEqual(only(server.result.findings), []);
  const vite = await scanFixture({ 'package.json': '{"devDependencies":{"vite":"^5"}}', 'dist/index.js': `const s="${key}";\n` });
  assert.equal(only(vite.result.findings).length, 1);
});

test('secret-client-exposed: publishable and analytics ingestion keys are public by design, their secret siblings are not', async () => {
  const { randomChars, hex } = await import('../helpers/fake-secrets');
  const fixture = `
//- components/Analytics.tsx
'use client';
import posthog from 'posthog-js';
posthog.init(process.env.NEXT_PUBLIC_POSTHOG_KEY!, { api_host: 'https://eu.posthog.com' }); // ok: secret-client-exposed
export const seg = process.env.NEXT_PUBLIC_SEGMENT_WRITE_KEY; // ok: secret-client-exposed
export const amp = process.env.NEXT_PUBLIC_AMPLITUDE_API_KEY; // ok: secret-client-exposed
export const rum = process.env.NEXT_PUBLIC_DD_CLIENT_TOKEN; // ok: secret-client-exposed
export const search = process.env.NEXT_PUBLIC_ALGOLIA_SEARCH_KEY; // ok: secret-client-exposed
export const fb = { apiKey: process.env.NEXT_PUBLIC_FIREBASE_API_KEY }; // ok: secret-client-exposed
export const posthogKey = '${'ph' + 'c_' + randomChars(43, 21)}'; // ok: secret-client-exposed
export const stripeKey = '${'pk_' + 'live_' + randomChars(40, 22)}'; // ok: secret-client-exposed
export const sentryDsn = 'https://${hex(32, 23)}@o12345.ingest.sentry.io/678'; // ok: secret-client-exposed
export const personal = process.env.NEXT_PUBLIC_POSTHOG_PERSONAL_API_KEY; // expect: secret-client-exposed
export const admin = process.env.NEXT_PUBLIC_ALGOLIA_ADMIN_KEY; // expect: secret-client-exposed
export const ampSecret = process.env.NEXT_PUBLIC_AMPLITUDE_SECRET_KEY; // expect: secret-client-exposed
export const apiKey = '${'sk_' + 'live_' + randomChars(40, 24)}'; // expect: secret-client-exposed
`;
  const { result } = await scanFixture(fixture);
  assert.deepEqual(compareExpectations(expectations(parseFixture(fixture)), result.findings, [RULE]), []);
});
