import { Router } from 'express';
import { z } from 'zod';
import { prisma } from '../lib/db';
import { openai } from '../lib/openai';
import { chatLimiter } from '../middleware/rate-limit';
import { supportTools, runTool } from '../tools';

export const chatRouter = Router();

const ChatMessage = z.object({ conversationId: z.string().uuid(), message: z.string().min(1).max(4000) });

chatRouter.post('/', chatLimiter, async (req, res) => {
  const { conversationId, message } = ChatMessage.parse(req.body);
  const conversation = await prisma.conversation.findFirst({
    where: { id: conversationId, tenantId: req.user!.tenantId },
  });
  if (!conversation) return res.status(404).json({ error: 'Conversation not found' });
  const completion = await openai.chat.completions.create({
    model: 'gpt-4o-mini',
    messages: [{ role: 'user', content: message }],
    tools: supportTools,
  });
  const reply = await runTool(completion.choices[0].message, req.user!);
  return res.json({ reply });
});

chatRouter.get('/conversations/:id', async (req, res) => {
  const conversation = await prisma.conversation.findUnique({ where: { id: req.params.id } });
  res.json(conversation);
});
