import { NextResponse } from 'next/server';
import { z } from 'zod';
import { auth } from '@/auth';
import { prisma } from '@/lib/db';

const NewMessage = z.object({ body: z.string().min(1).max(5000) });

async function ownTicket(id: string, userId: string) {
  const ticket = await prisma.ticket.findUnique({ where: { id } });
  if (!ticket || ticket.userId !== userId) throw new Response('not found', { status: 404 });
  return ticket;
}

export async function POST(req: Request, { params }: { params: { id: string } }) {
  const session = await auth();
  if (!session?.user?.id) return NextResponse.json({ error: 'unauthorized' }, { status: 401 });
  const ticket = await ownTicket(params.id, session.user.id); // ok: authz-missing
  const { body } = NewMessage.parse(await req.json());
  try {
    const msg = await prisma.message.create({ data: { body, ticketId: ticket.id, authorId: session.user.id } }); // ok: validation-missing
    return NextResponse.json(msg, { status: 201 });
  } catch (err) {
    console.error('message create failed', err);
    return NextResponse.json({ error: 'could not save message' }, { status: 500 }); // ok: error-leak
  }
}
