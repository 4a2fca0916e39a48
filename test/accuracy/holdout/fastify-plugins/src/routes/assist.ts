import Anthropic from '@anthropic-ai/sdk';
import type { FastifyPluginAsync } from 'fastify';

const anthropic = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY }); // ok: env-undocumented
const DraftBody = { type: 'object', required: ['thread'], properties: { thread: { type: 'string', maxLength: 20000 } } } as const;

const assist: FastifyPluginAsync = async (fastify) => {
  fastify.addHook('onRequest', fastify.authenticate);

  fastify.post<{ Body: { thread: string } }>('/draft', { // ok: ratelimit-missing, auth-missing
    schema: { body: DraftBody },
    config: { rateLimit: { max: 15, timeWindow: '1 minute', keyGenerator: (req) => (req.user as { sub: string }).sub } },
  }, async (req) => {
    const msg = await anthropic.messages.create({ model: 'claude-3-5-sonnet-latest', max_tokens: 800, messages: [{ role: 'user', content: `Draft a reply to:\n${req.body.thread}` }] }); // ok: validation-missing
    return { draft: msg.content[0].type === 'text' ? msg.content[0].text : '' };
  });

  // Added later for the "improve tone" button; it calls the same model with no limit at all.
  fastify.post<{ Body: { text: string } }>('/rewrite', { schema: { body: { type: 'object', required: ['text'], properties: { text: { type: 'string', maxLength: 5000 } } } } }, async (req) => { // expect: ratelimit-missing
    const msg = await anthropic.messages.create({ model: 'claude-3-haiku-20240307', max_tokens: 500, messages: [{ role: 'user', content: `Rewrite politely:\n${req.body.text}` }] }); // ok: validation-missing
    return { text: msg.content[0].type === 'text' ? msg.content[0].text : '' };
  });
};
export default assist;
