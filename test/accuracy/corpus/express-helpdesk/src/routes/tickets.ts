import { Router } from 'express';
import { z } from 'zod';
import { prisma } from '../lib/db';
import { findTicketForOrg, loadTicket } from '../services/tickets';
import { logger } from '../lib/logger';

export const ticketsRouter = Router();

const CreateTicket = z.object({ subject: z.string().min(3).max(200), body: z.string().max(10_000) });

ticketsRouter.get('/', async (req, res) => { // ok: auth-missing
  const tickets = await prisma.ticket.findMany({ where: { orgId: req.user!.orgId }, take: 50 });
  res.json(tickets);
});

ticketsRouter.post('/', async (req, res) => {
  const input = CreateTicket.parse(req.body);
  const ticket = await prisma.ticket.create({ data: { ...input, orgId: req.user!.orgId, authorId: req.user!.id } }); // ok: validation-missing
  logger.info({ ticketId: ticket.id, userId: req.user!.id }, 'ticket created'); // ok: log-sensitive
  res.status(201).json(ticket);
});

ticketsRouter.get('/:id', async (req, res) => {
  const ticket = await findTicketForOrg(req.params.id, req.user!.orgId); // ok: authz-missing
  if (!ticket) return res.status(404).json({ error: 'not_found' });
  res.json(ticket);
});

// The export endpoint was added in a hurry for a customer and forgot the org scope.
ticketsRouter.get('/:id/export', async (req, res) => { // expect: authz-missing
  const ticket = await loadTicket(req.params.id);
  res.attachment(`ticket-${req.params.id}.json`).json(ticket);
});

ticketsRouter.delete('/:id', async (req, res) => {
  const ticket = await prisma.ticket.findUnique({ where: { id: req.params.id } }); // ok: authz-missing
  if (!ticket || ticket.orgId !== req.user!.orgId) return res.status(404).json({ error: 'not_found' });
  await prisma.ticket.delete({ where: { id: ticket.id } });
  res.sendStatus(204);
});
