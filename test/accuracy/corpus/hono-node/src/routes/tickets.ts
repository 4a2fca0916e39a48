import { Hono } from 'hono';
import { sql } from '../lib/db';
import { notify } from '../lib/mail';
import type { SessionUser } from '../middleware/session';

export const tickets = new Hono<{ Variables: { user: SessionUser } }>();

tickets.get('/:id', async (c) => { // ok: auth-missing
  const user = c.get('user');
  const [row] = await sql`select * from tickets where id = ${c.req.param('id')} and team_id = ${user.teamId}`; // ok: authz-missing
  return row ? c.json(row) : c.notFound();
});

tickets.post('/:id/assign', async (c) => { // ok: auth-missing
  const { assigneeEmail } = await c.req.json();
  const [row] = await sql`update tickets set assignee = ${assigneeEmail} where id = ${c.req.param('id')} returning *`; // expect: authz-missing, validation-missing
  await notify(assigneeEmail, 'Ticket assigned', `Ticket ${row.id} is yours`);
  return c.json(row);
});

tickets.delete('/:id', async (c) => { // ok: auth-missing
  if (!c.get('user')) return c.json({ error: 'unauthorized' }, 401);
  await sql`delete from tickets where id = ${c.req.param('id')}`; // expect: authz-missing
  return c.body(null, 204);
});
