import { NextResponse } from 'next/server';
import OpenAI from 'openai';
import { createClient } from '@/lib/supabase/server';

const openai = new OpenAI();

export async function POST(req: Request) { // ok: auth-missing // expect: ratelimit-missing
  const supabase = createClient();
  const { data: { user } } = await supabase.auth.getUser();
  if (!user) return NextResponse.json({ error: 'unauthorized' }, { status: 401 });
  const { messages, documentId } = await req.json();
  const { data: doc, error } = await supabase.from('documents').select('title, content').eq('id', documentId).single(); // ok: authz-missing // expect: validation-missing
  if (error) return NextResponse.json({ error: error.message }, { status: 500 }); // expect: error-leak
  const completion = await openai.chat.completions.create({
    model: 'gpt-4o-mini',
    messages: [{ role: 'system', content: `Answer from this document:\n${doc.content}` }, ...messages],
  });
  return NextResponse.json({ reply: completion.choices[0].message.content });
}
