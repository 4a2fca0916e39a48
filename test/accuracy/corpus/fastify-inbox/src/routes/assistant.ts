import type { FastifyInstance } from 'fastify';
import OpenAI from 'openai';

const openai = new OpenAI();

export async function assistantRoutes(app: FastifyInstance) {
  app.post<{ Body: { question: string } }>('/ask', { config: { rateLimit: { max: 10, timeWindow: '1 minute' } } }, async (request) => { // expect: ratelimit-missing (AI route limited only per IP: reported at warning)
    const res = await openai.chat.completions.create({ // expect: validation-missing
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: request.body.question }],
    });
    return { answer: res.choices[0].message.content };
  });
}
