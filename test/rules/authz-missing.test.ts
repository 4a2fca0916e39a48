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
app.get('/api/me', async (req, res) => {
  const me = await prisma.user.findUnique({ where: { id: req.user.id } }); // ok: authz-missing
  res.json(me);
});
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
