// Body IR: one fixture per framework request shape, guard style, validator, identity call, and the <module>
// pseudo-function. Each test extracts real code and checks the facts rules rely on.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractFile } from '../../server/src/model/extract';
import type { FunctionFacts, Source } from '../../server/src/model/types';

function functions(text: string, file = 'src/app.ts'): FunctionFacts[] {
  return extractFile(file, text, [], true).functions;
}

function fn(text: string, name: string, file?: string): FunctionFacts {
  const all = functions(text, file);
  const hit = all.find((f) => f.name === name);
  assert.ok(hit, `function ${name} among ${all.map((f) => f.name).join(', ')}`);
  return hit;
}

const assignment = (f: FunctionFacts, name: string) => f.assignments.find((a) => a.name === name)?.value;
const sourcesOf = (f: FunctionFacts, name: string): Source[] => [...(assignment(f, name)?.sources ?? [])].sort();
const call = (f: FunctionFacts, callee: string) => f.calls.find((c) => c.callee === callee);

test('express: request sources through destructuring, reassignment and spread', () => {
  const f = fn(
    `
import express from 'express';
export async function update(req, res, next) {
  const { email, profile: { name } } = req.body;
  const id = req.params.id;
  let q = 'x';
  q = req.query.search;
  const data = { ...req.body, ownerId: req.user.id };
  const key = req.headers['x-api-key'];
  const sid = req.cookies.sid;
  const who = res.locals.user;
  const sess = req.session.userId;
  res.json(data);
  next();
}`,
    'update',
  );
  assert.deepEqual(sourcesOf(f, 'email'), ['body']);
  assert.deepEqual(sourcesOf(f, 'name'), ['body']);
  assert.deepEqual(sourcesOf(f, 'id'), ['params']);
  assert.ok(f.assignments.filter((a) => a.name === 'q').some((a) => a.value.sources.includes('query')));
  const data = assignment(f, 'data')!;
  assert.deepEqual(data.spreads?.sort(), ['body', 'bodyWhole']);
  assert.ok(data.props?.some((p) => p.path === 'ownerId' && p.value.sources.includes('identity')));
  assert.ok(data.names.includes('ownerid'));
  assert.deepEqual(sourcesOf(f, 'key'), ['authHeader']);
  assert.deepEqual(sourcesOf(f, 'sid'), ['cookie']);
  assert.deepEqual(sourcesOf(f, 'who'), ['identity']);
  assert.deepEqual(sourcesOf(f, 'sess'), ['identity']);
  assert.equal(f.callsNext, true);
  assert.equal(f.responses.length, 1);
  assert.ok(f.responses[0].body?.sources.includes('bodyWhole'));
  for (const s of ['body', 'params', 'query', 'identity', 'authHeader', 'cookie'] as Source[]) assert.ok(f.reads.includes(s), s);
  assert.ok(!f.reads.includes('headersWhole'), 'req.headers[x] is not a whole-headers read');
});

test('express: guards of every response style, with status and sources', () => {
  const f = fn(
    `
export function guard(req, res, next) {
  const token = req.headers.authorization?.split(' ')[1];
  if (!token) return res.status(401).json({ error: 'missing' });
  if (!req.user) { res.sendStatus(403); return; }
  if (req.user.role !== 'admin') return next(createError(403));
  req.user.banned ? res.status(423).end() : next();
  next();
}`,
    'guard',
  );
  const byStatus = Object.fromEntries(f.guards.filter((g) => g.exit === 'respond').map((g) => [g.status, g]));
  assert.deepEqual(byStatus[401].sources, ['authHeader']);
  assert.deepEqual(byStatus[403].sources, ['identity']);
  assert.ok(f.guards.some((g) => g.exit === 'next' && g.status === 403 && g.names.includes('role') && g.test.includes("'admin'")));
  assert.ok(byStatus[423], 'ternary guard');
  assert.equal(f.callsNext, true);
});

test('express: 4-argument error handler and catch variables carry `error`; try/catch that responds', () => {
  const f = fn(
    `
export function onError(err, req, res, next) {
  res.status(500).json({ message: err.message, stack: err.stack });
}`,
    'onError',
  );
  assert.ok(f.responses[0].body?.sources.includes('error'));
  assert.equal(f.responses[0].status, 500);
  const h = fn(
    `
export async function h(req, res) {
  try { await work(req.body); } catch (e) { logger.error(e); res.status(500).send(String(e)); }
}`,
    'h',
  );
  assert.equal(h.hasTryCatch, true);
  assert.ok(h.responses.some((r) => r.status === 500 && r.body?.sources.includes('error')));
  const quiet = fn(`export async function q(req, res) { try { await work(); } catch { /* ignored */ } }`, 'q');
  assert.equal(quiet.hasTryCatch, false);
});

