// Regression: the Supabase Next.js template creates the caller's RLS client in a project helper
// (lib/supabase/server.ts `createClient()` → `createServerClient(url, anonKey, { cookies })`); queries through it are
// scoped by row-level security, while the service-role client (`createClient(url, SERVICE_ROLE_KEY)`) is not.
import { test } from 'node:test';
import { checkRule } from '../helpers/check-rule';

test('authz-missing: RLS client from a project factory is scoped; the service-role client is not', async () => {
  await checkRule('authz-missing', `
//- lib/supabase/server.ts
import { createServerClient } from '@supabase/ssr';
import { cookies } from 'next/headers';
export function createClient() {
  const store = cookies();
  return createServerClient(process.env.NEXT_PUBLIC_SUPABASE_URL!, process.env.NEXT_PUBLIC_SUPABASE_ANON_KEY!, {
    cookies: { getAll: () => store.getAll() },
  });
}
//- lib/supabase/admin.ts
import { createClient } from '@supabase/supabase-js';
export const admin = createClient(process.env.NEXT_PUBLIC_SUPABASE_URL!, process.env.SUPABASE_SERVICE_ROLE_KEY!);
//- app/api/documents/[id]/route.ts
import { NextResponse } from 'next/server';
import { createClient } from '@/lib/supabase/server';
import { admin } from '@/lib/supabase/admin';
export async function GET(_req: Request, { params }: { params: { id: string } }) {
  const supabase = createClient();
  const { data: { user } } = await supabase.auth.getUser();
  if (!user) return NextResponse.json({ error: 'unauthorized' }, { status: 401 });
  const { data } = await supabase.from('documents').select('*').eq('id', params.id).maybeSingle(); // ok: authz-missing
  return NextResponse.json(data);
}
export async function DELETE(_req: Request, { params }: { params: { id: string } }) {
  const { data: { user } } = await createClient().auth.getUser();
  if (!user) return NextResponse.json({ error: 'unauthorized' }, { status: 401 });
  await admin.from('documents').delete().eq('id', params.id); // expect: authz-missing
  return new NextResponse(null, { status: 204 });
}
//- tsconfig.json
{ "compilerOptions": { "baseUrl": ".", "paths": { "@/*": ["./*"] } } }
`);
});
