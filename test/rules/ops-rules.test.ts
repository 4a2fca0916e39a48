import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scanFixture } from '../helpers/scan';

const of = <T extends { rule: string }>(rule: string, findings: T[]) => findings.filter((f) => f.rule === rule);

const PKG = (deps: Record<string, string> = {}) => JSON.stringify({ name: 'api', dependencies: { express: '^4.19.0', ...deps } }, null, 2);
const SERVER = (extra = '') => `import express from 'express';
${extra}
const app = express();
app.get('/api/tickets', (_req, res) => res.json([]));
app.post('/api/chat', (_req, res) => res.json({}));
app.listen(3000);
`;

test('health-missing: reported at package.json line 1 when no route is a health check', async () => {
  const { result, model } = await scanFixture({ 'package.json': PKG(), 'src/server.ts': SERVER() });
  assert.ok(model.routes.length >= 2, 'express routes found');
  const fs = of('health-missing', result.findings);
  assert.deepEqual(fs.map((f) => [f.file, f.span.line, f.severity]), [['package.json', 1, 'warning']]);
  assert.match(fs[0].message, /None of the \d+ routes is a health endpoint/);
});

test('health-missing: a single route reads naturally ("The only route", not "None of the 1 routes")', async () => {
  const server = "import express from 'express';\nconst app = express();\napp.get('/api/tickets', (_q, r) => r.json([]));\n";
  const { result } = await scanFixture({ 'package.json': PKG(), 'src/server.ts': server });
  const [f] = of('health-missing', result.findings);
  assert.match(f.message, /^The only route is not a health endpoint: load balancers/);
});

test('health-missing: a /healthz route, a health library or no routes at all stay quiet', async () => {
  const withRoute = await scanFixture({ 'package.json': PKG(), 'src/server.ts': SERVER() + "app.get('/healthz', (_q, r) => r.send('ok'));\n" });
  assert.deepEqual(of('health-missing', withRoute.result.findings), []);
  const withLib = await scanFixture({ 'package.json': PKG({ '@godaddy/terminus': '^4.12.0' }), 'src/server.ts': SERVER() });
  assert.deepEqual(of('health-missing', withLib.result.findings), []);
  const noRoutes = await scanFixture({ 'package.json': PKG(), 'src/lib.ts': 'export const x = 1;\n' });
  assert.deepEqual(of('health-missing', noRoutes.result.findings), []);
});

test('monitoring-missing: reported when nothing initialises error tracking', async () => {
  const { result } = await scanFixture({ 'package.json': PKG(), 'src/server.ts': SERVER() });
  const fs = of('monitoring-missing', result.findings);
  assert.deepEqual(fs.map((f) => [f.file, f.span.line]), [['package.json', 1]]);
  assert.match(fs[0].message, /No error tracking/);
});

test('monitoring-missing: an installed but uninitialised SDK is named', async () => {
  const { result } = await scanFixture({ 'package.json': PKG({ '@sentry/node': '^8.0.0' }), 'src/server.ts': SERVER() });
  assert.match(of('monitoring-missing', result.findings)[0].message, /@sentry\/node is installed but never initialised/);
});

const INITS: [string, Record<string, string>][] = [
  ['Sentry.init (namespace import)', { 'src/instrument.ts': "import * as Sentry from '@sentry/node';\nSentry.init({ dsn: process.env.SENTRY_DSN });\n" }],
  ['Sentry init (named import)', { 'sentry.server.config.ts': "import { init } from '@sentry/nextjs';\ninit({ dsn: process.env.SENTRY_DSN });\n" }],
  ['OpenTelemetry NodeSDK', { 'src/otel.ts': "import { NodeSDK } from '@opentelemetry/sdk-node';\nconst sdk = new NodeSDK({});\nsdk.start();\n" }],
  ['dd-trace init via require', { 'src/tracer.js': "const tracer = require('dd-trace').init();\nmodule.exports = tracer;\n" }],
  ['newrelic side-effect require', { 'src/index.js': "require('newrelic');\nrequire('./server');\n" }],
  ['Bugsnag.start', { 'src/bugsnag.ts': "import Bugsnag from '@bugsnag/js';\nBugsnag.start({ apiKey: process.env.BUGSNAG_KEY! });\n" }],
  ['pino Datadog transport', { 'src/log.ts': "import pino from 'pino';\nexport const log = pino({ transport: { target: 'pino-datadog-transport', options: {} } });\n" }],
  ['registerOTel', { 'instrumentation.ts': "import { registerOTel } from '@vercel/otel';\nexport function register() { registerOTel({ serviceName: 'api' }); }\n" }],
];

for (const [name, files] of INITS) {
  test(`monitoring-missing: quiet with ${name}`, async () => {
    const { result } = await scanFixture({ 'package.json': PKG(), 'src/server.ts': SERVER(), ...files });
    assert.deepEqual(of('monitoring-missing', result.findings), []);
  });
}

test('monitoring-missing: a preloaded agent in dependencies counts; a same-named local function does not', async () => {
  const agent = await scanFixture({ 'package.json': PKG({ 'dd-trace': '^5.0.0' }), 'src/server.ts': SERVER() });
  assert.deepEqual(of('monitoring-missing', agent.result.findings), []);
  const local = await scanFixture({
    'package.json': PKG(),
    'src/server.ts': SERVER(),
    'src/sentry.ts': "const Sentry = { init(_o: object) {} };\nSentry.init({});\n",
  });
  assert.equal(of('monitoring-missing', local.result.findings).length, 1);
});

test('handover-missing: no runbook names every missing part', async () => {
  const { result } = await scanFixture({ 'package.json': PKG(), 'src/server.ts': SERVER(), 'README.md': '# API\n\n## Getting started\n' });
  const [f] = of('handover-missing', result.findings);
  assert.equal(f.file, 'package.json');
  assert.match(f.message, /No runbook .* covers environment variables, secrets ownership, rollback steps, escalation contacts/);
  assert.equal(f.severity, 'info');
});

test('handover-missing: a partial runbook is named with what it lacks', async () => {
  const { result } = await scanFixture({
    'package.json': PKG(),
    'src/server.ts': SERVER(),
    'docs/RUNBOOK.md': '# Runbook\n\n## Environment variables\n\n| OPENAI_API_KEY | … |\n\n## Rollback\n\nRedeploy the previous image.\n',
  });
  const [f] = of('handover-missing', result.findings);
  assert.equal(f.file, 'docs/RUNBOOK.md');
  assert.match(f.message, /does not cover secrets ownership, escalation contacts/);
});

test('handover-missing: a complete HANDOVER.md (or README sections) is enough', async () => {
  const doc = '# Handover\n## Environment variables\n## Secrets and owners\n## Rollback\n## Escalation contacts\n';
  const a = await scanFixture({ 'package.json': PKG(), 'HANDOVER.md': doc });
  assert.deepEqual(of('handover-missing', a.result.findings), []);
  const b = await scanFixture({ 'package.json': PKG(), 'README.md': doc.replace('# Handover', '# API') });
  assert.deepEqual(of('handover-missing', b.result.findings), []);
  const empty = await scanFixture({ 'src/a.ts': 'export {};\n' });
  assert.deepEqual(of('handover-missing', empty.result.findings), []);
});
