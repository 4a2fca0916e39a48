import '../instrument';
import { Worker } from 'bullmq';
import OpenAI from 'openai';
import { connection } from '../lib/queue';
import { prisma } from '../lib/db';
import { logger } from '../lib/logger';

const openai = new OpenAI();

// Jobs are only enqueued by the chat route, which already checked the conversation belongs to the org.
new Worker('conversation-summary', async (job) => {
  const convo = await prisma.conversation.findFirst({ where: { id: job.data.conversationId, orgId: job.data.orgId }, include: { messages: true } });
  if (!convo) return;
  const text = convo.messages.map((m) => `${m.role}: ${m.content}`).join('\n');
  const out = await openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: `Summarise:\n${text}` }] });
  await prisma.conversation.update({ where: { id: convo.id }, data: { summary: out.choices[0].message.content } });
  logger.info({ jobId: job.id, conversationId: convo.id }, 'summary stored'); // ok: log-sensitive
}, { connection, concurrency: 4 });
