import { prisma } from '../lib/db';

export function findTicketForOrg(id: string, orgId: string) {
  return prisma.ticket.findFirst({ where: { id, orgId } });
}

export function loadTicket(id: string) {
  return prisma.ticket.findUnique({ where: { id }, include: { messages: true } });
}
