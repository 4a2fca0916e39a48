import type { DrizzleD1Database } from 'drizzle-orm/d1';

export type Env = {
  Bindings: { DB: D1Database; JWT_SECRET: string; ANTHROPIC_API_KEY: string; HELPDESK_SIGNING_SECRET: string };
  Variables: { jwtPayload: { sub: string; org: string; role?: string }; db: DrizzleD1Database };
};
