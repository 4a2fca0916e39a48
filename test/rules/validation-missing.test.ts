import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { compareExpectations, expectations, parseFixture } from '../helpers/fixture';
import { scanFixture } from '../helpers/scan';
import { applyEdits } from '../../rules/lib/edits';

async function check(fixture: string) {
  const files = parseFixture(fixture);
  const scan = await scanFixture(files);
  assert.deepEqual(compareExpectations(expectations(files), scan.result.findings, ['validation-missing']), []);
  return scan;
}

const COMMON = `//- src/db.ts
import { PrismaClient } from '@prisma/client';
export const prisma = new PrismaClient();
export const redis: { set(...args: unknown[]): Promise<string | null> } = {} as never;
//- src/auth.ts
export function requireAuth(req: any, res: any, next: any) {
  if (!req.user) return res.status(401).json({ error: 'unauthorized' });
  next();
}
`;

test('express: mass assignment is an error, property writes and LLM prompts are warnings; zod, express-validator and 400 guards are validation', async () => {
  const scan = await check(`
//- package.json
{ "name": "helpdesk", "dependencies": { "express": "^4.19.0", "zod": "^3.23.0", "express-validator": "^7.0.0", "openai": "^4.0.0" } }
//- src/app.ts
import express from 'express';
import OpenAI from 'openai';
import { z } from 'zod';
import { body, validationResult } from 'express-validator';
import { prisma } from './db';
import { requireAuth } from './auth';
import { saveNote } from './notes';
import { redis } from './db';
const openai = new OpenAI();
const app = express();
app.use(express.json());
app.use(requireAuth);
app.post('/api/tickets', async (req, res) => {
  const ticket = await prisma.ticket.create({ data: req.body }); // expect: validation-missing
  res.json(ticket);
});
app.post('/api/comments', async (req, res) => {
  const { text, ticketId } = req.body;
  const c = await prisma.comment.create({ data: { text, ticketId, authorId: req.user.id } }); // expect: validation-missing
  res.json(c);
});
app.post('/api/summaries', async (req, res) => {
  const out = await openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: req.body.text }] }); // expect: validation-missing
  res.json(out.choices[0].message);
});
app.post('/api/notes', async (req, res) => { // expect: validation-missing
  res.json(await saveNote(req.user.id, req.body));
});
const Ticket = z.object({ subject: z.string().max(200) });
app.post('/api/parsed', async (req, res) => {
  const input = Ticket.parse(req.body);
  const t = await prisma.ticket.create({ data: { ...input, tenantId: req.user.tenantId } }); // ok: validation-missing
  res.json(t);
});
app.post('/api/checked', body('subject').isString().isLength({ max: 200 }), async (req, res) => {
  if (!validationResult(req).isEmpty()) return res.status(400).json({ errors: validationResult(req).array() });
  const t = await prisma.ticket.create({ data: { subject: req.body.subject } }); // ok: validation-missing
  res.json(t);
});
app.post('/api/manual', async (req, res) => {
  if (typeof req.body.subject !== 'string' || req.body.subject.length > 200) return res.status(400).json({ error: 'subject' });
  const t = await prisma.ticket.create({ data: { subject: req.body.subject } }); // ok: validation-missing
  res.json(t);
});
app.post('/api/dedupe', async (req, res) => {
  const fresh = await redis.set(\`seen:\${req.body.eventId}\`, '1', 'EX', 3600, 'NX'); // ok: validation-missing
  res.json({ fresh });
});
app.get('/api/tickets/:id', async (req, res) => {
  const t = await prisma.ticket.findFirst({ where: { id: req.params.id, tenantId: req.user.tenantId } }); // ok: validation-missing
  res.json(t);
});
//- src/notes.ts
import { prisma } from './db';
export async function saveNote(userId: string, input: Record<string, unknown>) {
  return prisma.note.create({ data: { ...input, userId } });
}
${COMMON}`);
  const mass = scan.result.findings.find((f) => f.rule === 'validation-missing' && f.route === 'POST /api/tickets')!;
  assert.equal(mass.severity, 'error');
  assert.match(mass.message, /mass assignment/);
  const notes = scan.result.findings.find((f) => f.rule === 'validation-missing' && f.route === 'POST /api/notes')!;
  assert.equal(notes.severity, 'error');
  assert.match(notes.message, /in saveNote/);
  const comments = scan.result.findings.find((f) => f.rule === 'validation-missing' && f.route === 'POST /api/comments')!;
  assert.equal(comments.severity, 'warning');
  assert.equal(comments.fixes.length, 1);
  const text = readFileSync(`${scan.root}/src/app.ts`, 'utf8');
  const fixed = applyEdits(text, comments.fixes[0].edits);
  assert.match(fixed, /const Body = z\.object\(\{ text: z\.string\(\)\.max\(10_000\), ticketId: z\.string\(\)\.min\(1\) \}\);/);
  assert.match(fixed, /const parsed = Body\.safeParse\(req\.body\);\n  if \(!parsed\.success\) return res\.status\(400\)/);
  assert.match(fixed, /const \{ text, ticketId \} = input;/);
  assert.match(scan.result.findings.find((f) => f.route === 'POST /api/summaries' && f.rule === 'validation-missing')!.message, /LLM/);
});

test('no zod dependency: the finding says how to get the scaffold and offers no fix', async () => {
  const scan = await check(`
//- package.json
{ "name": "helpdesk", "dependencies": { "express": "^4.19.0" } }
//- src/app.ts
import express from 'express';
import { prisma } from './db';
const app = express();
app.post('/api/tickets', async (req, res) => {
  res.json(await prisma.ticket.create({ data: { subject: req.body.subject } })); // expect: validation-missing
});
${COMMON}`);
  const f = scan.result.findings.find((x) => x.rule === 'validation-missing')!;
  assert.equal(f.fixes.length, 0);
  assert.match(f.message, /npm i zod/);
});

