import { handlers } from '@/auth';

export const { GET, POST } = handlers; // ok: auth-missing, ratelimit-missing
