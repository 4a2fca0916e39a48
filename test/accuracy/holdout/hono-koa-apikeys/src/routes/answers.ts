import Anthropic from '@anthropic-ai/sdk';
import { Hono } from 'hono';
import { zValidator } from '@hono/zod-validator';
import { rateLimiter } from 'hono-rate-limiter';
import { z } from 'zod';
import { pool } from '../lib/db.js';
import { alert } from '../lib/alerts.js';
import type { Env } from '../middleware/api-key.js';

export const answers = new Hono<Env>();
const anthropic = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY }); // ok: env-undocumented

// Per customer account: each API key pays for its own tokens.
answers.use('*', rateLimiter<Env>({ windowMs: 60_000, limit: 30, keyGenerator: (c) => c.get('account').id }));

const Ask = z.object({ conversationId: z.string().uuid(), question: z.string().min(1).max(4000) });

answers.post('/', zValidator('json', Ask), async (c) => { // ok: ratelimit-missing, auth-missing
  const { conversationId, question } = c.req.valid('json');
  const { rows } = await pool.query('select id from conversations where id = $1 and account_id = $2', [conversationId, c.get('account').id]); // ok: authz-missing
  if (!rows[0]) return c.notFound();
  try {
    const msg = await anthropic.messages.create({ model: 'claude-3-5-sonnet-latest', max_tokens: 1024, messages: [{ role: 'user', content: question }] }); // ok: validation-missing
    const text = msg.content[0].type === 'text' ? msg.content[0].text : '';
    await pool.query('insert into messages (conversation_id, role, content) values ($1, $2, $3), ($1, $4, $5)', [conversationId, 'user', question, 'assistant', text]);
    return c.json({ answer: text });
  } catch (e) {
    await alert(`anthropic failed for account ${c.get('account').id}`);
    return c.json({ error: 'upstream_failed', detail: (e as Error).message }, 502); // expect: error-leak
  }
});