test('nestjs DTO with ValidationPipe, fastify schema, hono zValidator, next.js zod parse are validated; raw ones are not', async () => {
  await check(`
//- src/main.ts
import { NestFactory } from '@nestjs/core';
import { ValidationPipe } from '@nestjs/common';
import { AppModule } from './app.module';
async function bootstrap() {
  const app = await NestFactory.create(AppModule);
  app.useGlobalPipes(new ValidationPipe({ whitelist: true }));
  await app.listen(3000);
}
bootstrap();
//- src/app.module.ts
export class AppModule {}
//- src/tickets.controller.ts
import { Body, Controller, Post } from '@nestjs/common';
import { IsString, MaxLength } from 'class-validator';
import { PrismaService } from './prisma.service';
export class CreateTicketDto {
  @IsString() @MaxLength(200) subject!: string;
}
@Controller('tickets')
export class TicketsController {
  constructor(private readonly prisma: PrismaService) {}
  @Post() // ok: validation-missing
  create(@Body() dto: CreateTicketDto) {
    return this.prisma.ticket.create({ data: dto });
  }
}
//- src/prisma.service.ts
import { PrismaClient } from '@prisma/client';
export class PrismaService extends PrismaClient {}
//- src/fastify.ts
import Fastify from 'fastify';
import { prisma } from './db';
const app = Fastify();
app.post('/api/projects', { schema: { body: { type: 'object', required: ['name'], properties: { name: { type: 'string', maxLength: 100 } } } } }, async (request: any) => { // ok: validation-missing
  return prisma.project.create({ data: request.body });
});
app.post('/api/boards', async (request: any) => {
  return prisma.board.create({ data: request.body }); // expect: validation-missing
});
//- src/hono.ts
import { Hono } from 'hono';
import { zValidator } from '@hono/zod-validator';
import { z } from 'zod';
import { prisma } from './db';
const app = new Hono();
app.post('/api/labels', zValidator('json', z.object({ name: z.string() })), async (c) => { // ok: validation-missing
  const data = c.req.valid('json');
  return c.json(await prisma.label.create({ data }));
});
app.post('/api/tags', async (c) => {
  const data = await c.req.json();
  return c.json(await prisma.tag.create({ data })); // expect: validation-missing
});
//- app/api/messages/route.ts
import { z } from 'zod';
import { prisma } from '@/src/db';
const Msg = z.object({ text: z.string().max(4000) });
export async function POST(request: Request) { // ok: validation-missing
  const body = Msg.parse(await request.json());
  return Response.json(await prisma.message.create({ data: body }));
}
//- app/api/raw/route.ts
import { prisma } from '@/src/db';
export async function POST(request: Request) {
  const body = await request.json();
  return Response.json(await prisma.message.create({ data: body })); // expect: validation-missing
}
//- tsconfig.json
{ "compilerOptions": { "baseUrl": ".", "paths": { "@/*": ["./*"] } } }
${COMMON}`);
});

test('next.js and hono: the zod fix validates where the JSON body is read and keeps the handler names', async () => {
  const scan = await check(`
//- package.json
{ "name": "web", "dependencies": { "next": "^14.2.0", "hono": "^4.0.0", "zod": "^3.23.0" } }
//- app/api/tickets/route.ts
import { prisma } from '@/lib/db';
export async function POST(request: Request) {
  const { subject, priority } = await request.json();
  const t = await prisma.ticket.create({ data: { subject, priority } }); // expect: validation-missing
  return Response.json(t);
}
//- src/hono.ts
import { Hono } from 'hono';
import { prisma } from '../lib/db';
const app = new Hono();
app.post('/api/labels', async (c) => {
  const input = await c.req.json();
  return c.json(await prisma.label.create({ data: { name: input.name, color: input.color } })); // expect: validation-missing
});
//- lib/db.ts
import { PrismaClient } from '@prisma/client';
export const prisma = new PrismaClient();
//- tsconfig.json
{ "compilerOptions": { "baseUrl": ".", "paths": { "@/*": ["./*"] } } }
`);
  const fixed = (route: string, file: string) => {
    const f = scan.result.findings.find((x) => x.rule === 'validation-missing' && x.route === route)!;
    assert.equal(f.fixes.length, 1, route);
    return applyEdits(readFileSync(`${scan.root}/${file}`, 'utf8'), f.fixes[0].edits);
  };
  const next = fixed('POST /api/tickets', 'app/api/tickets/route.ts');
  assert.match(next, /^import \{ z \} from 'zod';/m);
  assert.match(next, /const Body = z\.object\(\{ subject: z\.string\(\)\.max\(10_000\), priority: z\.string\(\)\.max\(10_000\) \}\);\n  const parsed = Body\.safeParse\(await request\.json\(\)\);\n  if \(!parsed\.success\) return Response\.json\(\{ error: 'invalid body', issues: parsed\.error\.issues \}, \{ status: 400 \}\);\n  const \{ subject, priority \} = parsed\.data;/);
  const hono = fixed('POST /api/labels', 'src/hono.ts');
  assert.match(hono, /const Body = z\.object\(\{ name: z\.string\(\)\.max\(10_000\), color: z\.string\(\)\.max\(10_000\) \}\);/);
  assert.match(hono, /return c\.json\(\{ error: 'invalid body', issues: parsed\.error\.issues \}, 400\);\n  const input = parsed\.data;/);
});
