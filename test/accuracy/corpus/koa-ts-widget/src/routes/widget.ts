import Router from '@koa/router';
import { RateLimit } from 'koa2-ratelimit';
import { generateText } from 'ai';
import { openai } from '@ai-sdk/openai';
import { z } from 'zod';
import { prisma } from '../lib/db';
import { makeTools } from '../ai/tools';

export const widgetRouter = new Router({ prefix: '/widget' });
const chatLimit = RateLimit.middleware({ interval: { min: 1 }, max: 20, keyGenerator: async (ctx) => ctx.state.user.id });
const Message = z.object({ text: z.string().min(1).max(2000) });

widgetRouter.post('/chat', chatLimit, async (ctx) => { // ok: auth-missing, ratelimit-missing
  const { text } = Message.parse(ctx.request.body);
  const { text: reply } = await generateText({ model: openai('gpt-4o-mini'), prompt: text, tools: makeTools(ctx.state.user), maxSteps: 3 }); // ok: validation-missing
  ctx.body = { reply };
});

widgetRouter.get('/conversations/:id', async (ctx) => { // ok: auth-missing
  const convo = await prisma.conversation.findUnique({ where: { id: ctx.params.id } }); // ok: authz-missing
  if (!convo || convo.siteId !== ctx.state.user.siteId || convo.visitorId !== ctx.state.user.id) ctx.throw(404);
  ctx.body = convo;
});

widgetRouter.post('/conversations/:id/rating', async (ctx) => {
  const rating = await prisma.rating.create({ data: { conversationId: ctx.params.id, ...ctx.request.body } }); // expect: validation-missing, authz-missing
  ctx.body = rating;
});
