import { auth } from '@clerk/nextjs/server';
import { summarize } from '@supportly/shared';

export async function POST(req: Request) { // ok: auth-missing, validation-missing // expect: ratelimit-missing
  const { userId } = auth();
  if (!userId) return new Response('unauthorized', { status: 401 });
  const { text } = await req.json();
  return Response.json({ summary: await summarize(String(text).slice(0, 8000)) });
}
