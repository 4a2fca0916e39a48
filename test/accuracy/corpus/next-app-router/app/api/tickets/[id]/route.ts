import { NextResponse } from 'next/server';
import { auth } from '@/auth';
import { prisma } from '@/lib/db';

export async function GET(_req: Request, { params }: { params: { id: string } }) { // ok: auth-missing
  const session = await auth();
  if (!session?.user) return NextResponse.json({ error: 'unauthorized' }, { status: 401 });
  const ticket = await prisma.ticket.findUnique({ where: { id: params.id } }); // expect: authz-missing
  return NextResponse.json(ticket);
}

export async function DELETE(_req: Request, { params }: { params: { id: string } }) {
  const session = await auth();
  if (!session?.user?.id) return NextResponse.json({ error: 'unauthorized' }, { status: 401 });
  const { count } = await prisma.ticket.deleteMany({ where: { id: params.id, userId: session.user.id } }); // ok: authz-missing
  return count ? new NextResponse(null, { status: 204 }) : NextResponse.json({ error: 'not found' }, { status: 404 });
}
