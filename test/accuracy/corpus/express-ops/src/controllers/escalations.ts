import type { Request, Response } from 'express';
import Anthropic from '@anthropic-ai/sdk';
import { WebClient } from '@slack/web-api';
import { config } from '../config';
import { logger } from '../services/logger';

const anthropic = new Anthropic({ apiKey: config.anthropicKey });
const slack = new WebClient(config.slackToken);

export async function summarise(req: Request, res: Response) {
  const msg = await anthropic.messages.create({ // expect: validation-missing
    model: 'claude-3-5-sonnet-latest',
    max_tokens: 400,
    messages: [{ role: 'user', content: `Summarise for an on-call engineer:\n${req.body.transcript}` }],
  });
  logger.info('summary created', { user: (req.user as any).id, tokens: msg.usage.output_tokens }); // ok: log-sensitive
  await slack.chat.postMessage({ channel: config.escalationChannel, text: String(msg.content[0]) });
  res.json({ ok: true });
}

export async function purgeTenant(req: Request, res: Response) {
  logger.warn('purge requested', { headers: req.headers }); // expect: log-sensitive
  res.sendStatus(202);
}
