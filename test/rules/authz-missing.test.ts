import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareExpectations, expectations, parseFixture } from '../helpers/fixture';
import { scanFixture } from '../helpers/scan';
import { applyEdits } from '../../rules/lib/edits';

async function check(fixture: string) {
  const files = parseFixture(fixture);
  const scan = await scanFixture(files);
  assert.deepEqual(compareExpectations(expectations(files), scan.result.findings, ['authz-missing']), []);
  return scan;
}

const PRISMA = `//- src/db.ts
import { PrismaClient } from '@prisma/client';
export const prisma = new PrismaClient();
//- src/auth.ts
export function requireAuth(req: any, res: any, next: any) {
  if (!req.user) return res.status(401).json({ error: 'unauthorized' });
  next();
}
`;

test('express + prisma: IDOR by params, through destructuring and a helper; scoped, compared and asserted reads are fine', async () => {
  const scan = await check(`
//- src/app.ts
import express from 'express';
import { prisma } from './db';
import { requireAuth } from './auth';
import { getTicket, assertOwner } from './tickets';
import { tenantDb } from './tenant-db';
const app = express();
app.use(express.json());
app.use(requireAuth);
app.get('/api/tickets/:id', async (req, res) => {
  const { id } = req.params;
  const ticket = await prisma.ticket.findUnique({ where: { id } }); // expect: authz-missing
  if (!ticket) return res.status(404).end();
  res.json(ticket);
});
app.get('/api/scoped/:id', async (req, res) => {
  const ticket = await prisma.ticket.findFirst({ where: { id: req.params.id, tenantId: req.user.tenantId } }); // ok: authz-missing
  res.json(ticket);
});
app.get('/api/relation/:id', async (req, res) => {
  const ticket = await prisma.ticket.findFirst({ where: { id: req.params.id, tenant: { id: req.user.tenantId } } }); // ok: authz-missing
  res.json(ticket);
});
app.get('/api/compared/:id', async (req, res) => {
  const ticket = await prisma.ticket.findUnique({ where: { id: req.params.id } }); // ok: authz-missing
  if (!ticket || ticket.tenantId !== req.user.tenantId) return res.status(404).end();
  res.json(ticket);
});
app.get('/api/asserted/:id', async (req, res) => {
  const ticket = await prisma.ticket.findUnique({ where: { id: req.params.id } }); // ok: authz-missing
  assertOwner(ticket, req.user);
  res.json(ticket);
});
app.get('/api/helper/:id', async (req, res) => { // expect: authz-missing
  res.json(await getTicket(req.params.id));
});
app.delete('/api/notes/:id', async (req, res) => {
  await prisma.note.delete({ where: { id: req.params.id } }); // expect: authz-missing
  res.sendStatus(204);
});
app.post('/api/tickets/:id/comments', async (req, res) => {
  const c = await prisma.comment.create({ data: { ticketId: req.params.id, authorId: req.user.id, text: String(req.body.text) } }); // expect: authz-missing
  res.json(c);
});
app.post('/api/tickets/:id/notes', async (req, res) => {
  const ticket = await prisma.ticket.findFirst({ where: { id: req.params.id, tenantId: req.user.tenantId } });
  if (!ticket) return res.status(404).end();
  const n = await prisma.note.create({ data: { ticketId: req.params.id, text: String(req.body.text) } }); // ok: authz-missing
  res.json(n);
});
app.get('/api/repo/:id', async (req, res) => {
  const ticket = await tenantDb(req.user).ticket.findUnique({ where: { id: req.params.id } }); // ok: authz-missing
  res.json(ticket);
});
app.get('/api/me', async (req, res) => {
  const me = await prisma.user.findUnique({ where: { id: req.user.id } }); // ok: authz-missing
  res.json(me);
});
//- src/tenant-db.ts
import { prisma } from './db';
/** A Prisma client whose every query is filtered by the user's tenant (client extension). */
export function tenantDb(user: { tenantId: string }) {
  return prisma.$extends({ query: { $allModels: { async $allOperations({ args, query }: any) { args.where = { ...args.where, tenantId: user.tenantId }; return query(args); } } } });
}
//- src/tickets.ts
import { prisma } from './db';
export async function getTicket(id: string) {
  return prisma.ticket.findUnique({ where: { id } });
}
export function assertOwner(ticket: { tenantId: string } | null, user: { tenantId: string }) {
  if (!ticket || ticket.tenantId !== user.tenantId) throw new Error('forbidden');
}
${PRISMA}`);
  const f = scan.result.findings.find((x) => x.rule === 'authz-missing' && x.route === 'GET /api/tickets/:id')!;
  assert.match(f.message, /GET \/api\/tickets\/:id reads ticket by id without a tenant\/owner check/);
  const helper = scan.result.findings.find((x) => x.rule === 'authz-missing' && x.route === 'GET /api/helper/:id')!;
  assert.match(helper.message, /in getTicket/);
  assert.equal(f.fixes.length, 1);
  const text = scan.model.files['src/app.ts'] && (await import('node:fs')).readFileSync(`${scan.root}/src/app.ts`, 'utf8');
  const fixed = applyEdits(text, f.fixes[0].edits);
  assert.match(fixed, /findUnique\(\{ where: \{ tenantId: req\.user\.tenantId, id \} \}\)/);
});

