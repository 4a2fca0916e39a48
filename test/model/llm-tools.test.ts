import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseFixture } from '../helpers/fixture';
import { scanFixture } from '../helpers/scan';
import type { LlmToolsFacts } from '../../server/src/model/collectors/llm-tools';

async function toolsIn(fixture: string) {
  const scan = await scanFixture(parseFixture(fixture));
  const all = Object.values(scan.model.files).flatMap((f) => ((f.collected['llm-tools'] as LlmToolsFacts | undefined)?.tools ?? []).map((t) => ({ ...t, file: f.file })));
  return { scan, all };
}

test('ai tool(), plain tools objects, langchain, MCP and OpenAI switch dispatch are recorded with schema params and execute ids', async () => {
  const { scan, all } = await toolsIn(`
//- src/chat.ts
import { streamText, tool } from 'ai';
import { z } from 'zod';
import { lookup } from './lookup';
export async function POST(req: Request) {
  return streamText({
    model: 'gpt',
    tools: {
      getTicket: tool({ description: 'd', parameters: z.object({ ticketId: z.string() }), execute: async ({ ticketId }) => lookup(ticketId) }),
      plain: { description: 'p', inputSchema: z.object({ q: z.string(), limit: z.number() }), execute: async ({ q }) => q },
    },
  });
}
//- src/lc.ts
import { tool, DynamicStructuredTool } from '@langchain/core/tools';
import { z } from 'zod';
export const search = tool(async ({ query }) => query, { name: 'search_docs', schema: z.object({ query: z.string() }) });
export const del = new DynamicStructuredTool({ name: 'delete_doc', description: 'x', schema: z.object({ docId: z.string() }), func: async ({ docId }) => docId });
//- src/mcp.ts
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
const server = new McpServer({ name: 'x', version: '1' });
server.tool('get_invoice', { invoiceId: z.string() }, async ({ invoiceId }) => ({ content: [{ type: 'text', text: invoiceId }] }));
server.registerTool('list_users', { description: 'l', inputSchema: { orgId: z.string() } }, async ({ orgId }) => ({ content: [] }));
//- src/dispatch.ts
import OpenAI from 'openai';
import { getTicket } from './lookup';
export async function run(call: OpenAI.Chat.Completions.ChatCompletionMessageToolCall) {
  const args = JSON.parse(call.function.arguments);
  switch (call.function.name) {
    case 'get_ticket':
      return getTicket(args);
    default:
      return null;
  }
}
//- src/lookup.ts
export async function lookup(id: string) { return id; }
export async function getTicket(a: { id: string }) { return a.id; }
//- src/unrelated.ts
export const tools = ['hammer'];
export function tool(x: number) { return x; }
tool(1);
`);
  const by = (name: string) => all.find((t) => t.name === name);
  assert.deepEqual(all.map((t) => t.name).sort(), ['delete_doc', 'getTicket', 'get_invoice', 'get_ticket', 'list_users', 'plain', 'search_docs']);
  assert.deepEqual(by('getTicket')!.schemaParams, ['ticketId']);
  assert.equal(by('getTicket')!.sdk, 'ai');
  assert.ok(scan.model.functions[by('getTicket')!.executeId!], 'inline execute has FunctionFacts');
  assert.equal(scan.model.functions[by('getTicket')!.enclosingId!]?.name, 'POST');
  assert.deepEqual(by('plain')!.schemaParams, ['q', 'limit']);
  assert.deepEqual(by('search_docs')!.schemaParams, ['query']);
  assert.equal(by('delete_doc')!.sdk, 'langchain');
  assert.deepEqual(by('get_invoice')!.schemaParams, ['invoiceId']);
  assert.deepEqual(by('list_users')!.schemaParams, ['orgId']);
  assert.equal(by('get_ticket')!.executeRef, 'getTicket');
  assert.equal(by('get_ticket')!.sdk, 'openai');
});
