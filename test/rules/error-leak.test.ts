import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ts } from 'ts-morph';
import { parseFixture } from '../helpers/fixture';
import { checkRule } from '../helpers/check-rule';
import { scanFixture } from '../helpers/scan';
import { applyEdits } from '../../rules/lib/edits';

const check = (fixture: string) => checkRule('error-leak', fixture);

test('express: error handlers and catch blocks that send stacks or raw messages', async () => {
  await check(`
//- src/app.ts
import express from 'express';
const app = express();
app.get('/api/a', async (req, res) => {
  try {
    res.json(await load());
  } catch (err) {
    res.status(500).json({ error: (err as Error).message }); // expect: error-leak
  }
});
app.get('/api/b', async (req, res) => {
  try {
    res.json(await load());
  } catch (e) {
    res.status(400).json({ error: (e as Error).message }); // ok: error-leak
  }
});
app.get('/api/c', async (req, res) => {
  try {
    res.json(await load());
  } catch (e) {
    console.error(e);
    res.status(500).json({ error: 'Internal error' }); // ok: error-leak
  }
});
app.use((err: Error, req: express.Request, res: express.Response, next: express.NextFunction) => {
  res.status(500).send(err.stack); // expect: error-leak
});
async function load() { return 1; }
`);
});

test('next.js, koa, fastify and nest shapes', async () => {
  await check(`
//- app/api/chat/route.ts
import { NextResponse } from 'next/server';
export async function POST(request: Request) {
  try {
    return NextResponse.json(await run(await request.json()));
  } catch (e) {
    return NextResponse.json({ error: (e as Error).message }, { status: 500 }); // expect: error-leak
  }
}
async function run(x: unknown) { return x; }
//- src/koa.ts
import Koa from 'koa';
const app = new Koa();
app.use(async (ctx, next) => {
  try {
    await next();
  } catch (err: any) {
    ctx.status = 500;
    ctx.body = { message: err.message, stack: err.stack }; // expect: error-leak
  }
});
//- src/fastify.ts
import Fastify from 'fastify';
const f = Fastify();
f.setErrorHandler((error, request, reply) => {
  reply.status(500).send({ message: error.message, stack: error.stack }); // expect: error-leak
});
//- src/filter.ts
import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
@Catch()
export class AllErrors implements ExceptionFilter {
  catch(exception: any, host: ArgumentsHost) {
    const res = host.switchToHttp().getResponse();
    res.status(500).json({ message: exception.message, stack: exception.stack }); // expect: error-leak
  }
}
`);
});

test('errorhandler middleware needs a development guard', async () => {
  await check(`
//- src/a.js
const express = require('express');
const errorhandler = require('errorhandler');
const app = express();
app.use(errorhandler()); // expect: error-leak
//- src/b.js
const express = require('express');
const errorhandler = require('errorhandler');
const app = express();
if (process.env.NODE_ENV === 'development') {
  app.use(errorhandler()); // ok: error-leak
}
`);
});

test('the fix sends a generic message, logs the error, parses, and the finding is gone', async () => {
  const files = parseFixture(`
//- src/app.ts
import express from 'express';
import { logger } from './logger';
const app = express();
app.get('/api/a', async (req, res) => {
  try {
    res.json({});
  } catch (err) {
    res.status(500).json({ error: (err as Error).message });
  }
});
//- src/logger.ts
export const logger = { error: (e: unknown) => console.error(e) };
`);
  const scan = await scanFixture(files);
  const finding = scan.result.findings.find((f) => f.rule === 'error-leak');
  assert.ok(finding?.fixes[0]);
  const after = applyEdits(readFileSync(join(scan.root, 'src/app.ts'), 'utf8'), finding.fixes[0].edits);
  assert.match(after, /\n {4}logger\.error\(err\);\n {4}res\.status\(500\)\.json\(\{ error: 'Something went wrong/);
  const sf = ts.createSourceFile('a.ts', after, ts.ScriptTarget.Latest, true);
  assert.equal((sf as unknown as { parseDiagnostics: unknown[] }).parseDiagnostics.length, 0);
  const rescan = await scanFixture({ ...files, 'src/app.ts': after });
  assert.equal(rescan.result.findings.filter((f) => f.rule === 'error-leak').length, 0);
});

test('messages sent only on a client-error branch are deliberate; the 5xx side and stacks still leak', async () => {
  await check(`
//- src/app.ts
import Fastify from 'fastify';
const app = Fastify();
app.setErrorHandler((err, req, reply) => {
  if (err.statusCode && err.statusCode < 500) return reply.status(err.statusCode).send({ error: err.message }); // ok: error-leak
  reply.status(500).send({ error: err.message }); // expect: error-leak
});
//- src/other.ts
import Fastify from 'fastify';
class HttpError extends Error { status = 400; }
const app = Fastify();
app.setErrorHandler((err, req, reply) => {
  if (err instanceof HttpError) {
    reply.status(err.status).send({ error: err.message }); // ok: error-leak
  } else if (err.statusCode >= 500) {
    reply.status(500).send({ error: err.message }); // expect: error-leak
  } else {
    reply.send({ error: err.message, trace: err.stack }); // expect: error-leak
  }
});
//- src/koa.js
const Koa = require('koa');
const app = new Koa();
app.use(async (ctx, next) => {
  try {
    await next();
  } catch (err) {
    ctx.status = err.status || 500;
    ctx.body = { error: err.expose ? err.message : 'Internal Server Error' }; // ok: error-leak
  }
});
app.use(async (ctx, next) => {
  try {
    await next();
  } catch (err) {
    ctx.status = 500;
    ctx.body = { error: !err.expose ? err.message : 'Internal Server Error' }; // expect: error-leak
  }
});
app.use(async (ctx, next) => {
  try {
    await next();
  } catch (err) {
    if (err.status < 500) ctx.body = { error: err.message };
    else ctx.body = { error: err.message }; // expect: error-leak
  }
});
`);
});
