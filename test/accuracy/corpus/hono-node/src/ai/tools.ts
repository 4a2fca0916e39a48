import { sql } from '../lib/db';
import type { SessionUser } from '../middleware/session';

type Args = Record<string, string>;

// Anthropic tool_use handlers, looked up by tool name. The user is the session's, never the model's.
export const toolHandlers: Record<string, (args: Args, user: SessionUser) => Promise<unknown>> = {
  get_ticket: async (args, user) => (await sql`select * from tickets where id = ${args.ticket_id} and team_id = ${user.teamId}`)[0], // ok: llm-tool-authz
  close_ticket: async (args) => sql`update tickets set status = 'closed' where id = ${args.ticket_id}`, // expect: llm-tool-authz
};
