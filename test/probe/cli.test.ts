// `readiness probe URL` as a user runs it: a child process against the real local targets; formats, flags, the
// join with --routes-from and exit codes (0 nothing failed, 1 a check failed, 2 usage error).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { startLab, type Lab } from './targets';
import { writeFixture } from '../helpers/fixture';
import { PROBE_CHECK_IDS } from '../../server/src/probe';
import { FILES } from './workspace';

const ROOT = join(__dirname, '../..');
let lab: Lab;
before(async () => {
  lab = await startLab();
});
after(() => lab.close());

function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', 'server/src/cli/main.ts', 'probe', ...args], { cwd: ROOT, timeout: 60_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

test('usage errors exit 2 with one line on stderr', async () => {
  for (const args of [[], ['ftp://127.0.0.1/'], ['https://127.0.0.1:9/', '--budget', 'lots'], ['https://127.0.0.1:9/', '--ca', '/nonexistent.pem'], ['https://127.0.0.1:9/', '--format', 'sarif'], ['https://127.0.0.1:9/', '--header', 'nocolon']]) {
    const r = await cli(args);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    assert.match(r.stderr, /^readiness: /);
  }
});

test('a good target: JSON report v1 with every check id, exit 0, --header sent except on auth-bypass', async () => {
  const t = await lab.start('good');
  try {
    const r = await cli([t.url, '--format', 'json', '--ca', lab.pki.caFile, '--http-url', t.httpUrl, '--routes-from', writeFixture(FILES), '--domain', 'good.test', '--dns-server', lab.dns.server,
      '--dkim-selector', 'sel1', '--header', 'Authorization: Bearer staging-pass', '--timeout', '3000', '--budget', '120']);
    assert.equal(r.code, 0, r.stdout.slice(0, 2000));
    const report = JSON.parse(r.stdout);
    assert.equal(report.reportVersion, 1);
    assert.deepEqual(report.checks.map((c: { id: string }) => c.id), [...PROBE_CHECK_IDS]);
    assert.equal(report.budget, 120);
    assert.equal(report.requests, report.requestLog.filter((x: { error?: string }) => !x.error?.startsWith('not sent')).length);
    // The configured Authorization header went out on ordinary requests, but auth-bypass stripped it and still passed.
    assert.ok(t.log.requests.some((x) => x.auth));
    assert.ok(t.log.requests.some((x) => !x.auth && x.path === '/api/tickets/1'));
    assert.equal(report.checks.find((c: { id: string }) => c.id === 'auth-bypass').status, 'pass');
  } finally {
    await t.close();
  }
});

test('a bad target: text output and exit 1; markdown lists every request', async () => {
  const t = await lab.start('bad');
  try {
    const text = await cli([t.url, '--ca', lab.pki.caFile, '--http-url', t.httpUrl]);
    assert.equal(text.code, 1);
    assert.match(text.stdout, /^FAIL {2}tls-cert {11}certificate expired/m);
    assert.match(text.stdout, /^SKIP {2}rate-limit {9}bursts need --allow-burst/m);
    const md = await cli([t.url, '--ca', lab.pki.caFile, '--http-url', t.httpUrl, '--format', 'markdown']);
    assert.equal(md.code, 1);
    assert.match(md.stdout, /^\| cors \| fail \| /m);
    const rows = md.stdout.split('\n').filter((l) => /^\| \d+ \| /.test(l));
    assert.ok(rows.length > 10);
    assert.ok(rows.every((l) => l.includes('127.0.0.1')));
  } finally {
    await t.close();
  }
});

test('--routes-from joins the probe with the workspace scan into one scorecard', async () => {
  const dir = writeFixture({
    'package.json': JSON.stringify({ name: 'fx', dependencies: { express: '^4.19.0' } }),
    'src/server.ts': "import express from 'express';\nconst app = express();\napp.get('/api/reports', async (req, res) => {\n  res.json({ reports: [] });\n});\napp.listen(3000);\n",
  });
  const t = await lab.start('bad');
  try {
    const r = await cli([t.url, '--ca', lab.pki.caFile, '--http-url', t.httpUrl, '--routes-from', dir, '--format', 'json']);
    assert.equal(r.code, 1);
    const report = JSON.parse(r.stdout);
    assert.ok(report.join.routes.some((n: { message: string }) => /^GET \/api\/reports: no auth in code and 200/.test(n.message)));
    assert.equal(report.scorecard.verdict, 'not-ready');
    assert.equal(report.scorecard.checks.find((c: { id: string }) => c.id === 'auth').source, 'both');
  } finally {
    await t.close();
  }
});

test('DKIM selectors come from the mail configuration in --routes-from when none is given', async () => {
  const dir = writeFixture({
    ...FILES,
    'src/mailer.ts': "import nodemailer from 'nodemailer';\nexport const mailer = nodemailer.createTransport({ host: 'smtp.good.test', dkim: { domainName: 'good.test', keySelector: 'sel1', privateKey: process.env.DKIM_PRIVATE_KEY ?? '' } });\n",
  });
  const t = await lab.start('good');
  try {
    const r = await cli([t.url, '--ca', lab.pki.caFile, '--http-url', t.httpUrl, '--routes-from', dir, '--domain', 'good.test', '--dns-server', lab.dns.server, '--format', 'json']);
    const dkim = JSON.parse(r.stdout).checks.find((c: { id: string }) => c.id === 'dkim');
    assert.equal(dkim.status, 'pass', dkim.summary);
    assert.match(dkim.summary, /^sel1\._domainkey: RSA 2048-bit key$/);
  } finally {
    await t.close();
  }
});

test('an unreachable target: health is an error (no verdict), not a failing health endpoint', async () => {
  const { createServer } = await import('node:net');
  const port = await new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => resolve(p));
    });
  });
  const r = await cli([`http://127.0.0.1:${port}/`, '--format', 'json', '--timeout', '2000']);
  assert.equal(r.code, 1, r.stderr);
  const health = JSON.parse(r.stdout).checks.find((c: { id: string }) => c.id === 'health');
  assert.equal(health.status, 'error');
  assert.match(health.summary, /could be reached \(ECONNREFUSED\)/);
});

test('auth-bypass names three open routes and counts the rest', async () => {
  const { createServer } = await import('node:http');
  const server = createServer((_req, res) => res.setHeader('content-type', 'application/json').end('{"rows":[1,2,3]}'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  const routes = ['tickets', 'users', 'orders', 'invoices', 'reports'].map((n) => `app.get('/api/${n}', requireAuth, (req, res) => res.json([]));`);
  const root = writeFixture({
    'package.json': JSON.stringify({ name: 'fx', dependencies: { express: '^4.19.0' } }),
    'src/server.ts': ["import express from 'express';", "import { requireAuth } from './auth';", 'const app = express();', ...routes].join('\n'),
    'src/auth.ts': "export function requireAuth(req: any, res: any, next: any) { if (!req.headers.authorization) return res.status(401).end(); next(); }\n",
  });
  try {
    const r = await cli([`http://127.0.0.1:${port}/`, '--format', 'json', '--routes-from', root, '--timeout', '2000']);
    const auth = JSON.parse(r.stdout).checks.find((c: { id: string }) => c.id === 'auth-bypass');
    assert.equal(auth.status, 'fail', auth.summary);
    assert.match(auth.summary, /^5 private route\(s\) answer without credentials: GET \/api\/\w+, GET \/api\/\w+, GET \/api\/\w+ and 2 more$/);
  } finally {
    server.close();
  }
});
