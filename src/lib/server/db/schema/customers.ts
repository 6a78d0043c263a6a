// Parts B and C of the method: portraits of key customers, their journey maps and the touchpoints
// met along the way. The prose of a portrait and the grid of a journey map are Yjs documents
// (rooms `portrait` and `journey`); the rows here hold what the server must query, filter or
// govern: names and classes for lists and the Pareto view, and each touchpoint's owner and rule.
import {
	boolean,
	index,
	integer,
	jsonb,
	numeric,
	pgEnum,
	pgTable,
	primaryKey,
	text,
	timestamp,
	uuid
} from 'drizzle-orm/pg-core';
import { users } from './auth';
import { strategySessions } from './sessions';
import { bytea } from './types';
import { workspaces } from './workspaces';

/** An external key customer, or an internal one (employees, partners, shareholders). */
export const portraitKind = pgEnum('portrait_kind', ['customer', 'internal']);

/** The method's relationship classes. */
export const relationshipClass = pgEnum('relationship_class', [
	'attract',
	'keep',
	'untapped',
	'strategic',
	'important',
	'profitable',
	'let_go'
]);

/** A portrait of one key customer segment. */
export const portraits = pgTable(
	'portraits',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		workspaceId: uuid('workspace_id')
			.notNull()
			.references(() => workspaces.id, { onDelete: 'cascade' }),
		kind: portraitKind('kind').notNull().default('customer'),
		name: text('name').notNull(),
		segment: text('segment').notNull().default(''),
		relationshipClass: relationshipClass('relationship_class'),
		/** Share of revenue or profit in percent (0–100), for the Pareto view; null when unknown. */
		valueShare: numeric('value_share', { precision: 5, scale: 2, mode: 'number' }),
		createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
		/** Bumped on every change of these fields, so a stale form is refused rather than overwriting. */
		revision: integer('revision').notNull().default(0)
	},
	(t) => [index('portraits_workspace_idx').on(t.workspaceId)]
);

/** A portrait's photo or avatar, kept apart so lists never load the bytes. */
export const portraitPhotos = pgTable('portrait_photos', {
	portraitId: uuid('portrait_id')
		.primaryKey()
		.references(() => portraits.id, { onDelete: 'cascade' }),
	contentType: text('content_type').notNull(),
	bytes: bytea('bytes').notNull(),
	updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
});

/** A journey map of one portrait; its stages, lanes and cards live in the `journey` room. */
export const journeyMaps = pgTable(
	'journey_maps',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		workspaceId: uuid('workspace_id')
			.notNull()
			.references(() => workspaces.id, { onDelete: 'cascade' }),
		portraitId: uuid('portrait_id')
			.notNull()
			.references(() => portraits.id, { onDelete: 'cascade' }),
		title: text('title').notNull(),
		/** A locked map is read-only for everyone until a facilitator or admin unlocks it. */
		locked: boolean('locked').notNull().default(false),
		createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		index('journey_maps_workspace_idx').on(t.workspaceId),
		index('journey_maps_portrait_idx').on(t.portraitId)
	]
);

/** Business touchpoints (website, office, …) or employee ones (appearance, tone of voice, …). */
export const touchpointType = pgEnum('touchpoint_type', ['business', 'employee']);

/**
 * A touchpoint of the workspace. Maps place it in their stages by id; the register derives the
 * stages, portraits and experience levels from those maps. Owner and rule are governed here.
 */
export const touchpoints = pgTable(
	'touchpoints',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		workspaceId: uuid('workspace_id')
			.notNull()
			.references(() => workspaces.id, { onDelete: 'cascade' }),
		name: text('name').notNull(),
		type: touchpointType('type').notNull(),
		/** Which kind of the type (`website`, `uniform`, …), or free text. */
		kind: text('kind').notNull().default(''),
		channel: text('channel').notNull().default(''),
		ownerId: uuid('owner_id').references(() => users.id, { onDelete: 'set null' }),
		/** The service standard as sanitized HTML; empty when there is no rule yet. */
		ruleHtml: text('rule_html').notNull().default(''),
		ruleUpdatedAt: timestamp('rule_updated_at', { withTimezone: true }),
		ruleUpdatedBy: uuid('rule_updated_by').references(() => users.id, { onDelete: 'set null' }),
		createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
		revision: integer('revision').notNull().default(0)
	},
	(t) => [
		index('touchpoints_workspace_idx').on(t.workspaceId),
		index('touchpoints_owner_idx').on(t.ownerId)
	]
);

/** Portraits a session works on; its guests see these and their maps, nothing else. */
export const sessionPortraits = pgTable(
	'session_portraits',
	{
		sessionId: uuid('session_id')
			.notNull()
			.references(() => strategySessions.id, { onDelete: 'cascade' }),
		portraitId: uuid('portrait_id')
			.notNull()
			.references(() => portraits.id, { onDelete: 'cascade' })
	},
	(t) => [
		primaryKey({ columns: [t.sessionId, t.portraitId] }),
		index('session_portraits_portrait_idx').on(t.portraitId)
	]
);

/** Journey maps a session works on (a map of a linked portrait is not linked by that alone). */
export const sessionJourneyMaps = pgTable(
	'session_journey_maps',
	{
		sessionId: uuid('session_id')
			.notNull()
			.references(() => strategySessions.id, { onDelete: 'cascade' }),
		journeyMapId: uuid('journey_map_id')
			.notNull()
			.references(() => journeyMaps.id, { onDelete: 'cascade' })
	},
	(t) => [
		primaryKey({ columns: [t.sessionId, t.journeyMapId] }),
		index('session_journey_maps_map_idx').on(t.journeyMapId)
	]
);

/** An in-app notice for one member, e.g. a touchpoint assigned to them. */
export const notifications = pgTable(
	'notifications',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		workspaceId: uuid('workspace_id')
			.notNull()
			.references(() => workspaces.id, { onDelete: 'cascade' }),
		userId: uuid('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		/** What happened, e.g. `touchpoint_assigned`; the UI words it in the reader's language. */
		kind: text('kind').notNull(),
		/** The object it is about (a touchpoint id, …). */
		subjectId: uuid('subject_id'),
		/** Names and values the message needs, as they were when it was sent. */
		payload: jsonb('payload').$type<Record<string, string>>().notNull().default({}),
		actorId: uuid('actor_id').references(() => users.id, { onDelete: 'set null' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		readAt: timestamp('read_at', { withTimezone: true })
	},
	(t) => [index('notifications_user_idx').on(t.userId, t.createdAt)]
);
