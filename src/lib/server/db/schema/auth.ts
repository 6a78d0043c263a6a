import { index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** A person who can sign in; belongs to workspaces through memberships. */
export const users = pgTable('users', {
	id: uuid('id').primaryKey().defaultRandom(),
	/** Stored lower-cased and trimmed; unique across the installation. */
	email: text('email').notNull().unique(),
	name: text('name').notNull(),
	passwordHash: text('password_hash').notNull(),
	/** Preferred UI language: en, ru or bg. */
	language: text('language').notNull().default('en'),
	createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
});

/** A signed-in browser. `id` is the SHA-256 of the cookie token; the token itself is never stored. */
export const authSessions = pgTable(
	'auth_sessions',
	{
		id: text('id').primaryKey(),
		userId: uuid('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('auth_sessions_user_idx').on(t.userId)]
);

/** Failed sign-in counter per e-mail, shared by all app processes, used to slow down guessing. */
export const signInThrottle = pgTable('sign_in_throttle', {
	key: text('key').primaryKey(),
	failures: integer('failures').notNull().default(0),
	blockedUntil: timestamp('blocked_until', { withTimezone: true }),
	updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
});