test('express: a catch that answers 401 after jwt.verify is a guard; jwt.verify yields identity, jwt.decode session', () => {
  const f = fn(
    `
import jwt from 'jsonwebtoken';
export function requireAuth(req, res, next) {
  const header = req.get('authorization');
  try {
    req.user = jwt.verify(header, process.env.JWT_SECRET);
    const claims = jwt.verify(header, process.env.JWT_SECRET);
    const raw = jwt.decode(header);
    next();
  } catch (e) {
    return res.status(401).json({ error: 'bad token' });
  }
}`,
    'requireAuth',
  );
  assert.deepEqual(sourcesOf(f, 'header'), ['authHeader']);
  assert.deepEqual(sourcesOf(f, 'claims'), ['identity']);
  assert.deepEqual(sourcesOf(f, 'raw'), ['session']);
  const g = f.guards.find((x) => x.test === 'catch');
  assert.ok(g && g.status === 401 && g.sources.includes('authHeader'));
  assert.ok(call(f, 'jwt.verify')!.args[1].sources.includes('secretEnv'));
});

test('next.js pages API and app router request shapes', () => {
  const pages = fn(
    `
import type { NextApiRequest, NextApiResponse } from 'next';
export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const id = req.query.id;
  if (req.method !== 'POST') return res.status(405).end();
  res.status(200).json({ id });
}`,
    'handler',
    'pages/api/t.ts',
  );
  assert.deepEqual(sourcesOf(pages, 'id'), ['query']);
  assert.ok(pages.responses.some((r) => r.status === 200));

  const app = fn(
    `
import { NextResponse } from 'next/server';
import { headers, cookies } from 'next/headers';
import { auth } from '@/auth';
export async function POST(request: Request, { params }: { params: { id: string } }) {
  const session = await auth();
  if (!session) return NextResponse.json({ error: 'unauthorized' }, { status: 401 });
  const body = await request.json();
  const q = new URL(request.url).searchParams.get('q');
  const search = request.nextUrl.searchParams.get('s');
  const authz = headers().get('authorization');
  const theme = cookies().get('theme');
  const tid = params.id;
  if (session.user.role !== 'admin') return new Response('no', { status: 403, headers: { 'Access-Control-Allow-Origin': '*' } });
  return NextResponse.json({ ok: true, body });
}`,
    'POST',
    'app/api/t/[id]/route.ts',
  );
  assert.deepEqual(sourcesOf(app, 'session'), ['identity']);
  assert.deepEqual(sourcesOf(app, 'body'), ['body', 'bodyWhole']);
  assert.deepEqual(sourcesOf(app, 'search'), ['query']);
  assert.deepEqual(sourcesOf(app, 'authz'), ['authHeader']);
  assert.deepEqual(sourcesOf(app, 'theme'), ['cookie']);
  assert.deepEqual(sourcesOf(app, 'tid'), ['params']);
  assert.ok(app.guards.some((g) => g.status === 401 && g.sources.includes('identity')));
  const forbidden = app.responses.find((r) => r.status === 403);
  assert.equal(forbidden?.headers?.[0].name, 'access-control-allow-origin');
  assert.deepEqual(app.returns, [], 'responses are not returns');
  assert.ok(app.responses.some((r) => r.body?.sources.includes('bodyWhole')));
});

