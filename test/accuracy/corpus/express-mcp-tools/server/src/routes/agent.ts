import { Router } from 'express';
import { z } from 'zod';
import { ChatOpenAI } from '@langchain/openai';
import { buildTools } from '../agents/tools';
import { logger } from '../lib/logger';

export const agentRouter = Router();

agentRouter.use((req, res, next) => ((req.session as any).userId ? next() : res.status(401).json({ error: 'login required' })));

const Run = z.object({ input: z.string().min(1).max(2000) });

agentRouter.post('/run', async (req, res) => { // ok: auth-missing, ratelimit-missing
  logger.info('agent run', { body: req.body }); // expect: log-sensitive
  const { input } = Run.parse(req.body);
  const s = req.session as any;
  const model = new ChatOpenAI({ model: 'gpt-4o-mini' }).bindTools(buildTools({ userId: s.userId, orgId: s.orgId }));
  const out = await model.invoke(input); // ok: validation-missing
  res.json({ output: out.content });
});