test('next.js app router + drizzle and supabase: params ids, compound and(), RLS client from the user cookies', async () => {
  await check(`
//- app/api/tickets/[id]/route.ts
import { NextResponse } from 'next/server';
import { eq, and } from 'drizzle-orm';
import { db } from '@/lib/db';
import { tickets } from '@/lib/schema';
import { auth } from '@/auth';
export async function GET(request: Request, { params }: { params: { id: string } }) {
  const session = await auth();
  if (!session) return NextResponse.json({ error: 'unauthorized' }, { status: 401 });
  const rows = await db.select().from(tickets).where(eq(tickets.id, params.id)); // expect: authz-missing
  return NextResponse.json(rows[0]);
}
export async function DELETE(request: Request, { params }: { params: { id: string } }) {
  const session = await auth();
  if (!session) return NextResponse.json({ error: 'unauthorized' }, { status: 401 });
  await db.delete(tickets).where(and(eq(tickets.id, params.id), eq(tickets.orgId, session.user.orgId))); // ok: authz-missing
  return new Response(null, { status: 204 });
}
//- app/api/docs/[id]/route.ts
import { NextResponse } from 'next/server';
import { createClient } from '@supabase/supabase-js';
import { auth } from '@/auth';
const admin = createClient(process.env.SUPABASE_URL!, process.env.SUPABASE_SERVICE_ROLE_KEY!);
export async function GET(request: Request, { params }: { params: { id: string } }) {
  const session = await auth();
  if (!session) return NextResponse.json({ error: 'unauthorized' }, { status: 401 });
  const { data } = await admin.from('documents').select('*').eq('id', params.id).single(); // expect: authz-missing
  return NextResponse.json(data);
}
export async function PATCH(request: Request, { params }: { params: { id: string } }) {
  const session = await auth();
  if (!session) return NextResponse.json({ error: 'unauthorized' }, { status: 401 });
  const { data } = await admin.from('documents').update({ title: 'x' }).eq('tenant_id', session.user.tenantId).eq('id', params.id); // ok: authz-missing
  return NextResponse.json(data);
}
//- app/api/notes/[id]/route.ts
import { NextResponse } from 'next/server';
import { createServerClient } from '@supabase/ssr';
import { cookies } from 'next/headers';
export async function GET(request: Request, { params }: { params: { id: string } }) {
  const supabase = createServerClient(process.env.NEXT_PUBLIC_SUPABASE_URL!, process.env.NEXT_PUBLIC_SUPABASE_ANON_KEY!, { cookies: { getAll: () => cookies().getAll() } });
  const { data: { user } } = await supabase.auth.getUser();
  if (!user) return NextResponse.json({ error: 'unauthorized' }, { status: 401 });
  const { data } = await supabase.from('notes').select('*').eq('id', params.id).single(); // ok: authz-missing
  return NextResponse.json(data);
}
//- lib/db.ts
import { drizzle } from 'drizzle-orm/node-postgres';
export const db = drizzle(process.env.DATABASE_URL!);
//- lib/schema.ts
export const tickets: any = {};
//- auth.ts
import NextAuth from 'next-auth';
export const { auth, handlers } = NextAuth({ providers: [] });
//- tsconfig.json
{ "compilerOptions": { "baseUrl": ".", "paths": { "@/*": ["./*"] } } }
`);
});

