import { Controller, Post, Req, Res } from '@nestjs/common';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { z } from 'zod';
import { TicketsService } from '../tickets/tickets.service';

/** MCP endpoint for customers' own agents (Claude Desktop, Cursor). Behind the global JWT guard. */
@Controller('mcp')
export class McpController {
  constructor(private readonly tickets: TicketsService) {}

  private build(tenantId: string) {
    const server = new McpServer({ name: 'caseflow', version: '2.1.0' });
    server.tool('search_tickets', { q: z.string().max(100) }, async ({ q }) => { // ok: llm-tool-authz
      const rows = await this.tickets.search(tenantId, q);
      return { content: [{ type: 'text', text: JSON.stringify(rows) }] };
    });
    server.tool('close_ticket', { ticketId: z.string().uuid() }, async ({ ticketId }) => { // expect: llm-tool-authz
      await this.tickets.close(ticketId);
      return { content: [{ type: 'text', text: `closed ${ticketId}` }] };
    });
    return server;
  }

  @Post() // ok: auth-missing
  async handle(@Req() req: any, @Res() res: any) {
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    await this.build(req.user.tenantId).connect(transport);
    await transport.handleRequest(req, res, req.body);
  }
}
