import Router from '@koa/router';
import ratelimit from 'koa-ratelimit';
import OpenAI from 'openai';
import Joi from 'joi';

export const assistRouter = new Router({ prefix: '/api/assist' });
const openai = new OpenAI();
const limiter = ratelimit({ driver: 'memory', db: new Map(), duration: 60_000, max: 10, id: (ctx) => ctx.state.user.sub });
const draftSchema = Joi.object({ notes: Joi.string().max(3000).required() });

assistRouter.post('/draft-reply', limiter, async (ctx) => { // ok: ratelimit-missing, auth-missing
  const { notes } = await draftSchema.validateAsync(ctx.request.body);
  const r = await openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: notes }] }); // ok: validation-missing
  ctx.body = { draft: r.choices[0].message.content };
});