test('nestjs + typeorm service: @Param id into an injected service; scoped by @CurrentUser tenant; role-guarded admin', async () => {
  await check(`
//- src/tickets.controller.ts
import { Controller, Get, Delete, Param, UseGuards, Req } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { TicketsService } from './tickets.service';
import { Roles, RolesGuard } from './roles';
@Controller('tickets')
@UseGuards(AuthGuard('jwt'))
export class TicketsController {
  constructor(private readonly tickets: TicketsService) {}
  @Get(':id') // expect: authz-missing
  findOne(@Param('id') id: string) {
    return this.tickets.findOne(id);
  }
  @Get(':id/scoped') // ok: authz-missing
  findScoped(@Param('id') id: string, @Req() req: any) {
    return this.tickets.findForTenant(id, req.user.tenantId);
  }
  @Delete('/admin/tenants/:id') // ok: authz-missing
  @UseGuards(RolesGuard)
  @Roles('admin')
  removeTenant(@Param('id') id: string) {
    return this.tickets.removeTenant(id);
  }
}
//- src/tickets.service.ts
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
@Injectable()
export class TicketsService {
  constructor(@InjectRepository(Ticket) private readonly ticketRepository: Repository<Ticket>) {}
  findOne(id: string) {
    return this.ticketRepository.findOneBy({ id });
  }
  findForTenant(id: string, tenantId: string) {
    return this.ticketRepository.findOne({ where: { id, tenantId } });
  }
  removeTenant(id: string) {
    return this.ticketRepository.delete(id);
  }
}
class Ticket {}
//- src/roles.ts
import { SetMetadata, CanActivate, ExecutionContext, Injectable, ForbiddenException } from '@nestjs/common';
export const Roles = (...roles: string[]) => SetMetadata('roles', roles);
@Injectable()
export class RolesGuard implements CanActivate {
  canActivate(context: ExecutionContext) {
    const req = context.switchToHttp().getRequest();
    if (req.user?.role !== 'admin') throw new ForbiddenException();
    return true;
  }
}
`);
});

