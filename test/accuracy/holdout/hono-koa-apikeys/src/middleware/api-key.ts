import { createHash } from 'node:crypto';
import { createMiddleware } from 'hono/factory';
import { HTTPException } from 'hono/http-exception';
import { pool } from '../lib/db.js';

export type Account = { id: string; plan: string };
export type Env = { Variables: { account: Account } };

/** Customers call the API with `Authorization: Bearer ak_...`; only the SHA-256 of a key is stored. */
export const apiKeyAuth = createMiddleware<Env>(async (c, next) => {
  const key = c.req.header('authorization')?.replace(/^Bearer /, '') ?? '';
  const hash = createHash('sha256').update(key).digest('hex');
  const { rows } = await pool.query('select id, plan from accounts where key_hash = $1 and revoked_at is null', [hash]);
  if (!rows[0]) {
    console.warn('rejected api key', key); // expect: log-sensitive
    throw new HTTPException(401, { message: 'invalid api key' });
  }
  c.set('account', rows[0]);
  await next();
});
