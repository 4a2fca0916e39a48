/**
 * Inline-marker fixtures for the repo-level rules (health-missing, monitoring-missing, handover-missing) and for
 * env-file-committed: the markers sit on the line each finding must point at (package.json line 1, the env file).
 * A trailing `// …` makes package.json invalid JSON, which these rules do not need (routes come from the code).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareExpectations, expectations, parseFixture } from '../helpers/fixture';
import { scanFixture } from '../helpers/scan';

const RULES = ['health-missing', 'monitoring-missing', 'handover-missing', 'env-file-committed'];

const SERVER = `import express from 'express';
const app = express();
app.post('/api/chat', (_req, res) => res.json({ reply: 'hi' }));
app.listen(3000);
`;

async function check(fixture: string): Promise<void> {
  const { result } = await scanFixture(fixture);
  assert.deepEqual(compareExpectations(expectations(parseFixture(fixture)), result.findings, RULES), []);
}

test('markers: a bare API misses health, monitoring and a runbook; a real .env is not ignored', () =>
  check(`
//- package.json
{ "name": "bare-api" } // expect: health-missing, monitoring-missing, handover-missing
//- src/server.ts
${SERVER}
//- .env
OPENAI_API_KEY=x // expect: env-file-committed
//- .env.example
OPENAI_API_KEY= // ok: env-file-committed
`));

test('markers: health route, Sentry, a runbook and an ignored .env keep all four quiet', () =>
  check(`
//- package.json
{ "name": "ready-api" } // ok: health-missing, monitoring-missing, handover-missing
//- src/server.ts
${SERVER}app.get('/healthz', (_req, res) => res.send('ok'));
//- src/instrument.ts
import * as Sentry from '@sentry/node';
Sentry.init({ dsn: process.env.SENTRY_DSN });
//- RUNBOOK.md
# Runbook
## Environment variables
## Secrets and owners
## Rollback
## Escalation contacts
//- .gitignore
.env*
!.env.example
//- .env
OPENAI_API_KEY=x // ok: env-file-committed
`));
