import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { pgTable, text, timestamp } from 'drizzle-orm/pg-core';

export const conversations = pgTable('conversations', {
  id: text('id').primaryKey(),
  workspaceId: text('workspace_id').notNull(),
  subject: text('subject'),
  status: text('status'),
  createdAt: timestamp('created_at').defaultNow(),
});

export const db = drizzle(postgres(process.env.DATABASE_URL!));