test('koa context: sources, ctx.throw / ctx.status guards, ctx.body responses and ctx.set headers', () => {
  const f = fn(
    `
import Router from '@koa/router';
export async function show(ctx, next) {
  const id = ctx.params.id;
  const input = ctx.request.body;
  const token = ctx.get('Authorization');
  const sid = ctx.cookies.get('sid');
  const user = ctx.state.user;
  if (!user) ctx.throw(401, 'login');
  if (!token) { ctx.status = 403; ctx.body = { error: 'no' }; return; }
  ctx.assert(user.active, 423, 'inactive');
  ctx.set('Access-Control-Allow-Origin', '*');
  ctx.body = { id, input };
  await next();
}`,
    'show',
  );
  assert.deepEqual(sourcesOf(f, 'id'), ['params']);
  assert.deepEqual(sourcesOf(f, 'input'), ['body', 'bodyWhole']);
  assert.deepEqual(sourcesOf(f, 'token'), ['authHeader']);
  assert.deepEqual(sourcesOf(f, 'sid'), ['cookie']);
  assert.deepEqual(sourcesOf(f, 'user'), ['identity']);
  assert.ok(f.guards.some((g) => g.status === 401 && g.exit === 'throw' && g.sources.includes('identity')));
  assert.ok(f.guards.some((g) => g.status === 403 && g.exit === 'respond' && g.sources.includes('authHeader')));
  assert.ok(f.guards.some((g) => g.status === 423));
  assert.ok(f.responses.some((r) => r.headers?.some((h) => h.name === 'access-control-allow-origin')));
  assert.ok(f.responses.some((r) => r.body?.sources.includes('params')));
  assert.equal(f.callsNext, true);
});

test('fastify request/reply', () => {
  const all = functions(`
import Fastify from 'fastify';
const app = Fastify();
app.post('/t/:id', async (request, reply) => {
  const id = request.params.id;
  const body = request.body;
  const auth = request.headers.authorization;
  const me = request.user;
  const verified = await request.jwtVerify();
  if (!me) return reply.code(401).send({ error: 'no' });
  reply.header('Access-Control-Allow-Origin', '*');
  return reply.send({ id, body });
});`);
  const h = all.find((x) => x.params[0]?.name === 'request')!;
  assert.deepEqual(sourcesOf(h, 'id'), ['params']);
  assert.deepEqual(sourcesOf(h, 'body'), ['body', 'bodyWhole']);
  assert.deepEqual(sourcesOf(h, 'auth'), ['authHeader']);
  assert.deepEqual(sourcesOf(h, 'me'), ['identity']);
  assert.deepEqual(sourcesOf(h, 'verified'), ['identity']);
  assert.ok(h.guards.some((g) => g.status === 401));
  assert.ok(h.responses.some((r) => r.headers?.[0]?.name === 'access-control-allow-origin'));
  assert.ok(h.responses.some((r) => r.body?.sources.includes('params')));
  assert.deepEqual(h.returns, []);
});

test('hono context: c.req accessors, c.req.valid, c.get identity, c.json guard and c.header', () => {
  const all = functions(`
import { Hono } from 'hono';
const app = new Hono();
app.post('/t/:id', async (c) => {
  const id = c.req.param('id');
  const q = c.req.query('q');
  const body = await c.req.json();
  const auth = c.req.header('Authorization');
  const input = c.req.valid('json');
  const payload = c.get('jwtPayload');
  if (!payload) return c.json({ error: 'unauthorized' }, 401);
  c.header('Access-Control-Allow-Origin', '*');
  return c.json({ id, q, body, input });
});`);
  const h = all.find((x) => x.params[0]?.name === 'c')!;
  assert.deepEqual(sourcesOf(h, 'id'), ['params']);
  assert.deepEqual(sourcesOf(h, 'q'), ['query']);
  assert.deepEqual(sourcesOf(h, 'body'), ['body', 'bodyWhole']);
  assert.deepEqual(sourcesOf(h, 'auth'), ['authHeader']);
  assert.deepEqual(sourcesOf(h, 'input'), ['validated']);
  assert.deepEqual(sourcesOf(h, 'payload'), ['identity']);
  assert.ok(h.guards.some((g) => g.status === 401 && g.sources.includes('identity')));
  assert.ok(h.responses.some((r) => r.headers?.[0]?.name === 'access-control-allow-origin'));
  assert.ok(h.responses.some((r) => r.body?.sources.includes('validated')));
});

