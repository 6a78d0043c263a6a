import {
	boolean,
	index,
	integer,
	jsonb,
	pgTable,
	text,
	timestamp,
	uuid
} from 'drizzle-orm/pg-core';
import { users } from './auth';
import { workspaces } from './workspaces';
import { publications } from './sessions';

/**
 * Outgoing mail, queued in the database and sent by the mail worker (`mail/worker.ts`). `eventKey`
 * names the event and the recipient (e.g. `announcement:<publication>:<user>`): unique, so the same
 * event never queues a second message. The message is rendered when it is sent, from `kind`,
 * `language` and `payload`.
 */
export const mailMessages = pgTable(
	'mail_messages',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		workspaceId: uuid('workspace_id')
			.notNull()
			.references(() => workspaces.id, { onDelete: 'cascade' }),
		eventKey: text('event_key').notNull().unique(),
		kind: text('kind').notNull(),
		/** The recipient, when they have an account; `toAddress` is where it goes. */
		userId: uuid('user_id').references(() => users.id, { onDelete: 'cascade' }),
		toAddress: text('to_address').notNull(),
		language: text('language').notNull().default('en'),
		/** Names and values the message needs, as they were when it was queued. */
		payload: jsonb('payload').$type<Record<string, string>>().notNull().default({}),
		/** The publication an announcement or reminder is about (reach counts reminders by it). */
		publicationId: uuid('publication_id').references(() => publications.id, {
			onDelete: 'cascade'
		}),
		/** pending → sent | failed (gave up) | cancelled (no longer needed when its turn came). */
		status: text('status').$type<MailStatus>().notNull().default('pending'),
		attempts: integer('attempts').notNull().default(0),
		/** When it may next be tried; also the lease: a worker that claims it moves it ahead. */
		nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
		lastError: text('last_error'),
		/** What was sent (links left out), for the outbox page. */
		subject: text('subject'),
		bodyText: text('body_text'),
		/** `smtp`, or `outbox` when no mail server is configured. */
		deliveredVia: text('delivered_via'),
		sentAt: timestamp('sent_at', { withTimezone: true }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		index('mail_messages_due_idx').on(t.status, t.nextAttemptAt),
		index('mail_messages_workspace_idx').on(t.workspaceId, t.createdAt),
		index('mail_messages_publication_idx').on(t.publicationId)
	]
);

export type MailStatus = 'pending' | 'sent' | 'failed' | 'cancelled';

/**
 * One-click links in announcements and reminders: open the definition signed in as the recipient.
 * Only the SHA-256 of the token is stored; single use, expires.
 */
export const mailLinks = pgTable(
	'mail_links',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		tokenHash: text('token_hash').notNull().unique(),
		userId: uuid('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		workspaceId: uuid('workspace_id')
			.notNull()
			.references(() => workspaces.id, { onDelete: 'cascade' }),
		expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
		usedAt: timestamp('used_at', { withTimezone: true }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('mail_links_user_idx').on(t.userId)]
);

/** A workspace's mail settings: the reminder schedule, in whole days after publication. */
export const mailSettings = pgTable('mail_settings', {
	workspaceId: uuid('workspace_id')
		.primaryKey()
		.references(() => workspaces.id, { onDelete: 'cascade' }),
	reminderDays: jsonb('reminder_days').$type<number[]>().notNull().default([3, 7]),
	updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
});

/** A person's choices about mail; no row means the defaults (reminders on). */
export const mailPreferences = pgTable('mail_preferences', {
	userId: uuid('user_id')
		.primaryKey()
		.references(() => users.id, { onDelete: 'cascade' }),
	reminders: boolean('reminders').notNull().default(true),
	updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
});
