import { Router } from 'express';
import { z } from 'zod';
import { prisma } from '../lib/db';

export const ticketsRouter = Router();

const NewTicket = z.object({ subject: z.string().min(3), body: z.string().max(10_000) });

ticketsRouter.get('/', async (req, res) => {
  const tickets = await prisma.ticket.findMany({ where: { tenantId: req.user!.tenantId } });
  res.json(tickets);
});

ticketsRouter.post('/', async (req, res) => {
  const input = NewTicket.parse(req.body);
  const ticket = await prisma.ticket.create({ data: { ...input, tenantId: req.user!.tenantId } });
  res.status(201).json(ticket);
});

ticketsRouter.get('/:id', async (req, res) => {
  const ticket = await prisma.ticket.findFirst({ where: { id: req.params.id, tenantId: req.user!.tenantId } });
  if (!ticket) return res.status(404).json({ error: 'Ticket not found' });
  return res.json(ticket);
});

ticketsRouter.patch('/:id', async (req, res) => {
  const ticket = await prisma.ticket.update({ where: { id: req.params.id }, data: req.body });
  res.json(ticket);
});
