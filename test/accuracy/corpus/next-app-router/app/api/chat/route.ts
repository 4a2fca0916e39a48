import { NextResponse } from 'next/server';
import { streamText, tool } from 'ai';
import { openai } from '@ai-sdk/openai';
import { z } from 'zod';
import { auth } from '@/auth';
import { prisma } from '@/lib/db';
import { chatLimit } from '@/lib/ratelimit';

const Body = z.object({ messages: z.array(z.object({ role: z.enum(['user', 'assistant']), content: z.string().max(4000) })).max(50) });

export async function POST(req: Request) { // ok: auth-missing, ratelimit-missing
  const session = await auth();
  if (!session?.user?.id) return NextResponse.json({ error: 'unauthorized' }, { status: 401 });
  const { success } = await chatLimit.limit(session.user.id);
  if (!success) return NextResponse.json({ error: 'slow down' }, { status: 429 });
  const { messages } = Body.parse(await req.json());
  const userId = session.user.id;

  const result = await streamText({ // ok: validation-missing
    model: openai('gpt-4o-mini'),
    messages,
    tools: {
      listMyTickets: tool({ // ok: llm-tool-authz
        description: 'List the signed-in customer\'s open tickets',
        parameters: z.object({ status: z.enum(['open', 'closed']).default('open') }),
        execute: async ({ status }) => prisma.ticket.findMany({ where: { userId, status }, take: 10 }),
      }),
      getTicket: tool({ // expect: llm-tool-authz
        description: 'Fetch a ticket by id',
        parameters: z.object({ ticketId: z.string() }),
        execute: async ({ ticketId }) => prisma.ticket.findUnique({ where: { id: ticketId }, include: { messages: true } }),
      }),
    },
  });
  return result.toDataStreamResponse();
}
