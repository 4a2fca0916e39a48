import { Hono } from 'hono';
import { zValidator } from '@hono/zod-validator';
import { z } from 'zod';
import { generateText, tool } from 'ai';
import { createAnthropic } from '@ai-sdk/anthropic';
import { drizzle } from 'drizzle-orm/d1';
import { and, eq } from 'drizzle-orm';
import { notes, threads as threadTable } from '../lib/schema';
import type { Env } from '../lib/env';

export const chat = new Hono<Env>();

const Ask = z.object({ threadId: z.string(), question: z.string().max(4000) });

chat.post('/', zValidator('json', Ask), async (c) => { // ok: auth-missing, ratelimit-missing
  const { threadId, question } = c.req.valid('json');
  const { org } = c.get('jwtPayload');
  const db = drizzle(c.env.DB);
  const anthropic = createAnthropic({ apiKey: c.env.ANTHROPIC_API_KEY });

  const { text } = await generateText({ // ok: validation-missing
    model: anthropic('claude-3-5-sonnet-latest'),
    prompt: question,
    tools: {
      threadTitle: tool({ // ok: llm-tool-authz
        parameters: z.object({ id: z.string() }),
        execute: async ({ id }) => db.select().from(threadTable).where(and(eq(threadTable.id, id), eq(threadTable.orgId, org))),
      }),
      deleteNote: tool({ // expect: llm-tool-authz
        parameters: z.object({ noteId: z.string() }),
        execute: async ({ noteId }) => db.delete(notes).where(eq(notes.id, noteId)),
      }),
    },
  });
  return c.json({ threadId, text });
});
