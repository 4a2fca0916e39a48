import type OpenAI from 'openai';
import { prisma } from '../lib/db';
import type { Caller } from '../middleware/auth';

export const supportTools: OpenAI.Chat.Completions.ChatCompletionTool[] = [
  {
    type: 'function',
    function: {
      name: 'lookup_order',
      description: 'Look up an order by its id',
      parameters: { type: 'object', properties: { orderId: { type: 'string' } }, required: ['orderId'] },
    },
  },
];

export async function runTool(message: OpenAI.Chat.Completions.ChatCompletionMessage, _caller: Caller): Promise<string> {
  const call = message.tool_calls?.[0];
  if (!call) return message.content ?? '';
  switch (call.function.name) {
    case 'lookup_order': {
      const args = JSON.parse(call.function.arguments) as { orderId: string };
      const order = await prisma.order.findUnique({ where: { id: args.orderId } });
      return JSON.stringify(order);
    }
    default:
      return 'Unknown tool';
  }
}
