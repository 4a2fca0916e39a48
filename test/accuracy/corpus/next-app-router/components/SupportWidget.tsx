'use client';
import OpenAI from 'openai';
import { useState } from 'react';

// Quick prototype: suggest replies in the browser without a round trip.
const client = new OpenAI({ apiKey: process.env.NEXT_PUBLIC_OPENAI_API_KEY, dangerouslyAllowBrowser: true }); // expect: secret-client-exposed, env-undocumented

export function SupportWidget() {
  const [draft, setDraft] = useState('');
  const appUrl = process.env.NEXT_PUBLIC_APP_URL; // ok: secret-client-exposed
  async function suggest() {
    const r = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: draft }] });
    setDraft(r.choices[0].message.content ?? '');
  }
  return <div data-app={appUrl}><textarea value={draft} onChange={(e) => setDraft(e.target.value)} /><button onClick={suggest}>Suggest</button></div>;
}
