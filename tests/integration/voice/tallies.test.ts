// A touchpoint's figures come from tallies a database trigger keeps beside the answers: whatever
// way answers are stored (one by one from the public page, or in bulk as the demo and the benchmark
// do) or removed, the figures are what counting the answers themselves gives.
import { eq, inArray, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db } from '$lib/server/db';
import { customerAnswers } from '$lib/server/db/schema';
import { createTouchpoint } from '$lib/server/touchpoints/touchpoints';
import { touchpointFigures } from '$lib/server/voice/figures';
import { openQuestionnaire } from '$lib/server/voice/questionnaires';
import { LEVELS } from '$lib/voice/model';
import { journeyWorld } from '../journeys/world';

/** The figures counted straight from the stored answers. */
async function countedFromAnswers(touchpointId: string) {
	const month = sql<string>`to_char(${customerAnswers.createdAt} at time zone 'UTC', 'YYYY-MM')`;
	const months = await db
		.select({
			month,
			total: sql<number>`count(*)::int`,
			satisfied: sql<number>`(count(*) filter (where ${customerAnswers.level} in ('meets', 'exceeds')))::int`
		})
		.from(customerAnswers)
		.where(eq(customerAnswers.touchpointId, touchpointId))
		.groupBy(month)
		.orderBy(month);
	const [comfort] = await db
		.select({
			mean: sql<number>`round(avg((${customerAnswers.ratings}->>'comfort')::int), 1)::float8`,
			count: sql<number>`count(${customerAnswers.ratings}->'comfort')::int`
		})
		.from(customerAnswers)
		.where(eq(customerAnswers.touchpointId, touchpointId));
	return { months, comfort };
}

/** Two answers in three rate comfort. */
const comfortRating = (n: number): Record<string, number> =>
	n % 3 ? { comfort: 1 + (n % 5) } : {};

describe("a touchpoint's figures", () => {
	it('match the answers after a bulk insert and after answers are removed', async () => {
		const world = await journeyWorld();
		const { anna } = world.accounts;
		const touchpoint = await createTouchpoint(db, anna.userId, world.workspaceId, {
			name: 'Reception desk',
			type: 'business',
			kind: '',
			channel: ''
		});
		const questionnaire = await openQuestionnaire(
			db,
			anna.userId,
			world.workspaceId,
			touchpoint.id,
			{
				criteria: ['comfort'],
				askContact: false
			}
		);
		const rows = Array.from({ length: 300 }, (_, n) => ({
			questionnaireId: questionnaire.id,
			touchpointId: touchpoint.id,
			level: LEVELS[(n * 7) % 4],
			ratings: comfortRating(n),
			language: 'ru',
			createdAt: new Date(Date.UTC(2026, 8 + (n % 3), 1 + (n % 28)))
		}));
		const stored = await db
			.insert(customerAnswers)
			.values(rows)
			.returning({ id: customerAnswers.id });

		const check = async (total: number) => {
			const figures = await touchpointFigures(db, touchpoint.id);
			const counted = await countedFromAnswers(touchpoint.id);
			expect(figures.total).toBe(total);
			expect(figures.months).toEqual(counted.months);
			expect(figures.ratings).toEqual([
				{ criterion: 'comfort', mean: counted.comfort.mean, count: counted.comfort.count }
			]);
		};
		await check(300);
		expect((await touchpointFigures(db, touchpoint.id)).months.map((m) => m.month)).toEqual([
			'2026-09',
			'2026-10',
			'2026-11'
		]);

		await db.delete(customerAnswers).where(
			inArray(
				customerAnswers.id,
				stored.slice(0, 120).map((row) => row.id)
			)
		);
		await check(180);
	});
});
