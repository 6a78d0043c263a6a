import {
	boolean,
	date,
	index,
	integer,
	jsonb,
	pgEnum,
	pgTable,
	text,
	timestamp,
	unique,
	uuid
} from 'drizzle-orm/pg-core';
import { users } from './auth';
import { workspaces } from './workspaces';
import type { RoundProvenance } from '../../../consensus/model';

/** Who sees authors of revealed definitions: everyone, only the facilitator, or nobody. */
export const anonymityMode = pgEnum('anonymity_mode', ['off', 'partial', 'full']);

/** One stage of a session as the facilitator arranged it. */
export type SessionStage = {
	/** Which built-in stage this is. */
	key: 'definitions' | 'themes' | 'criteria' | 'draft' | 'consensus' | 'publish';
	/** The facilitator's own name for it; null shows the template's name. */
	title: string | null;
	skipped: boolean;
};

/** A strategy session: a workshop run stage by stage by a facilitator. */
export const strategySessions = pgTable(
	'strategy_sessions',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		workspaceId: uuid('workspace_id')
			.notNull()
			.references(() => workspaces.id, { onDelete: 'cascade' }),
		title: text('title').notNull(),
		goal: text('goal').notNull().default(''),
		scheduledOn: date('scheduled_on', { mode: 'string' }),
		stages: jsonb('stages').$type<SessionStage[]>().notNull(),
		currentStage: text('current_stage')
			.$type<SessionStage['key']>()
			.notNull()
			.default('definitions'),
		anonymity: anonymityMode('anonymity').notNull().default('partial'),
		locked: boolean('locked').notNull().default(false),
		definitionsRevealedAt: timestamp('definitions_revealed_at', { withTimezone: true }),
		/** Countdown: running when `timerEndsAt` is set; paused when only `timerRemainingMs` is. */
		timerEndsAt: timestamp('timer_ends_at', { withTimezone: true }),
		timerRemainingMs: integer('timer_remaining_ms'),
		/** Short code guests type to join; null when guests may not join. */
		guestCode: text('guest_code').unique(),
		/** Bumped by every facilitator action, so clients and concurrent actions can tell state apart. */
		revision: integer('revision').notNull().default(0),
		createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('strategy_sessions_workspace_idx').on(t.workspaceId)]
);

/** A person in a session: a workspace member or a guest who joined by code. */
export const sessionParticipants = pgTable(
	'session_participants',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		sessionId: uuid('session_id')
			.notNull()
			.references(() => strategySessions.id, { onDelete: 'cascade' }),
		userId: uuid('user_id').references(() => users.id, { onDelete: 'cascade' }),
		/** Display name of a guest; members show their account name. */
		guestName: text('guest_name'),
		/** SHA-256 of the guest's cookie token. */
		guestTokenHash: text('guest_token_hash').unique(),
		isFacilitator: boolean('is_facilitator').notNull().default(false),
		/** The stage key this person last pressed "I'm done" on. */
		doneStage: text('done_stage'),
		joinedAt: timestamp('joined_at', { withTimezone: true }).notNull().defaultNow(),
		/** Set while the facilitator excuses this person: kept in the record, no longer waited for, reads only. */
		excusedAt: timestamp('excused_at', { withTimezone: true }),
		/** Set when the facilitator removed this guest: their cookie no longer resolves; the row stays for the record. */
		removedAt: timestamp('removed_at', { withTimezone: true }),
		/** SHA-256 of the cookie token of another device asking to take over this guest's place, until the facilitator decides. */
		reclaimTokenHash: text('reclaim_token_hash').unique(),
		reclaimRequestedAt: timestamp('reclaim_requested_at', { withTimezone: true })
	},
	(t) => [
		unique('session_participants_user_uq').on(t.sessionId, t.userId),
		index('session_participants_session_idx').on(t.sessionId)
	]
);

/** Stage 1: a participant's own definition; readable only by its author until the reveal. */
export const ownDefinitions = pgTable(
	'own_definitions',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		sessionId: uuid('session_id')
			.notNull()
			.references(() => strategySessions.id, { onDelete: 'cascade' }),
		participantId: uuid('participant_id')
			.notNull()
			.references(() => sessionParticipants.id, { onDelete: 'cascade' }),
		text: text('text').notNull().default(''),
		roleTag: text('role_tag').notNull().default(''),
		submittedAt: timestamp('submitted_at', { withTimezone: true }),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [unique('own_definitions_participant_uq').on(t.sessionId, t.participantId)]
);

/** Stage 3: one dot vote over the criteria frozen when the facilitator opened it. */
export const voteRounds = pgTable(
	'vote_rounds',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		sessionId: uuid('session_id')
			.notNull()
			.references(() => strategySessions.id, { onDelete: 'cascade' }),
		budget: integer('budget').notNull().default(3),
		maxPerItem: integer('max_per_item').notNull().default(2),
		status: text('status').$type<'open' | 'closed' | 'revealed'>().notNull().default('open'),
		openedAt: timestamp('opened_at', { withTimezone: true }).notNull().defaultNow(),
		closedAt: timestamp('closed_at', { withTimezone: true })
	},
	(t) => [index('vote_rounds_session_idx').on(t.sessionId)]
);

/** A criterion as it stood when its vote opened. */
export const voteItems = pgTable(
	'vote_items',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		roundId: uuid('round_id')
			.notNull()
			.references(() => voteRounds.id, { onDelete: 'cascade' }),
		text: text('text').notNull(),
		position: integer('position').notNull(),
		isWinner: boolean('is_winner').notNull().default(false),
		/** Dots an imported session carried over: its individual votes stay in the source workspace. */
		carriedTotal: integer('carried_total').notNull().default(0)
	},
	(t) => [index('vote_items_round_idx').on(t.roundId)]
);

