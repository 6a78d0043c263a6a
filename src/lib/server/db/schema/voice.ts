// Part D, the voice of the customer: questionnaires a touchpoint publishes as a public link, and
// the answers customers leave there without an account.
import { sql } from 'drizzle-orm';
import {
	boolean,
	check,
	date,
	index,
	integer,
	jsonb,
	pgEnum,
	pgTable,
	text,
	timestamp,
	primaryKey,
	uniqueIndex,
	uuid
} from 'drizzle-orm/pg-core';
import { users } from './auth';
import { journeyMaps, touchpoints } from './customers';
import { departments, workspaces } from './workspaces';

export const satisfactionLevel = pgEnum('satisfaction_level', [
	'below',
	'indifferent',
	'meets',
	'exceeds'
]);

/**
 * A customer questionnaire about a touchpoint, or about a stage of a journey map (the stage is an id
 * in the map's document; its name is kept as it was when the questionnaire opened, for the public
 * page). At most one is open per touchpoint and per stage.
 */
export const questionnaires = pgTable(
	'questionnaires',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		workspaceId: uuid('workspace_id')
			.notNull()
			.references(() => workspaces.id, { onDelete: 'cascade' }),
		touchpointId: uuid('touchpoint_id').references(() => touchpoints.id, { onDelete: 'cascade' }),
		journeyMapId: uuid('journey_map_id').references(() => journeyMaps.id, { onDelete: 'cascade' }),
		stageId: text('stage_id'),
		stageName: text('stage_name'),
		/** The public link's secret part. */
		token: text('token').notNull().unique(),
		/** Service criteria the customer is asked to rate. */
		criteria: text('criteria')
			.array()
			.notNull()
			.default(sql`'{}'::text[]`),
		askContact: boolean('ask_contact').notNull().default(false),
		closedAt: timestamp('closed_at', { withTimezone: true }),
		createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		index('questionnaires_touchpoint_idx').on(t.touchpointId),
		index('questionnaires_stage_idx').on(t.journeyMapId, t.stageId),
		uniqueIndex('questionnaires_one_open_idx')
			.on(t.touchpointId)
			.where(sql`closed_at is null`),
		uniqueIndex('questionnaires_one_open_stage_idx')
			.on(t.journeyMapId, t.stageId)
			.where(sql`closed_at is null and journey_map_id is not null`),
		check(
			'questionnaires_subject_check',
			sql`(touchpoint_id is null) <> (journey_map_id is null and stage_id is null) and (journey_map_id is null) = (stage_id is null)`
		)
	]
);

/**
 * One customer's answer; contact details only when they consented to be contacted. Its subject
 * (touchpoint, or map and stage) is copied from the questionnaire so figures read one index.
 */
export const customerAnswers = pgTable(
	'customer_answers',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		questionnaireId: uuid('questionnaire_id')
			.notNull()
			.references(() => questionnaires.id, { onDelete: 'cascade' }),
		touchpointId: uuid('touchpoint_id').references(() => touchpoints.id, { onDelete: 'cascade' }),
		journeyMapId: uuid('journey_map_id').references(() => journeyMaps.id, { onDelete: 'cascade' }),
		stageId: text('stage_id'),
		level: satisfactionLevel('level').notNull(),
		/** Criterion → rating 1–5, for the criteria the customer rated. */
		ratings: jsonb('ratings').$type<Record<string, number>>().notNull().default({}),
		expected: text('expected').notNull().default(''),
		comment: text('comment').notNull().default(''),
		language: text('language').notNull(),
		contactName: text('contact_name'),
		contactAddress: text('contact_address'),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		index('customer_answers_touchpoint_time_idx').on(t.touchpointId, t.createdAt),
		index('customer_answers_stage_idx').on(t.journeyMapId, t.stageId)
	]
);

/**
 * An employee's view of how customers experience a touchpoint (the self-assessment): one per person
 * and touchpoint, replaced when they answer again; the department is the one they had then.
 */
