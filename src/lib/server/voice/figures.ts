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
import {
	customerAnswers,
	customerLevelTallies,
	customerRatingTallies,
	touchpoints
} from '../db/schema';
import { can } from '../policies';
import { allowedTouchpoint } from './questionnaires';

/**
 * The four levels, mean ratings and monthly trend of a touchpoint's customer answers, read from the
 * tallies a trigger keeps (a few rows per month, however many answers there are).
 */
export async function touchpointFigures(db: Db, touchpointId: string): Promise<LevelFigures> {
	const [tallies, ratings] = await Promise.all([
		db
			.select({
				month: customerLevelTallies.month,
				level: customerLevelTallies.level,
				answers: customerLevelTallies.answers
			})
			.from(customerLevelTallies)
			.where(eq(customerLevelTallies.touchpointId, touchpointId))
			.orderBy(customerLevelTallies.month),
		db
			.select()
			.from(customerRatingTallies)
			.where(eq(customerRatingTallies.touchpointId, touchpointId))
	]);
	const counts = Object.fromEntries(LEVELS.map((level) => [level, 0])) as Record<Level, number>;
	const months: LevelFigures['months'] = [];
	for (const row of tallies) {
		counts[row.level] += row.answers;
		let month = months.at(-1);
		if (month?.month !== row.month) {
			month = { month: row.month, total: 0, satisfied: 0 };
			months.push(month);
		}
		month.total += row.answers;
		if (row.level === 'meets' || row.level === 'exceeds') month.satisfied += row.answers;
	}
	const total = LEVELS.reduce((sum, level) => sum + counts[level], 0);
	const score = LEVELS.reduce((sum, level) => sum + levelScore(level) * counts[level], 0);
	return {
		total,
		counts,
		tooFew: total < MIN_ANSWERS,
		mean: total ? Math.round((score / total) * 100) / 100 : null,
		ratings: CRITERIA.flatMap((criterion) => {
			const row = ratings.find((r) => r.criterion === criterion);
			return row && row.ratings > 0
				? [{ criterion, mean: Math.round((row.total / row.ratings) * 10) / 10, count: row.ratings }]
				: [];
		}),
		months
	};
}

/** How many customers answered each level, per touchpoint of the workspace (from the tallies). */
export function levelCountsByTouchpoint(db: Db, workspaceId: string) {
	return db
		.select({
			id: customerLevelTallies.touchpointId,
			level: customerLevelTallies.level,
			count: sql<number>`sum(${customerLevelTallies.answers})::int`
		})
		.from(customerLevelTallies)
		.innerJoin(touchpoints, eq(touchpoints.id, customerLevelTallies.touchpointId))
		.where(eq(touchpoints.workspaceId, workspaceId))
		.groupBy(customerLevelTallies.touchpointId, customerLevelTallies.level);
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
