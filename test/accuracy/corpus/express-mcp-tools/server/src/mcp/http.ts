import { Router } from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { z } from 'zod';
import { Ticket } from '../lib/models';

export const mcpRouter = Router();
const server = new McpServer({ name: 'agent-desk', version: '0.8.1' });

server.tool('list_open_tickets', { limit: z.number().max(50) }, async ({ limit }, extra) => { // ok: llm-tool-authz
  const orgId = (extra.authInfo?.extra as { orgId: string }).orgId;
  const rows = await Ticket.find({ orgId, status: 'open' }).limit(limit);
  return { content: [{ type: 'text', text: JSON.stringify(rows) }] };
});

server.tool('reassign_ticket', { ticketId: z.string(), assignee: z.string() }, async ({ ticketId, assignee }) => { // expect: llm-tool-authz
  await Ticket.updateOne({ _id: ticketId }, { assignee });
  return { content: [{ type: 'text', text: 'ok' }] };
});

// MCP clients of our customers connect here; no bearer token is checked before the transport.
mcpRouter.post('/', async (req, res) => { // expect: auth-missing
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  await server.connect(transport);
  await transport.handleRequest(req, res, req.body);
});
