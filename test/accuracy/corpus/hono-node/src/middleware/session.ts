import { createMiddleware } from 'hono/factory';
import { getSignedCookie } from 'hono/cookie';
import { sql } from '../lib/db';

export type SessionUser = { id: string; teamId: string; isAdmin: boolean };

// Signed session cookie → user row; every /api route goes through here (mounted in server.ts).
export const session = createMiddleware<{ Variables: { user: SessionUser } }>(async (c, next) => {
  const sid = await getSignedCookie(c, process.env.SESSION_SIGNING_KEY!, 'sid');
  if (!sid) return c.json({ error: 'unauthorized' }, 401);
  const [user] = await sql<SessionUser[]>`select u.id, u.team_id as "teamId", u.is_admin as "isAdmin" from sessions s join users u on u.id = s.user_id where s.id = ${sid}`;
  if (!user) return c.json({ error: 'unauthorized' }, 401);
  c.set('user', user);
  await next();
});
