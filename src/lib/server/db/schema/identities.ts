import { index, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { users } from './auth';

/**
 * A user's account at a company identity provider (OpenID Connect): the provider's `sub` within its
 * issuer names the person, whatever their e-mail says. One per user and issuer.
 */
export const userIdentities = pgTable(
	'user_identities',
	{
		issuer: text('issuer').notNull(),
		subject: text('subject').notNull(),
		userId: uuid('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		/** The e-mail the provider last vouched for (informational; linking is by issuer and subject). */
		email: text('email'),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		lastSignInAt: timestamp('last_sign_in_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		primaryKey({ columns: [t.issuer, t.subject] }),
		unique('user_identities_user_issuer_uq').on(t.userId, t.issuer)
	]
);

/**
 * A sign-in started at the identity provider and not yet come back: what the callback must check.
 * `id` is the SHA-256 of the token in the browser's cookie; the row is deleted when the callback
 * reads it, so each one is used once.
 */
export const oidcTransactions = pgTable(
	'oidc_transactions',
	{
		id: text('id').primaryKey(),
		state: text('state').notNull(),
		nonce: text('nonce').notNull(),
		codeVerifier: text('code_verifier').notNull(),
		/** Same-site path to go to once signed in. */
		returnPath: text('return_path').notNull(),
		expiresAt: timestamp('expires_at', { withTimezone: true }).notNull()
	},
	(t) => [index('oidc_transactions_expires_idx').on(t.expiresAt)]
);
