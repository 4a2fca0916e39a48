import { Router } from 'express';
import { z } from 'zod';
import OpenAI from 'openai';
import { prisma } from '../lib/db';

export const chatRouter = Router();
const openai = new OpenAI({ apiKey: process.env.OPENAI_API_KEY }); // ok: env-undocumented

const ChatInput = z.object({ conversationId: z.string().uuid(), message: z.string().min(1).max(4000) });

chatRouter.post('/', async (req, res) => { // ok: ratelimit-missing, auth-missing
  const { conversationId, message } = ChatInput.parse(req.body);
  const convo = await prisma.conversation.findFirst({ where: { id: conversationId, orgId: req.user!.orgId } }); // ok: authz-missing
  if (!convo) return res.status(404).json({ error: 'not_found' });
  const completion = await openai.chat.completions.create({ // ok: validation-missing
    model: 'gpt-4o-mini',
    messages: [{ role: 'system', content: 'You are a support assistant.' }, { role: 'user', content: message }],
  });
  res.json({ reply: completion.choices[0].message.content });
});
