import { pgTable, text, timestamp } from 'drizzle-orm/pg-core';

export const members = pgTable('members', { id: text('id').primaryKey(), email: text('email').notNull(), orgId: text('org_id').notNull(), role: text('role').notNull() });
export const tickets = pgTable('tickets', { id: text('id').primaryKey(), orgId: text('org_id').notNull(), subject: text('subject').notNull(), priority: text('priority').notNull(), assigneeId: text('assignee_id'), updatedAt: timestamp('updated_at') });
export const orgs = pgTable('orgs', { id: text('id').primaryKey(), stripeCustomerId: text('stripe_customer_id'), plan: text('plan').notNull(), billingEmail: text('billing_email') });