/** Dots one participant put on one item. Never sent to any client: only totals leave the server. */
export const votes = pgTable(
	'votes',
	{
		roundId: uuid('round_id')
			.notNull()
			.references(() => voteRounds.id, { onDelete: 'cascade' }),
		itemId: uuid('item_id')
			.notNull()
			.references(() => voteItems.id, { onDelete: 'cascade' }),
		participantId: uuid('participant_id')
			.notNull()
			.references(() => sessionParticipants.id, { onDelete: 'cascade' }),
		dots: integer('dots').notNull(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		unique('votes_item_participant_uq').on(t.itemId, t.participantId),
		index('votes_round_idx').on(t.roundId)
	]
);

/** Stage 4: a participant's judgment that the current draft meets a winning criterion. */
export const criterionChecks = pgTable(
	'criterion_checks',
	{
		itemId: uuid('item_id')
			.notNull()
			.references(() => voteItems.id, { onDelete: 'cascade' }),
		participantId: uuid('participant_id')
			.notNull()
			.references(() => sessionParticipants.id, { onDelete: 'cascade' }),
		checkedAt: timestamp('checked_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [unique('criterion_checks_uq').on(t.itemId, t.participantId)]
);

/** Stage 4: a named, frozen version of the shared definition draft. */
export const draftVersions = pgTable(
	'draft_versions',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		sessionId: uuid('session_id')
			.notNull()
			.references(() => strategySessions.id, { onDelete: 'cascade' }),
		number: integer('number').notNull(),
		name: text('name').notNull(),
		/** Sanitized HTML rendered on the server from the draft document. */
		html: text('html').notNull(),
		/** Plain text of the same, for comparison and CSV. */
		text: text('text').notNull(),
		createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [unique('draft_versions_number_uq').on(t.sessionId, t.number)]
);

/** Stage 5: a request for consensus on one frozen version. */
export const consensusRounds = pgTable(
	'consensus_rounds',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		sessionId: uuid('session_id')
			.notNull()
			.references(() => strategySessions.id, { onDelete: 'cascade' }),
		versionId: uuid('version_id')
			.notNull()
			.references(() => draftVersions.id, { onDelete: 'cascade' }),
		status: text('status')
			.$type<'open' | 'agreed' | 'objected' | 'cancelled'>()
			.notNull()
			.default('open'),
		openedAt: timestamp('opened_at', { withTimezone: true }).notNull().defaultNow(),
		closedAt: timestamp('closed_at', { withTimezone: true }),
		/** Who answered what, who was excused and who did not answer, as it stood when the round closed. */
		provenance: jsonb('provenance').$type<RoundProvenance>()
	},
	(t) => [index('consensus_rounds_session_idx').on(t.sessionId)]
);

/** Answer of the consensus check. */
export const consensusAnswer = pgEnum('consensus_answer', ['accept', 'concern', 'object']);

export const consensusAnswers = pgTable(
	'consensus_answers',
	{
		roundId: uuid('round_id')
			.notNull()
			.references(() => consensusRounds.id, { onDelete: 'cascade' }),
		participantId: uuid('participant_id')
			.notNull()
			.references(() => sessionParticipants.id, { onDelete: 'cascade' }),
		answer: consensusAnswer('answer').notNull(),
		comment: text('comment').notNull().default(''),
		answeredAt: timestamp('answered_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [unique('consensus_answers_uq').on(t.roundId, t.participantId)]
);

/** Rules of dealing with customers that come with a publication. */
export type PublicationRules = { always: string[]; react: string[]; never: string[] };

/** Stage 6: a published definition; each new one is the next version of the workspace's definition. */
export const publications = pgTable(
	'publications',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		workspaceId: uuid('workspace_id')
			.notNull()
			.references(() => workspaces.id, { onDelete: 'cascade' }),
		version: integer('version').notNull(),
		sessionId: uuid('session_id').references(() => strategySessions.id, { onDelete: 'set null' }),
		consensusRoundId: uuid('consensus_round_id').references(() => consensusRounds.id, {
			onDelete: 'set null'
		}),
		/** Title of the session it came from, kept if the session is deleted. */
		sessionTitle: text('session_title').notNull(),
		definitionHtml: text('definition_html').notNull(),
		definitionText: text('definition_text').notNull(),
		explanation: text('explanation').notNull(),
		rules: jsonb('rules').$type<PublicationRules>().notNull(),
		/** Names of those who took part, and the consensus tally, as they were at publication. */
		participants: jsonb('participants').$type<string[]>().notNull(),
		consensus: jsonb('consensus')
			.$type<{ accept: number; concern: number; object: number }>()
			.notNull(),
		/** The agreeing round's provenance as readers may see it (names per answer only when answers were not anonymous). */
		provenance: jsonb('provenance').$type<RoundProvenance>(),
		publishedBy: uuid('published_by').references(() => users.id, { onDelete: 'set null' }),
		publishedAt: timestamp('published_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [unique('publications_version_uq').on(t.workspaceId, t.version)]
);

/** "I have read and understood", per member and publication. */
export const acknowledgements = pgTable(
	'acknowledgements',
	{
		publicationId: uuid('publication_id')
			.notNull()
			.references(() => publications.id, { onDelete: 'cascade' }),
		userId: uuid('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [unique('acknowledgements_uq').on(t.publicationId, t.userId)]
);
