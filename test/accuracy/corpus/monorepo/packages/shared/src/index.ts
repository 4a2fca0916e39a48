import Anthropic from '@anthropic-ai/sdk';

const anthropic = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY }); // ok: env-undocumented

export async function summarize(text: string): Promise<string> {
  const msg = await anthropic.messages.create({ model: 'claude-3-haiku-20240307', max_tokens: 200, messages: [{ role: 'user', content: `Summarize: ${text}` }] });
  const block = msg.content[0];
  return block.type === 'text' ? block.text : '';
}

export const redact = (s: string) => s.replace(/\b\S+@\S+\b/g, '[email]');
