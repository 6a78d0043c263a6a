import {
	index,
	pgEnum,
	pgTable,
	primaryKey,
	text,
	timestamp,
	unique,
	uuid
} from 'drizzle-orm/pg-core';
import { users } from './auth';

/** What a member may do in a workspace; a reader reads and acknowledges, and edits nothing. */
export const workspaceRole = pgEnum('workspace_role', ['admin', 'facilitator', 'member', 'reader']);

/** One company. */
export const workspaces = pgTable('workspaces', {
	id: uuid('id').primaryKey().defaultRandom(),
	name: text('name').notNull(),
	createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
});

/** A department of a workspace, used for reach statistics. */
export const departments = pgTable(
	'departments',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		workspaceId: uuid('workspace_id')
			.notNull()
			.references(() => workspaces.id, { onDelete: 'cascade' }),
		name: text('name').notNull(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [unique('departments_workspace_name_uq').on(t.workspaceId, t.name)]
);

/** A user's place in a workspace: role and department; a deactivated one grants nothing. */
export const memberships = pgTable(
	'memberships',
	{
		workspaceId: uuid('workspace_id')
			.notNull()
			.references(() => workspaces.id, { onDelete: 'cascade' }),
		userId: uuid('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		role: workspaceRole('role').notNull().default('member'),
		departmentId: uuid('department_id').references(() => departments.id, { onDelete: 'set null' }),
		/** Set when the person left: the membership counts as none until an admin reactivates it. */
		deactivatedAt: timestamp('deactivated_at', { withTimezone: true }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		primaryKey({ columns: [t.workspaceId, t.userId] }),
		index('memberships_user_idx').on(t.userId)
	]
);

/** An invitation link; only the SHA-256 of its token is stored. Single use, expires. */
export const invites = pgTable(
	'invites',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		workspaceId: uuid('workspace_id')
			.notNull()
			.references(() => workspaces.id, { onDelete: 'cascade' }),
		tokenHash: text('token_hash').notNull().unique(),
		role: workspaceRole('role').notNull().default('member'),
		departmentId: uuid('department_id').references(() => departments.id, { onDelete: 'set null' }),
		/** Optional note for the admin: who the link was meant for. */
		label: text('label'),
		createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
		expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
		usedAt: timestamp('used_at', { withTimezone: true }),
		usedBy: uuid('used_by').references(() => users.id, { onDelete: 'set null' }),
		revokedAt: timestamp('revoked_at', { withTimezone: true }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('invites_workspace_idx').on(t.workspaceId)]
);

/**
 * A link that lets the person of an imported account (no password yet) set their password and
 * sign in. Only the SHA-256 of its token is stored. Single use, expires.
 */
export const accountClaims = pgTable(
	'account_claims',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		workspaceId: uuid('workspace_id')
			.notNull()
			.references(() => workspaces.id, { onDelete: 'cascade' }),
		userId: uuid('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		tokenHash: text('token_hash').notNull().unique(),
		createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
		expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
		usedAt: timestamp('used_at', { withTimezone: true }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('account_claims_user_idx').on(t.userId)]
);
