import { Router } from 'express';
import { z } from 'zod';
import OpenAI from 'openai';
import { prisma } from '../lib/db';
import { summaryQueue } from '../lib/queue';
import { refundPayment } from '../lib/billing';

export const chatRouter = Router();
const openai = new OpenAI({ apiKey: process.env.OPENAI_API_KEY }); // ok: env-undocumented
const ChatBody = z.object({ conversationId: z.string().uuid(), message: z.string().min(1).max(4000) });

const tools: OpenAI.Chat.ChatCompletionTool[] = [
  { type: 'function', function: { name: 'lookup_order', parameters: { type: 'object', properties: { orderId: { type: 'string' } } } } },
  { type: 'function', function: { name: 'refund_order', parameters: { type: 'object', properties: { orderId: { type: 'string' } } } } },
];

async function runTool(name: string, args: { orderId: string }, orgId: string) {
  switch (name) {
    case 'lookup_order': return prisma.order.findFirst({ where: { id: args.orderId, orgId } }); // ok: llm-tool-authz
    // The model picks the order id; any order of any customer can be refunded from any org's chat.
    case 'refund_order': return refundPayment(args.orderId); // expect: llm-tool-authz
    default: return { error: 'unknown tool' };
  }
}

chatRouter.post('/', async (req, res) => { // ok: ratelimit-missing, auth-missing
  const { conversationId, message } = ChatBody.parse(req.body);
  const convo = await prisma.conversation.findFirst({ where: { id: conversationId, orgId: req.user!.orgId } }); // ok: authz-missing
  if (!convo) return res.status(404).json({ error: 'not_found' });
  const first = await openai.chat.completions.create({ model: 'gpt-4o-mini', tools, messages: [{ role: 'user', content: message }] }); // ok: validation-missing
  const call = first.choices[0].message.tool_calls?.[0];
  const result = call ? await runTool(call.function.name, JSON.parse(call.function.arguments), req.user!.orgId) : null;
  await summaryQueue.add('summarise', { conversationId: convo.id, orgId: convo.orgId });
  res.json({ reply: first.choices[0].message.content, tool: result });
});