test('nestjs: parameter decorators, request.user, exceptions and canActivate returning false', () => {
  const text = `
import { Controller, Get, Param, Body, Req, Post, ForbiddenException, HttpException, HttpStatus, UnauthorizedException } from '@nestjs/common';
@Controller('tickets')
export class TicketsController {
  @Post(':id')
  update(@Param('id') id: string, @Body() dto: UpdateTicketDto, @CurrentUser() user: User, @Req() req: Request, @Headers('authorization') authz: string) {
    const tenant = req.user.tenantId;
    if (user.role !== 'admin') throw new ForbiddenException();
    if (!tenant) throw new HttpException('no tenant', HttpStatus.FORBIDDEN);
    return this.tickets.update(id, dto, authz);
  }
}
export class ApiKeyGuard {
  canActivate(context) {
    const request = context.switchToHttp().getRequest();
    const key = request.headers['x-api-key'];
    if (!key) throw new UnauthorizedException();
    if (key !== process.env.API_KEY) return false;
    return true;
  }
}`;
  const u = fn(text, 'TicketsController.update');
  const args = call(u, 'this.tickets.update')!.args;
  assert.deepEqual(args[0].sources, ['params']);
  assert.deepEqual([...args[1].sources].sort(), ['body', 'bodyWhole']);
  assert.deepEqual(args[2].sources, ['authHeader']);
  assert.deepEqual(sourcesOf(u, 'tenant'), ['identity']);
  assert.ok(u.guards.some((g) => g.status === 403 && g.exit === 'throw' && g.names.includes('role')));
  assert.equal(u.guards.filter((g) => g.status === 403).length, 2, 'HttpException with HttpStatus.FORBIDDEN');
  const g = fn(text, 'ApiKeyGuard.canActivate');
  assert.deepEqual(sourcesOf(g, 'key'), ['authHeader']);
  assert.ok(g.guards.some((x) => x.status === 401 && x.exit === 'throw'));
  assert.ok(g.guards.some((x) => x.status === 403 && x.exit === 'return' && x.sources.includes('secretEnv')));
});

test('identity calls: next-auth, Clerk, Supabase, jose, firebase-admin', () => {
  const f = fn(
    `
import { getServerSession } from 'next-auth';
import { getAuth } from '@clerk/nextjs/server';
import { jwtVerify } from 'jose';
import admin from 'firebase-admin';
export async function GET(req: Request) {
  const session = await getServerSession(authOptions);
  const { userId } = getAuth(req);
  const { data: { user } } = await supabase.auth.getUser();
  const { payload } = await jwtVerify(token, key);
  const decoded = await admin.auth().verifyIdToken(idToken);
  return Response.json({ session, userId, user, payload, decoded });
}`,
    'GET',
  );
  for (const name of ['session', 'userId', 'user', 'payload', 'decoded']) assert.deepEqual(sourcesOf(f, name), ['identity'], name);
});

