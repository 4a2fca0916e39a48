import { Hono } from 'hono';
import { zValidator } from '@hono/zod-validator';
import { z } from 'zod';
import { pool } from '../lib/db.js';
import type { Env } from '../middleware/api-key.js';

export const conversations = new Hono<Env>();

conversations.get('/', async (c) => { // ok: auth-missing
  const { rows } = await pool.query('select id, title, created_at from conversations where account_id = $1 order by created_at desc limit 100', [c.get('account').id]);
  return c.json(rows);
});

conversations.get('/:id', async (c) => {
  const { rows } = await pool.query('select * from conversations where id = $1 and account_id = $2', [c.req.param('id'), c.get('account').id]); // ok: authz-missing
  return rows[0] ? c.json(rows[0]) : c.notFound();
});

conversations.post('/', zValidator('json', z.object({ title: z.string().max(200) })), async (c) => {
  const { title } = c.req.valid('json');
  const { rows } = await pool.query('insert into conversations (account_id, title) values ($1, $2) returning id', [c.get('account').id, title]); // ok: validation-missing
  return c.json(rows[0], 201);
});

// Rename: scoped correctly, but the body goes in unchecked (title can be an object, an array, a megabyte).
conversations.put('/:id', async (c) => {
  const body = await c.req.json();
  await pool.query('update conversations set title = $1, metadata = $2 where id = $3 and account_id = $4', [body.title, body.metadata, c.req.param('id'), c.get('account').id]); // expect: validation-missing // ok: authz-missing
  return c.body(null, 204);
});

// Delete forgot the account predicate that every other query has.
conversations.delete('/:id', async (c) => {
  await pool.query('delete from conversations where id = $1', [c.req.param('id')]); // expect: authz-missing
  return c.body(null, 204);
});
