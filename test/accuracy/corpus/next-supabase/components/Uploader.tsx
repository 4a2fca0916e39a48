'use client';
import { createBrowserClient } from '@supabase/ssr';

// The anon key is public by design; row-level security protects the data.
const supabase = createBrowserClient(process.env.NEXT_PUBLIC_SUPABASE_URL!, process.env.NEXT_PUBLIC_SUPABASE_ANON_KEY!); // ok: secret-client-exposed

export function Uploader() {
  return <input type="file" onChange={async (e) => { const f = e.target.files?.[0]; if (f) await supabase.storage.from('uploads').upload(f.name, f); }} />;
}
