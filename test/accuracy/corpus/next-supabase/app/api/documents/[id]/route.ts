import { NextResponse } from 'next/server';
import { createClient } from '@/lib/supabase/server';
import { admin } from '@/lib/supabase/admin';

export async function GET(_req: Request, { params }: { params: { id: string } }) { // ok: auth-missing
  const supabase = createClient();
  const { data: { user } } = await supabase.auth.getUser();
  if (!user) return NextResponse.json({ error: 'unauthorized' }, { status: 401 });
  const { data } = await supabase.from('documents').select('*').eq('id', params.id).maybeSingle(); // ok: authz-missing
  return data ? NextResponse.json(data) : NextResponse.json({ error: 'not found' }, { status: 404 });
}

// Storage cleanup needs the service role, so the whole delete went through it, and the owner filter was forgotten.
export async function DELETE(_req: Request, { params }: { params: { id: string } }) { // ok: auth-missing
  const { data: { user } } = await createClient().auth.getUser();
  if (!user) return NextResponse.json({ error: 'unauthorized' }, { status: 401 });
  await admin.storage.from('uploads').remove([`${params.id}.pdf`]);
  await admin.from('documents').delete().eq('id', params.id); // expect: authz-missing
  return new NextResponse(null, { status: 204 });
}
