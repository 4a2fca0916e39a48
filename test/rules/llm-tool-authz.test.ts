import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareExpectations, expectations, parseFixture } from '../helpers/fixture';
import { scanFixture } from '../helpers/scan';

async function check(fixture: string) {
  const files = parseFixture(fixture);
  const scan = await scanFixture(files);
  assert.deepEqual(compareExpectations(expectations(files), scan.result.findings, ['llm-tool-authz']), []);
  return scan;
}

const DB = `//- lib/db.ts
import { PrismaClient } from '@prisma/client';
export const prisma = new PrismaClient();
//- auth.ts
import NextAuth from 'next-auth';
export const { auth, handlers } = NextAuth({ providers: [] });
//- tsconfig.json
{ "compilerOptions": { "baseUrl": ".", "paths": { "@/*": ["./*"] } } }
`;

test('ai sdk in a next.js route: model-chosen ids unscoped vs scoped by the session in the closure or the tool context', async () => {
  const scan = await check(`
//- app/api/chat/route.ts
import { streamText, tool } from 'ai';
import { openai } from '@ai-sdk/openai';
import { z } from 'zod';
import { prisma } from '@/lib/db';
import { auth } from '@/auth';
import { ticketService } from '@/lib/tickets';
export async function POST(req: Request) {
  const session = await auth();
  if (!session) return new Response('unauthorized', { status: 401 });
  const { messages } = await req.json();
  const result = streamText({
    model: openai('gpt-4o'),
    messages,
    experimental_context: { tenantId: session.user.tenantId },
    tools: {
      getTicket: tool({ // expect: llm-tool-authz
        description: 'Look up a ticket by id',
        parameters: z.object({ ticketId: z.string() }),
        execute: async ({ ticketId }) => prisma.ticket.findUnique({ where: { id: ticketId } }),
      }),
      closeTicket: tool({ // expect: llm-tool-authz
        description: 'Close a ticket',
        parameters: z.object({ ticketId: z.string() }),
        execute: async ({ ticketId }) => ticketService.close(ticketId),
      }),
      myTicket: tool({ // ok: llm-tool-authz
        description: 'Look up one of my tickets',
        parameters: z.object({ ticketId: z.string() }),
        execute: async ({ ticketId }) => prisma.ticket.findFirst({ where: { id: ticketId, tenantId: session.user.tenantId } }),
      }),
      contextTicket: tool({ // ok: llm-tool-authz
        description: 'Look up a ticket in the current tenant',
        parameters: z.object({ ticketId: z.string() }),
        execute: async ({ ticketId }, { experimental_context: ctx }) => prisma.ticket.findFirst({ where: { id: ticketId, tenantId: (ctx as { tenantId: string }).tenantId } }),
      }),
      weather: tool({ // ok: llm-tool-authz
        description: 'Weather',
        parameters: z.object({ city: z.string() }),
        execute: async ({ city }) => fetch('https://api.weather.example/' + city).then((r) => r.json()),
      }),
    },
  });
  return result.toDataStreamResponse();
}
//- lib/tickets.ts
import { prisma } from './db';
export const ticketService = {
  async close(id: string) {
    return prisma.ticket.update({ where: { id }, data: { status: 'closed' } });
  },
};
${DB}`);
  const f = scan.result.findings.find((x) => x.rule === 'llm-tool-authz' && /getTicket/.test(x.message))!;
  assert.equal(f.route, 'POST /api/chat');
  assert.match(f.message, /LLM tool 'getTicket' reads ticket by ticketId, an argument the model chooses/);
  assert.match(f.message, /prompt injection/);
});

