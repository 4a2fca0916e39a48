import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { auth } from '@/auth';
import { db } from '@/db';
import { members } from '@/db/schema';

export async function GET() { // expect: ratelimit-missing // ok: authz-missing
  const session = await auth();
  if (!session?.user?.orgId) return new Response('Unauthorized', { status: 401 });
  if (session.user.role !== 'admin') return new Response('Forbidden', { status: 403 });
  return Response.json(await db.select().from(members).where(eq(members.orgId, session.user.orgId)));
}

// Removing a teammate: any signed-in agent can do it, the admin check from GET was not copied.
export async function DELETE(req: Request) { // expect: authz-missing, ratelimit-missing
  const session = await auth();
  if (!session?.user?.orgId) return new Response('Unauthorized', { status: 401 });
  const { memberId } = z.object({ memberId: z.string() }).parse(await req.json());
  await db.delete(members).where(and(eq(members.id, memberId), eq(members.orgId, session.user.orgId))); // ok: authz-missing, validation-missing
  return new Response(null, { status: 204 });
}
