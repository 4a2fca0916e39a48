import { and, eq } from 'drizzle-orm';
import { auth } from '@/auth';
import { db } from '@/db';
import { tickets } from '@/db/schema';

export async function GET(_req: Request, { params }: { params: { id: string } }) { // ok: auth-missing
  const session = await auth();
  if (!session?.user?.orgId) return new Response('Unauthorized', { status: 401 });
  const [ticket] = await db.select().from(tickets).where(and(eq(tickets.id, params.id), eq(tickets.orgId, session.user.orgId))); // ok: authz-missing
  return ticket ? Response.json(ticket) : new Response('Not found', { status: 404 });
}

export async function PATCH(req: Request, { params }: { params: { id: string } }) {
  const session = await auth();
  if (!session?.user) return new Response('Unauthorized', { status: 401 });
  const body = await req.json();
  try {
    const [row] = await db.update(tickets).set(body).where(eq(tickets.id, params.id)).returning(); // expect: authz-missing, validation-missing
    return Response.json(row);
  } catch (err) {
    return Response.json({ error: 'update failed', detail: (err as Error).message }, { status: 500 }); // expect: error-leak
  }
}