test('validators produce `validated`; JSON.parse does not', () => {
  const f = fn(
    `
import * as v from 'valibot';
import { parse } from 'valibot';
import { validateOrReject } from 'class-validator';
import { matchedData } from 'express-validator';
export async function create(req, res) {
  const a = Schema.parse(req.body);
  const b = Schema.safeParse(req.body).data;
  const r = Schema.safeParse(req.query);
  const c = r.data;
  const { value: d } = joiSchema.validate(req.body);
  const e = await joiSchema.validateAsync(req.body);
  const f = yupSchema.validateSync(req.body);
  const g = v.parse(S, req.body);
  const h = parse(S, req.body);
  const i = matchedData(req);
  const j = JSON.parse(req.body.raw);
  await validateOrReject(plainToInstance(Dto, req.body));
  res.json({ a });
}`,
    'create',
  );
  for (const name of ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i']) assert.deepEqual(sourcesOf(f, name), ['validated'], name);
  assert.deepEqual(sourcesOf(f, 'j'), ['body']);
  assert.ok(f.reads.includes('validated'));
});

test('environment reads: secret-looking names are secretEnv, others env', () => {
  const f = fn(
    `
export function cfg() {
  const k = process.env.OPENAI_API_KEY;
  const port = process.env.PORT;
  const pub = process.env.NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY;
  const db = process.env['DATABASE_URL'];
  const { STRIPE_SECRET } = process.env;
  return { k, port };
}`,
    'cfg',
  );
  assert.deepEqual(sourcesOf(f, 'k'), ['secretEnv']);
  assert.deepEqual(sourcesOf(f, 'port'), ['env']);
  assert.deepEqual(sourcesOf(f, 'pub'), ['env']);
  assert.deepEqual(sourcesOf(f, 'db'), ['secretEnv']);
  assert.deepEqual(sourcesOf(f, 'STRIPE_SECRET'), ['secretEnv']);
  assert.deepEqual([...f.returns[0].sources].sort(), ['env', 'secretEnv']);
});

test('LLM calls yield `llm`; database reads yield `dbRecord`; chained builders merge chain sources', () => {
  const f = fn(
    `
import OpenAI from 'openai';
import Anthropic from '@anthropic-ai/sdk';
import { generateText } from 'ai';
import { db } from '@/lib/db';
const openai = new OpenAI();
const anthropic = new Anthropic();
export async function chat(req, res) {
  const a = await openai.chat.completions.create({ model: 'x', messages: req.body.messages });
  const b = await anthropic.messages.create({ model: 'x', messages: [] });
  const { text } = await generateText({ model, prompt: req.body.prompt });
  const rows = await db.select().from(tickets).where(eq(tickets.tenantId, req.user.tenantId));
  const t = await Ticket.findById(req.params.id);
  res.json({ a, b, text, rows, t });
}`,
    'chat',
  );
  assert.deepEqual(sourcesOf(f, 'a'), ['llm']);
  assert.deepEqual(sourcesOf(f, 'b'), ['llm']);
  assert.deepEqual(sourcesOf(f, 'text'), ['llm']);
  assert.deepEqual(sourcesOf(f, 'rows'), ['dbRecord']);
  assert.deepEqual(sourcesOf(f, 't'), ['dbRecord']);
  const where = call(f, 'db.select().from().where')!;
  assert.ok(where.args[0].sources.includes('identity'));
  assert.ok(where.args[0].names.includes('tenantid'));
  assert.equal(where.awaited, true);
  assert.equal(where.assignedTo, 'rows');
  const twilio = fn(`export async function sms(req) { const m = await twilio.messages.create({ body: req.body.text }); return m; }`, 'sms');
  assert.deepEqual(sourcesOf(twilio, 'm'), ['body'], 'messages.create on a non-LLM client is not llm');
});

test('callbacks: .then/.map receive the receiver value, .catch the error; nested declarations have their own facts', () => {
  const text = `
export function h(req, res) {
  request.json().then((payload) => save(payload));
  req.body.items.map((item) => audit(item.id));
  work().catch((err) => res.status(500).json({ error: err.message }));
  function helper() { console.log(req.body); }
  class Inner { m() { console.log('x'); } }
  return helper;
}`;
  const f = fn(text, 'h');
  assert.ok(call(f, 'audit')!.args[0].sources.includes('body'));
  assert.ok(f.responses.some((r) => r.status === 500 && r.body?.sources.includes('error')));
  assert.equal(call(f, 'console.log'), undefined, 'nested declarations and class methods are not part of h');
  assert.equal(f.returns.length, 1, 'returns of nested callbacks are not the function’s returns');
  assert.ok(functions(text).some((x) => x.name === 'helper' && x.parentId === f.id));
});

test('the <module> pseudo-function holds top-level calls but no function bodies', () => {
  const all = functions(`
import express from 'express';
import cors from 'cors';
import * as Sentry from '@sentry/node';
Sentry.init({ dsn: process.env.SENTRY_DSN });
const app = express();
app.use(cors({ origin: '*', credentials: true }));
console.log('starting with key', process.env.OPENAI_API_KEY);
app.get('/x', (req, res) => { console.log(req.body); res.json({}); });
export class JwtAuthGuard extends AuthGuard('jwt') { canActivate() { return inner(); } }
`);
  const mod = all.find((f) => f.name === '<module>')!;
  assert.equal(mod.id, 'src/app.ts#module');
  const callees = mod.calls.map((c) => c.callee);
  for (const c of ['Sentry.init', 'express', 'app.use', 'cors', 'console.log', 'app.get', 'AuthGuard']) assert.ok(callees.includes(c), c);
  assert.ok(!callees.includes('res.json') && !callees.includes('inner'), 'no function bodies');
  assert.equal(callees.filter((c) => c === 'console.log').length, 1);
  const corsOpts = mod.calls.find((c) => c.callee === 'cors')!.args[0];
  assert.ok(corsOpts.props?.some((p) => p.path === 'credentials' && p.value.literal?.kind === 'boolean'));
  assert.ok(mod.calls.find((c) => c.callee === 'console.log')!.args[1].sources.includes('secretEnv'));
});

test('texts never keep a long string literal whole', () => {
  const f = fn(
    `
export function h(req, res) {
  const key = 'sk-live-0123456789abcdefghijklmnop';
  if (req.headers['x-api-key'] !== 'sk-live-0123456789abcdefghijklmnop') return res.status(401).end();
  res.json({ key });
}`,
    'h',
  );
  const k = assignment(f, 'key')!;
  assert.equal(k.literal?.preview, 'sk-l');
  assert.ok(!k.text.includes('0123456789'));
  assert.ok(!f.guards[0].test.includes('0123456789'), f.guards[0].test);
});

test('a nested callback’s own facts see the taint of the variables around it (LLM tool execute, transactions)', () => {
  const all = functions(`
export async function POST(req: Request) {
  const session = await auth();
  const { messages } = await req.json();
  return streamText({
    messages,
    tools: { lookup: tool({ execute: async ({ ticketId }) => db.ticket.findFirst({ where: { id: ticketId, tenantId: session.user.tenantId } }) }) },
  });
}`);
  const execute = all.find((f) => f.name === 'execute')!;
  const find = execute.calls.find((c) => c.callee === 'db.ticket.findFirst')!;
  assert.ok(find.args[0].sources.includes('identity'), 'session from the enclosing handler is identity');
  assert.equal(execute.returns.length, 1);
  const post = all.find((f) => f.name === 'POST')!;
  assert.ok(post.calls.some((c) => c.callee === 'db.ticket.findFirst'), 'the handler’s IR includes its callbacks');
});

test('plain literals stay readable (SQL, header names, roles); secret-looking ones keep 4 characters', () => {
  const f = fn(
    `
export async function h(req, res) {
  const rows = await pool.query('SELECT * FROM invoices WHERE id = $1 AND tenant_id = $2', [req.params.id, req.user.tenantId]);
  const pw = 'Hunter2024!';
  const sig = req.headers['stripe-signature'];
  res.json({ rows, pw, sig });
}`,
    'h',
  );
  const q = f.calls.find((c) => c.callee === 'pool.query')!;
  assert.ok(q.args[0].text.includes('tenant_id = $2'), q.args[0].text);
  assert.equal(q.args[0].literal?.preview, 'SELE', 'the literal preview is always 4 characters');
  assert.equal(assignment(f, 'pw')!.text, "'Hunt…'(11 chars)");
  assert.ok(assignment(f, 'sig')!.names.includes('stripe-signature'));
});

test('LLM tool implementations: the model-filled first parameter is `toolArgs` (AI SDK, tools map, LangChain, MCP)', () => {
  const all = functions(`
import { tool } from 'ai';
import { tool as lcTool } from '@langchain/core/tools';
export async function POST(req: Request) {
  const session = await auth();
  return streamText({
    tools: {
      getTicket: tool({ description: 'x', parameters: z.object({ id: z.string() }), execute: async ({ id }) => db.ticket.findUnique({ where: { id } }) }),
      raw: { description: 'y', execute: async (args) => db.note.findMany({ where: { ownerId: args.userId } }) },
    },
  });
}
export const lookup = lcTool(async (input) => db.user.findFirst({ where: { email: input.email } }), { name: 'lookup' });
server.tool('delete_ticket', { id: z.string() }, async ({ id }) => db.ticket.delete({ where: { id } }));
export const notATool = async ({ id }) => db.ticket.findUnique({ where: { id } });
`);
  const argSources = (callee: string) => all.flatMap((f) => f.calls.filter((c) => c.callee === callee)).map((c) => c.args[0].sources);
  assert.ok(argSources('db.ticket.findUnique').some((s) => s.includes('toolArgs')), 'AI SDK tool({ execute })');
  assert.ok(argSources('db.note.findMany')[0].includes('toolArgs'), 'tools map entry');
  assert.ok(argSources('db.user.findFirst')[0].includes('toolArgs'), 'LangChain tool(fn)');
  assert.ok(argSources('db.ticket.delete')[0].includes('toolArgs'), 'MCP server.tool handler');
  const plain = all.find((f) => f.name === 'notATool')!;
  assert.deepEqual(plain.calls[0].args[0].sources, [], 'an ordinary function is not a tool');
});

test('`return false` is a guard only in canActivate; getServerSideProps context reaches the request', () => {
  const helper = fn(`export function hasSession(req) { if (!req.cookies.sid) return false; return true; }`, 'hasSession');
  assert.deepEqual(helper.guards, []);
  const gssp = fn(
    `export async function getServerSideProps(context) {
  const token = context.req.cookies.token;
  const id = context.params.id;
  return { props: { id, token } };
}`,
    'getServerSideProps',
  );
  assert.deepEqual(sourcesOf(gssp, 'token'), ['cookie']);
  assert.deepEqual(sourcesOf(gssp, 'id'), ['params']);
});
