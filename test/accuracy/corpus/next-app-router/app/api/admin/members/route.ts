import { NextResponse } from 'next/server';
import { auth } from '@/auth';
import { prisma } from '@/lib/db';

export async function GET() { // ok: authz-missing // expect: ratelimit-missing
  const session = await auth();
  if (session?.user?.role !== 'admin') return NextResponse.json({ error: 'forbidden' }, { status: 403 });
  return NextResponse.json(await prisma.user.findMany({ select: { id: true, email: true, role: true } }));
}
