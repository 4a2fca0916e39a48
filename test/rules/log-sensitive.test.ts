import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ts } from 'ts-morph';
import { parseFixture } from '../helpers/fixture';
import { checkRule } from '../helpers/check-rule';
import { scanFixture } from '../helpers/scan';
import { applyEdits } from '../../rules/lib/edits';

const check = (fixture: string) => checkRule('log-sensitive', fixture);

test('credentials, whole bodies and PII through locals; safe fields and literals are fine', async () => {
  await check(`
//- src/auth.ts
import express from 'express';
import { logger } from './logger';
const app = express();
app.post('/login', (req, res) => {
  const { email, password } = req.body;
  logger.info({ email, password }, 'login attempt'); // expect: log-sensitive
  console.log('auth header', req.headers.authorization); // expect: log-sensitive
  logger.info(req.body); // expect: log-sensitive
  logger.info({ userId: req.user?.id, route: req.path }, 'login'); // ok: log-sensitive
  console.log('token refreshed'); // ok: log-sensitive
  console.log(\`usage: \${res.locals.usage?.total_tokens} tokens\`); // ok: log-sensitive
  res.json({ ok: true });
});
app.post('/signup', (req, res) => {
  const contact = req.body.email;
  console.info('new signup', contact); // expect: log-sensitive
  res.json({ ok: true });
});
//- src/logger.ts
import pino from 'pino';
export const logger = pino();
`);
});

test('fastify request.log, nest logger and morgan formats', async () => {
  await check(`
//- src/f.ts
import Fastify from 'fastify';
const app = Fastify();
app.post('/api/keys', async (request) => {
  request.log.info({ apiKey: (request.body as any).apiKey }, 'key created'); // expect: log-sensitive
  return { ok: true };
});
//- src/m.js
const express = require('express');
const morgan = require('morgan');
const app = express();
app.use(morgan(':method :url :req[authorization]')); // expect: log-sensitive
app.use(morgan('combined')); // ok: log-sensitive
//- src/svc.ts
import { Body, Controller, Logger, Post } from '@nestjs/common';
@Controller('users')
export class UsersController {
  private readonly logger = new Logger(UsersController.name);
  @Post()
  create(@Body() body: { email: string; password: string }) {
    this.logger.log(\`creating \${body.email} with \${body.password}\`); // expect: log-sensitive
    return {};
  }
}
`);
});

test('a pino logger with redact paths covering the field is trusted', async () => {
  await check(`
//- src/app.ts
import express from 'express';
import pino from 'pino';
const logger = pino({ redact: ['password', '*.password'] });
const app = express();
app.post('/login', (req, res) => {
  const { password } = req.body;
  logger.info({ password }, 'attempt'); // ok: log-sensitive
  res.end();
});
`);
});

test('the redact fix edits the pino() call in the logger module and clears the finding', async () => {
  const files = parseFixture(`
//- src/app.ts
import express from 'express';
import { logger } from './logger';
const app = express();
app.post('/login', (req, res) => {
  logger.info({ password: req.body.password });
  res.end();
});
//- src/logger.ts
import pino from 'pino';
export const logger = pino({ level: 'info' });
`);
  const scan = await scanFixture(files);
  const finding = scan.result.findings.find((f) => f.rule === 'log-sensitive');
  assert.ok(finding?.fixes[0], 'has a fix');
  const edits = finding.fixes[0].edits;
  assert.ok(edits.every((e) => e.file === 'src/logger.ts'));
  const after = applyEdits(readFileSync(join(scan.root, 'src/logger.ts'), 'utf8'), edits);
  assert.match(after, /pino\(\{ redact: \{ paths: \['password', '\*\.password'/);
  const sf = ts.createSourceFile('l.ts', after, ts.ScriptTarget.Latest, true);
  assert.equal((sf as unknown as { parseDiagnostics: unknown[] }).parseDiagnostics.length, 0);
  const rescan = await scanFixture({ ...files, 'src/logger.ts': after });
  assert.equal(rescan.result.findings.filter((f) => f.rule === 'log-sensitive').length, 0);
});