test('fastify, hono and koa with mongoose, sequelize, knex and raw SQL; admin routes by path and by purpose', async () => {
  await check(`
//- src/fastify.ts
import Fastify from 'fastify';
import { Ticket, User } from './models';
import { pool } from './pg';
const app = Fastify();
app.addHook('preHandler', async (request, reply) => { if (!request.user) return reply.code(401).send(); });
app.get('/api/tickets/:id', async (request: any) => {
  return Ticket.findById(request.params.id); // expect: authz-missing
});
app.get('/api/mine/:id', async (request: any) => {
  return Ticket.findOne({ _id: request.params.id, ownerId: request.user.id }); // ok: authz-missing
});
app.get('/api/invoices/:id', async (request: any) => {
  const { rows } = await pool.query('SELECT * FROM invoices WHERE id = $1', [request.params.id]); // expect: authz-missing
  return rows[0];
});
app.get('/api/orders/:id', async (request: any) => {
  const { rows } = await pool.query('SELECT * FROM orders WHERE id = $1 AND tenant_id = $2', [request.params.id, request.user.tenantId]); // ok: authz-missing
  return rows[0];
});
app.delete('/admin/users/:id', async (request: any) => { // expect: authz-missing
  await pool.query('DELETE FROM users WHERE id = $1', [request.params.id]); // ok: authz-missing (admin routes act across tenants; the role check above is the finding)
  return { ok: true };
});
app.post('/api/users/:id/role', async (request: any, reply: any) => { // expect: authz-missing
  await User.update({ role: request.body.role }, { where: { id: request.params.id, tenantId: request.user.tenantId } });
  return { ok: true };
});
app.post('/api/members/:id/role', async (request: any, reply: any) => { // ok: authz-missing
  if (request.user.role !== 'admin') return reply.code(403).send();
  await User.update({ role: request.body.role }, { where: { id: request.params.id, tenantId: request.user.tenantId } });
  return { ok: true };
});
//- src/hono.ts
import { Hono } from 'hono';
import { jwt } from 'hono/jwt';
import { knex } from './knex';
const app = new Hono();
app.use('/api/*', jwt({ secret: process.env.JWT_SECRET! }));
app.get('/api/projects/:id', async (c) => {
  const row = await knex('projects').where({ id: c.req.param('id') }).first(); // expect: authz-missing
  return c.json(row);
});
app.get('/api/boards/:id', async (c) => {
  const payload = c.get('jwtPayload');
  const row = await knex('boards').where({ id: c.req.param('id'), org_id: payload.orgId }).first(); // ok: authz-missing
  return c.json(row);
});
//- src/koa.ts
import Koa from 'koa';
import Router from '@koa/router';
import { Invoice } from './models';
const router = new Router();
router.get('/api/bills/:id', async (ctx) => {
  ctx.body = await Invoice.findByPk(ctx.params.id); // expect: authz-missing
});
router.get('/api/receipts/:id', async (ctx) => {
  const invoice = await Invoice.findByPk(ctx.params.id); // ok: authz-missing
  if (invoice.accountId !== ctx.state.user.accountId) ctx.throw(403);
  ctx.body = invoice;
});
const app = new Koa();
app.use(async (ctx, next) => { if (!ctx.state.user) ctx.throw(401); await next(); });
app.use(router.routes());
//- src/models.ts
import mongoose from 'mongoose';
export const Ticket = mongoose.model('Ticket', new mongoose.Schema({}));
export const Invoice: any = {};
export const User: any = {};
//- src/pg.ts
import { Pool } from 'pg';
export const pool = new Pool();
//- src/knex.ts
import Knex from 'knex';
export const knex = Knex({ client: 'pg' });
`);
});

test('tagged-template SQL (postgres.js style): unscoped where id = ${param} is reported, a team predicate from the session user is not', async () => {
  await check(`
//- src/routes/tickets.ts
import { Hono } from 'hono';
import { sql } from '../lib/db';
export const tickets = new Hono<{ Variables: { user: { teamId: string } } }>();
tickets.use('*', async (c, next) => { if (!c.req.header('authorization')) return c.json({ error: 'unauthorized' }, 401); await next(); });
tickets.get('/:id', async (c) => {
  const user = c.get('user');
  const [row] = await sql\`select * from tickets where id = \${c.req.param('id')} and team_id = \${user.teamId}\`; // ok: authz-missing
  return c.json(row);
});
tickets.delete('/:id', async (c) => {
  await sql\`delete from tickets where id = \${c.req.param('id')}\`; // expect: authz-missing
  return c.body(null, 204);
});
//- src/lib/db.ts
import postgres from 'postgres';
export const sql = postgres(process.env.DATABASE_URL!);
`);
});

test('no tenant field is read from the identity anywhere: the IDOR is reported without a guessed fix', async () => {
  const scan = await check(`
//- src/app.ts
import express from 'express';
import { prisma } from './db';
import { requireAuth } from './auth';
const app = express();
app.use(requireAuth);
app.get('/api/invoices/:id', async (req, res) => {
  res.json(await prisma.invoice.findUnique({ where: { id: req.params.id } })); // expect: authz-missing
});
${PRISMA}`);
  const f = scan.result.findings.find((x) => x.rule === 'authz-missing')!;
  assert.equal(f.fixes.length, 0);
  assert.match(f.message, /reads invoice by req\.params\.id/);
});
