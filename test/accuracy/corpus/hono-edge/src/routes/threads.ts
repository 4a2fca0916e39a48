import { Hono } from 'hono';
import { zValidator } from '@hono/zod-validator';
import { z } from 'zod';
import { drizzle } from 'drizzle-orm/d1';
import { and, eq } from 'drizzle-orm';
import { threads as threadTable } from '../lib/schema';
import type { Env } from '../lib/env';

export const threads = new Hono<Env>();

threads.get('/:id', async (c) => { // ok: auth-missing
  const db = drizzle(c.env.DB);
  const { org } = c.get('jwtPayload');
  const rows = await db.select().from(threadTable).where(and(eq(threadTable.id, c.req.param('id')), eq(threadTable.orgId, org))); // ok: authz-missing
  return rows.length ? c.json(rows[0]) : c.notFound();
});

threads.put('/:id', zValidator('json', z.object({ title: z.string().max(200) })), async (c) => { // ok: auth-missing
  const db = drizzle(c.env.DB);
  const { title } = c.req.valid('json');
  await db.update(threadTable).set({ title }).where(eq(threadTable.id, c.req.param('id'))); // expect: authz-missing
  return c.body(null, 204);
});

threads.post('/', async (c) => { // ok: auth-missing
  const db = drizzle(c.env.DB);
  const body = await c.req.json();
  await db.insert(threadTable).values({ ...body, orgId: c.get('jwtPayload').org }); // expect: validation-missing
  return c.json({ ok: true }, 201);
});
