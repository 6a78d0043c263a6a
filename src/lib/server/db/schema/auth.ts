import { index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** A person who can sign in; belongs to workspaces through memberships. */
export const users = pgTable('users', {
	id: uuid('id').primaryKey().defaultRandom(),
	/** Stored lower-cased and trimmed; unique across the installation. */
	email: text('email').notNull().unique(),
	name: text('name').notNull(),
	/**
	 * Null for a person who signs in only through the company's identity provider, and for an
	 * account an admin imported that its person has not claimed yet: no password signs in.
	 */
	passwordHash: text('password_hash'),
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

/**
 * Failed sign-in counters, shared by all app processes, used to slow down guessing. One row per key:
 * an e-mail, a client address, or an e-mail at one address (see `auth/sign-in-throttle.ts`);
 * addresses appear only as SHA-256 hashes.
 */
export const signInThrottle = pgTable(
	'sign_in_throttle',
	{
		key: text('key').primaryKey(),
		failures: integer('failures').notNull().default(0),
		blockedUntil: timestamp('blocked_until', { withTimezone: true }),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('sign_in_throttle_updated_idx').on(t.updatedAt)]
);

/**
 * Client addresses (SHA-256 hashes, never the address itself) from which a user has signed in with
 * the right password: from these the user is not held back by failures that came from elsewhere.
 */
export const signInKnownAddresses = pgTable(
	'sign_in_known_addresses',
	{
		userId: uuid('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		addressHash: text('address_hash').notNull(),
		lastSignInAt: timestamp('last_sign_in_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [primaryKey({ columns: [t.userId, t.addressHash] })]
);
