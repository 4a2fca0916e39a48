import Router from '@koa/router';
import Joi from 'joi';
import { db } from '../lib/db.js';

export const accountsRouter = new Router({ prefix: '/api/contacts' });

const contactSchema = Joi.object({ name: Joi.string().max(120).required(), email: Joi.string().email().required() });

accountsRouter.get('/:id', async (ctx) => { // ok: auth-missing
  ctx.body = await db('contacts').where({ id: ctx.params.id }).first(); // expect: authz-missing
});

accountsRouter.put('/:id', async (ctx) => {
  const { value, error } = contactSchema.validate(ctx.request.body);
  if (error) ctx.throw(400, error.message);
  const updated = await db('contacts') // ok: authz-missing, validation-missing
    .where({ id: ctx.params.id, account_id: ctx.state.user.accountId })
    .update(value);
  ctx.status = updated ? 204 : 404;
});

accountsRouter.post('/search', async (ctx) => {
  ctx.body = await db('contacts').where(ctx.request.body.filter).andWhere({ account_id: ctx.state.user.accountId }); // expect: validation-missing
});
