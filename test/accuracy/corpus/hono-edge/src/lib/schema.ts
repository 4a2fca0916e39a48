import { sqliteTable, text } from 'drizzle-orm/sqlite-core';

export const threads = sqliteTable('threads', { id: text('id').primaryKey(), orgId: text('org_id').notNull(), title: text('title') });
export const notes = sqliteTable('notes', { id: text('id').primaryKey(), threadId: text('thread_id').notNull(), body: text('body') });
