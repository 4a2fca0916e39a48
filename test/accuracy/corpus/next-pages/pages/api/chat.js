import OpenAI from 'openai';

const openai = new OpenAI({ apiKey: process.env.OPENAI_API_KEY }); // ok: env-undocumented

// Public demo endpoint for the marketing site, left enabled in production.
export default async function handler(req, res) { // expect: auth-missing, ratelimit-missing
  if (req.method !== 'POST') return res.status(405).end();
  const completion = await openai.chat.completions.create({ // expect: validation-missing
    model: 'gpt-4o',
    messages: [{ role: 'system', content: 'You are HelpBot.' }, ...req.body.messages],
  });
  res.status(200).json(completion.choices[0].message);
}
