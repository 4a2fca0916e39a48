import { tool } from 'ai';
import { z } from 'zod';
import { prisma } from '../lib/db';

export function makeTools(user: { id: string; siteId: string }) {
  return {
    recentConversations: tool({ // ok: llm-tool-authz
      description: 'The visitor\'s recent conversations on this site',
      parameters: z.object({ take: z.number().max(20) }),
      execute: async ({ take }) => prisma.conversation.findMany({ where: { siteId: user.siteId, visitorId: user.id }, take }),
    }),
    forgetConversation: tool({ // expect: llm-tool-authz
      description: 'Delete a conversation the visitor asks to forget',
      parameters: z.object({ conversationId: z.string() }),
      execute: async ({ conversationId }) => prisma.conversation.delete({ where: { id: conversationId } }),
    }),
  };
}
