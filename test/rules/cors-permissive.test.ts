import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ts } from 'ts-morph';
import { parseFixture } from '../helpers/fixture';
import { checkRule } from '../helpers/check-rule';
import { scanFixture } from '../helpers/scan';
import { applyEdits } from '../../rules/lib/edits';

const check = (fixture: string) => checkRule('cors-permissive', fixture);

test('express cors: reflecting origins with credentials, echo callbacks, allow-lists', async () => {
  await check(`
//- src/app.ts
import express from 'express';
import cors from 'cors';
const app = express();
app.use(cors({ origin: true, credentials: true })); // expect: cors-permissive
app.use('/widget', cors({ origin: (origin, cb) => cb(null, true), credentials: true })); // expect: cors-permissive
app.use('/ok', cors({ origin: ['https://app.acme.com'], credentials: true })); // ok: cors-permissive
app.use('/ok2', cors({ origin: (origin, cb) => cb(null, allowed.includes(origin ?? '')), credentials: true })); // ok: cors-permissive
app.use('/env', cors({ origin: process.env.CORS_ORIGINS!.split(','), credentials: true })); // ok: cors-permissive
app.use('/public', cors()); // ok: cors-permissive
const allowed = ['https://acme.com'];
app.get('/api/public/status', (req, res) => res.json({ ok: true }));
`);
});

test('cors() defaults on an API with authenticated routes is reported at warning', async () => {
  const scan = await check(`
//- src/app.ts
import express from 'express';
import cors from 'cors';
import { requireAuth } from './auth';
const app = express();
app.use(cors()); // expect: cors-permissive
app.get('/api/tickets', requireAuth, (req, res) => res.json([]));
//- src/auth.ts
export function requireAuth(req: any, res: any, next: any) {
  if (!req.headers.authorization) return res.status(401).end();
  next();
}
`);
  assert.equal(scan.result.findings.find((f) => f.rule === 'cors-permissive')?.severity, 'warning');
});

test('koa @koa/cors reflects the request origin by default; hono, fastify and nest equivalents', async () => {
  await check(`
//- src/koa.ts
import Koa from 'koa';
import cors from '@koa/cors';
const app = new Koa();
app.use(cors({ credentials: true })); // expect: cors-permissive
app.use(cors({ origin: 'https://app.acme.com', credentials: true })); // ok: cors-permissive
//- src/hono.ts
import { Hono } from 'hono';
import { cors } from 'hono/cors';
const h = new Hono();
h.use('/api/*', cors({ origin: (origin) => origin, credentials: true })); // expect: cors-permissive
h.use('/ok/*', cors({ origin: ['https://app.acme.com'], credentials: true })); // ok: cors-permissive
//- src/fastify.ts
import Fastify from 'fastify';
import cors from '@fastify/cors';
const f = Fastify();
f.register(cors, { origin: true, credentials: true }); // expect: cors-permissive
//- src/main.ts
import { NestFactory } from '@nestjs/core';
async function bootstrap() {
  const app = await NestFactory.create(AppModule);
  app.enableCors({ origin: true, credentials: true }); // expect: cors-permissive
  await app.listen(3000);
}
class AppModule {}
bootstrap();
`);
});

test('hand-written headers copied from the request Origin, and vercel.json wildcards with credentials', async () => {
  await check(`
//- src/app.js
const express = require('express');
const app = express();
app.use((req, res, next) => {
  res.setHeader('Access-Control-Allow-Origin', req.headers.origin); // expect: cors-permissive
  res.setHeader('Access-Control-Allow-Credentials', 'true');
  next();
});
app.use('/ok', (req, res, next) => {
  if (ALLOWED.includes(req.headers.origin)) {
    res.setHeader('Access-Control-Allow-Origin', req.headers.origin); // ok: cors-permissive
  }
  next();
});
const ALLOWED = ['https://acme.com'];
`);
  const scan = await scanFixture({
    'vercel.json': JSON.stringify({ headers: [{ source: '/api/(.*)', headers: [{ key: 'Access-Control-Allow-Origin', value: '*' }, { key: 'Access-Control-Allow-Credentials', value: 'true' }] }] }, null, 2),
  });
  const f = scan.result.findings.find((x) => x.rule === 'cors-permissive');
  assert.ok(f, 'vercel.json finding');
  assert.equal(f.file, 'vercel.json');
  assert.equal(f.span.line, 7, "the line of the Access-Control-Allow-Origin key");
});

test('the allow-list fix parses, type-checks as JS syntax and clears the finding', async () => {
  const files = parseFixture(`
//- src/app.ts
import express from 'express';
import cors from 'cors';
const app = express();
app.use(cors({ origin: true, credentials: true }));
//- .env.example
PORT=3000
`);
  const scan = await scanFixture(files);
  const finding = scan.result.findings.find((f) => f.rule === 'cors-permissive');
  assert.ok(finding?.fixes[0]);
  const fix = finding.fixes[0];
  const after = applyEdits(readFileSync(join(scan.root, 'src/app.ts'), 'utf8'), fix.edits.filter((e) => e.file === 'src/app.ts'));
  assert.match(after, /origin: \(process\.env\.CORS_ORIGINS \?\? ''\)\.split\(','\)\.filter\(Boolean\), credentials: true/);
  const sf = ts.createSourceFile('a.ts', after, ts.ScriptTarget.Latest, true);
  assert.equal((sf as unknown as { parseDiagnostics: unknown[] }).parseDiagnostics.length, 0);
  assert.ok(fix.edits.some((e) => e.file === '.env.example' && e.newText.includes('CORS_ORIGINS=')));
  const rescan = await scanFixture({ ...files, 'src/app.ts': after });
  assert.equal(rescan.result.findings.filter((f) => f.rule === 'cors-permissive').length, 0);
});
