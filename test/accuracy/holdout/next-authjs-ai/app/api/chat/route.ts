import { openai } from '@ai-sdk/openai';
import { streamText, tool } from 'ai';
import { z } from 'zod';
import { and, eq } from 'drizzle-orm';
import { auth } from '@/auth';
import { db } from '@/db';
import { tickets } from '@/db/schema';
import { chatLimit } from '@/lib/ratelimit';
import { searchDocs } from '@/lib/kb';

const Body = z.object({ messages: z.array(z.object({ role: z.enum(['user', 'assistant']), content: z.string().max(8000) })).max(50) });

export async function POST(req: Request) { // ok: auth-missing, ratelimit-missing
  const session = await auth();
  if (!session?.user?.orgId) return new Response('Unauthorized', { status: 401 });
  const { success } = await chatLimit.limit(session.user.id);
  if (!success) return new Response('Too many requests', { status: 429 });
  const { messages } = Body.parse(await req.json());
  const orgId = session.user.orgId;

  const result = await streamText({
    model: openai('gpt-4o-mini'),
    system: 'You are Supportly, a support agent assistant.',
    messages,
    tools: {
      searchHelpCenter: tool({ // ok: llm-tool-authz
        description: 'Search the public help center',
        parameters: z.object({ query: z.string() }),
        execute: async ({ query }) => searchDocs(query),
      }),
      openTickets: tool({ // ok: llm-tool-authz
        description: 'List open tickets of this workspace',
        parameters: z.object({}),
        execute: async () => db.select().from(tickets).where(eq(tickets.orgId, orgId)).limit(20),
      }),
      // Escalation was added for the on-call bot; it updates by id alone.
      escalateTicket: tool({ // expect: llm-tool-authz
        description: 'Set a ticket to urgent priority',
        parameters: z.object({ ticketId: z.string() }),
        execute: async ({ ticketId }) => db.update(tickets).set({ priority: 'urgent' }).where(eq(tickets.id, ticketId)).returning(),
      }),
    },
  });
  return result.toAIStreamResponse();
}