export const staffAssessments = pgTable(
	'staff_assessments',
	{
		touchpointId: uuid('touchpoint_id')
			.notNull()
			.references(() => touchpoints.id, { onDelete: 'cascade' }),
		userId: uuid('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		departmentId: uuid('department_id').references(() => departments.id, { onDelete: 'set null' }),
		level: satisfactionLevel('level').notNull(),
		comment: text('comment').notNull().default(''),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [primaryKey({ columns: [t.touchpointId, t.userId] })]
);

export const actionStatus = pgEnum('action_status', ['planned', 'in_progress', 'done']);

/**
 * An improvement programme's action aimed at what customers named: attached to a touchpoint, or to a
 * stage of a journey map (the stage is an id in the map's document), with an owner who is told, a
 * due date and a status; `doneAt` splits the subject's answers into before and after.
 */
export const improvementActions = pgTable(
	'improvement_actions',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		workspaceId: uuid('workspace_id')
			.notNull()
			.references(() => workspaces.id, { onDelete: 'cascade' }),
		touchpointId: uuid('touchpoint_id').references(() => touchpoints.id, { onDelete: 'cascade' }),
		journeyMapId: uuid('journey_map_id').references(() => journeyMaps.id, { onDelete: 'cascade' }),
		stageId: text('stage_id'),
		/** A service criterion the action aims at, if any. */
		criterion: text('criterion'),
		title: text('title').notNull(),
		ownerId: uuid('owner_id').references(() => users.id, { onDelete: 'set null' }),
		dueOn: date('due_on', { mode: 'string' }),
		status: actionStatus('status').notNull().default('planned'),
		doneAt: timestamp('done_at', { withTimezone: true }),
		createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		index('improvement_actions_touchpoint_idx').on(t.touchpointId),
		index('improvement_actions_stage_idx').on(t.journeyMapId, t.stageId),
		index('improvement_actions_owner_idx').on(t.ownerId),
		check(
			'improvement_actions_subject_check',
			sql`(touchpoint_id is null) <> (journey_map_id is null and stage_id is null) and (journey_map_id is null) = (stage_id is null)`
		)
	]
);

export const interviewKind = pgEnum('interview_kind', ['interview', 'focus_group']);

/**
 * What customers said in an interview or a focus group about a touchpoint: who was asked (names,
 * seen by editors only), when, a summary and quotes, the criteria it touched and the level heard.
 */
export const customerInterviews = pgTable(
	'customer_interviews',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		workspaceId: uuid('workspace_id')
			.notNull()
			.references(() => workspaces.id, { onDelete: 'cascade' }),
		touchpointId: uuid('touchpoint_id')
			.notNull()
			.references(() => touchpoints.id, { onDelete: 'cascade' }),
		kind: interviewKind('kind').notNull(),
		heldOn: date('held_on', { mode: 'string' }).notNull(),
		/** The customers asked (one for an interview, the loyal customers of a focus group). */
		participants: text('participants')
			.array()
			.notNull()
			.default(sql`'{}'::text[]`),
		/** A focus group's participants were thanked or rewarded. */
		thanked: boolean('thanked').notNull().default(false),
		summary: text('summary').notNull(),
		quotes: text('quotes')
			.array()
			.notNull()
			.default(sql`'{}'::text[]`),
		criteria: text('criteria')
			.array()
			.notNull()
			.default(sql`'{}'::text[]`),
		/** The level of satisfaction the interviewer heard, if one. */
		level: satisfactionLevel('level'),
		createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('customer_interviews_touchpoint_idx').on(t.touchpointId)]
);

/** The team's estimate (or research) of a competitor on one service criterion, with its source. */
export const competitorEstimates = pgTable(
	'competitor_estimates',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		workspaceId: uuid('workspace_id')
			.notNull()
			.references(() => workspaces.id, { onDelete: 'cascade' }),
		touchpointId: uuid('touchpoint_id')
			.notNull()
			.references(() => touchpoints.id, { onDelete: 'cascade' }),
		competitor: text('competitor').notNull(),
		criterion: text('criterion').notNull(),
		/** 1 (poor) to 5 (excellent), as customers rate us. */
		estimate: integer('estimate').notNull(),
		source: text('source').notNull().default(''),
		createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('competitor_estimates_touchpoint_idx').on(t.touchpointId)]
);

/**
 * Customer answers per touchpoint, month (UTC, `YYYY-MM`) and level, kept by a trigger on
 * `customer_answers` (migration `touchpoint_tallies`), so a touchpoint's figures read a few rows
 * however many answers it has.
 */
export const customerLevelTallies = pgTable(
	'customer_level_tallies',
	{
		touchpointId: uuid('touchpoint_id')
			.notNull()
			.references(() => touchpoints.id, { onDelete: 'cascade' }),
		month: text('month').notNull(),
		level: satisfactionLevel('level').notNull(),
		answers: integer('answers').notNull()
	},
	(t) => [primaryKey({ columns: [t.touchpointId, t.month, t.level] })]
);

/** The sum and number of customers' ratings per touchpoint and criterion, kept by the same trigger. */
export const customerRatingTallies = pgTable(
	'customer_rating_tallies',
	{
		touchpointId: uuid('touchpoint_id')
			.notNull()
			.references(() => touchpoints.id, { onDelete: 'cascade' }),
		criterion: text('criterion').notNull(),
		total: integer('total').notNull(),
		ratings: integer('ratings').notNull()
	},
	(t) => [primaryKey({ columns: [t.touchpointId, t.criterion] })]
);
