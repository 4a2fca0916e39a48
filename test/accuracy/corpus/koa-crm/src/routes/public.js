import Router from '@koa/router';
import bcrypt from 'bcrypt';
import jsonwebtoken from 'jsonwebtoken';
import { db } from '../lib/db.js';

export const publicRouter = new Router();

publicRouter.get('/health', (ctx) => { // ok: auth-missing
  ctx.body = { ok: true };
});

publicRouter.post('/auth/login', async (ctx) => { // expect: ratelimit-missing
  console.log('login', ctx.request.body); // expect: log-sensitive
  const { email, password } = ctx.request.body;
  const user = await db('users').where({ email: String(email) }).first();
  if (!user || !(await bcrypt.compare(String(password), user.password_hash))) ctx.throw(401, 'invalid credentials');
  ctx.body = { token: jsonwebtoken.sign({ sub: user.id, accountId: user.account_id }, process.env.JWT_SECRET, { expiresIn: '1h' }) };
});
