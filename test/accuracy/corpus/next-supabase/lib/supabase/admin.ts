import 'server-only';
import { createClient } from '@supabase/supabase-js';

// Service role: bypasses row-level security. Server code only.
export const admin = createClient(process.env.NEXT_PUBLIC_SUPABASE_URL!, process.env.SUPABASE_SERVICE_ROLE_KEY!); // ok: secret-client-exposed
