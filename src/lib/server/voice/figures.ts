import { and, desc, eq, sql } from 'drizzle-orm';
import {
	CRITERIA,
	LEVELS,
	levelScore,
	MIN_ANSWERS,
	type Level,
	type LevelFigures
} from '$lib/voice/model';
import type { Db } from '../db';
import { customerAnswers } from '../db/schema';
import { can } from '../policies';
import { allowedTouchpoint } from './questionnaires';

/** The four levels, mean ratings and monthly trend of a touchpoint's customer answers. */
export async function touchpointFigures(db: Db, touchpointId: string): Promise<LevelFigures> {
	const byTouchpoint = eq(customerAnswers.touchpointId, touchpointId);
	const month = sql<string>`to_char(${customerAnswers.createdAt} at time zone 'UTC', 'YYYY-MM')`;
	const [levels, months, ratings] = await Promise.all([
		db
			.select({ level: customerAnswers.level, count: sql<number>`count(*)::int` })
			.from(customerAnswers)
			.where(byTouchpoint)
			.groupBy(customerAnswers.level),
		db
			.select({
				month,
				total: sql<number>`count(*)::int`,
				satisfied: sql<number>`(count(*) filter (where ${customerAnswers.level} in ('meets', 'exceeds')))::int`
			})
			.from(customerAnswers)
			.where(byTouchpoint)
			.groupBy(month)
			.orderBy(month),
		db
			.select({
				criterion: sql<string>`rating.key`,
				mean: sql<number>`avg(rating.value::int)::float8`,
				count: sql<number>`count(*)::int`
			})
			.from(sql`${customerAnswers}, jsonb_each_text(${customerAnswers.ratings}) as rating`)
			.where(byTouchpoint)
			.groupBy(sql`rating.key`)
	]);
	const counts = Object.fromEntries(LEVELS.map((level) => [level, 0])) as Record<Level, number>;
	for (const row of levels) counts[row.level] = row.count;
	const total = levels.reduce((sum, row) => sum + row.count, 0);
	const score = levels.reduce((sum, row) => sum + levelScore(row.level) * row.count, 0);
	return {
		total,
		counts,
		tooFew: total < MIN_ANSWERS,
		mean: total ? Math.round((score / total) * 100) / 100 : null,
		ratings: CRITERIA.flatMap((criterion) => {
			const row = ratings.find((r) => r.criterion === criterion);
			return row ? [{ criterion, mean: Math.round(row.mean * 10) / 10, count: row.count }] : [];
		}),
		months
	};
}

export type CustomerComment = {
	level: Level;
	expected: string;
	comment: string;
	language: string;
	createdAt: string;
	/** Only for those who may see contacts, and only when the customer consented. */
	contact: { name: string | null; address: string } | null;
};

/** The latest customer comments; contact details only for those the policy lets see them. */
export async function recentComments(
	db: Db,
	userId: string,
	workspaceId: string,
	touchpointId: string,
	limit = 20
): Promise<CustomerComment[]> {
	const { actor } = await allowedTouchpoint(db, userId, workspaceId, touchpointId, 'read');
	const seesContacts = can(actor, 'seeContacts', { type: 'touchpoint' });
	const rows = await db
		.select({
			level: customerAnswers.level,
			expected: customerAnswers.expected,
			comment: customerAnswers.comment,
			language: customerAnswers.language,
			createdAt: customerAnswers.createdAt,
			contactName: customerAnswers.contactName,
			contactAddress: customerAnswers.contactAddress
		})
		.from(customerAnswers)
		.where(
			and(
				eq(customerAnswers.touchpointId, touchpointId),
				sql`(${customerAnswers.comment} <> '' or ${customerAnswers.expected} <> '')`
			)
		)
		.orderBy(desc(customerAnswers.createdAt))
		.limit(limit);
	return rows.map((row) => ({
		level: row.level,
		expected: row.expected,
		comment: row.comment,
		language: row.language,
		createdAt: row.createdAt.toISOString(),
		contact:
			seesContacts && row.contactAddress
				? { name: row.contactName, address: row.contactAddress }
				: null
	}));
}

/** Figures a member may read (every member, readers included). */
export async function readTouchpointFigures(
	db: Db,
	userId: string,
	workspaceId: string,
	touchpointId: string
): Promise<LevelFigures> {
	await allowedTouchpoint(db, userId, workspaceId, touchpointId, 'read');
	return touchpointFigures(db, touchpointId);
}