test('tool factory taking the user, MCP server tools, LangChain tools and an OpenAI switch dispatch', async () => {
  await check(`
//- src/tools.ts
import { tool } from 'ai';
import { z } from 'zod';
import { prisma } from './db';
export function buildTools(user: { tenantId: string }) {
  return {
    invoice: tool({ // ok: llm-tool-authz
      description: 'Get an invoice',
      parameters: z.object({ invoiceId: z.string() }),
      execute: async ({ invoiceId }) => prisma.invoice.findFirst({ where: { id: invoiceId, tenantId: user.tenantId } }),
    }),
  };
}
export const findCustomers = tool({ // expect: llm-tool-authz
  description: 'Search customers by email',
  parameters: z.object({ email: z.string() }),
  execute: async ({ email }) => prisma.customer.findMany({ where: { email: { contains: email } } }),
});
export const refund = tool({ // expect: llm-tool-authz
  description: 'Refund an order',
  parameters: z.object({ orderId: z.string() }),
  execute: async ({ orderId }) => prisma.order.update({ where: { id: orderId }, data: { refunded: true } }),
});
//- src/mcp.ts
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { prisma } from './db';
const server = new McpServer({ name: 'helpdesk', version: '1.0.0' });
server.tool('get_customer', { customerId: z.string() }, async ({ customerId }) => { // expect: llm-tool-authz
  const c = await prisma.customer.findUnique({ where: { id: customerId } });
  return { content: [{ type: 'text', text: JSON.stringify(c) }] };
});
server.registerTool('my_profile', { description: 'me', inputSchema: {} }, async (_args, extra) => { // ok: llm-tool-authz
  const me = await prisma.user.findUnique({ where: { id: String(extra.authInfo?.clientId) } });
  return { content: [{ type: 'text', text: JSON.stringify(me) }] };
});
//- src/lc.ts
import { DynamicStructuredTool } from '@langchain/core/tools';
import { z } from 'zod';
import { prisma } from './db';
export const deleteDoc = new DynamicStructuredTool({ // expect: llm-tool-authz
  name: 'delete_doc',
  description: 'Delete a document',
  schema: z.object({ docId: z.string() }),
  func: async ({ docId }) => JSON.stringify(await prisma.document.delete({ where: { id: docId } })),
});
//- src/dispatch.ts
import OpenAI from 'openai';
import { getNote } from './notes';
export async function runTool(call: OpenAI.Chat.Completions.ChatCompletionMessageToolCall) {
  const args = JSON.parse(call.function.arguments);
  switch (call.function.name) {
    case 'get_note': // expect: llm-tool-authz
      return getNote(args.noteId);
    default:
      throw new Error('unknown tool');
  }
}
//- src/notes.ts
import { prisma } from './db';
export async function getNote(noteId: string) {
  return prisma.note.findUnique({ where: { id: noteId } });
}
//- src/db.ts
import { PrismaClient } from '@prisma/client';
export const prisma = new PrismaClient();
`);
});

test('a name → handler map for dispatched tool calls: the session user passed alongside the arguments scopes the query', async () => {
  await check(`
//- src/ai/tools.ts
import { sql } from '../lib/db';
type Args = Record<string, string>;
export const toolHandlers: Record<string, (args: Args, user: { teamId: string }) => Promise<unknown>> = {
  get_ticket: async (args, user) => (await sql\`select * from tickets where id = \${args.ticket_id} and team_id = \${user.teamId}\`)[0], // ok: llm-tool-authz
  close_ticket: async (args) => sql\`update tickets set status = 'closed' where id = \${args.ticket_id}\`, // expect: llm-tool-authz
};
//- src/lib/db.ts
import postgres from 'postgres';
export const sql = postgres(process.env.DATABASE_URL!);
`);
});

test('OpenAI dispatch written inline in a switch case: scoped by the caller or not', async () => {
  const { checkRule } = await import('../helpers/check-rule');
  await checkRule('llm-tool-authz', `
//- src/tools.ts
import type OpenAI from 'openai';
import { prisma } from './db';
type Caller = { id: string; tenantId: string };
export async function runTool(message: OpenAI.Chat.Completions.ChatCompletionMessage, caller: Caller): Promise<string> {
  const call = message.tool_calls?.[0];
  if (!call) return '';
  switch (call.function.name) {
    case 'lookup_order': { // expect: llm-tool-authz
      const args = JSON.parse(call.function.arguments) as { orderId: string };
      return JSON.stringify(await prisma.order.findUnique({ where: { id: args.orderId } }));
    }
    case 'lookup_ticket': { // ok: llm-tool-authz
      const { ticketId } = JSON.parse(call.function.arguments) as { ticketId: string };
      return JSON.stringify(await prisma.ticket.findFirst({ where: { id: ticketId, tenantId: caller.tenantId } }));
    }
    default:
      return 'unknown tool';
  }
}
//- src/db.ts
export const prisma: any = {};
`);
});
