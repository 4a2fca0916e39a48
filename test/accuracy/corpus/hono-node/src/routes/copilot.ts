import { Hono } from 'hono';
import Anthropic from '@anthropic-ai/sdk';
import * as v from 'valibot';
import { toolHandlers } from '../ai/tools';
import type { SessionUser } from '../middleware/session';

export const copilot = new Hono<{ Variables: { user: SessionUser } }>();
const anthropic = new Anthropic();
const Ask = v.object({ question: v.pipe(v.string(), v.maxLength(4000)) });

copilot.post('/ask', async (c) => { // ok: auth-missing // expect: ratelimit-missing
  const { question } = v.parse(Ask, await c.req.json());
  const msg = await anthropic.messages.create({ // ok: validation-missing
    model: 'claude-3-5-sonnet-latest',
    max_tokens: 800,
    tools: [
      { name: 'get_ticket', description: 'Read a ticket', input_schema: { type: 'object', properties: { ticket_id: { type: 'string' } } } },
      { name: 'close_ticket', description: 'Close a ticket', input_schema: { type: 'object', properties: { ticket_id: { type: 'string' } } } },
    ],
    messages: [{ role: 'user', content: question }],
  });
  const results = [];
  for (const block of msg.content) {
    if (block.type === 'tool_use') results.push(await toolHandlers[block.name](block.input as Record<string, string>, c.get('user')));
  }
  return c.json({ content: msg.content, results });
});
