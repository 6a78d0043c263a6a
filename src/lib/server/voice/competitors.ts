import { asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import {
	COMPETITOR_MAX,
	CRITERIA,
	RATING_MAX,
	RATING_MIN,
	SOURCE_MAX,
	type CompetitorEstimate,
	type Criterion
} from '$lib/voice/model';
import { withoutControlCharacters } from '$lib/validation/fields';
import type { Db } from '../db';
import { competitorEstimates } from '../db/schema';
import { invalid } from '../errors';
import { allowedTouchpoint } from './questionnaires';

const text = (max: number) =>
	z
		.string()
		.transform((value) => withoutControlCharacters(value).trim())
		.pipe(z.string().max(max, { error: 'text_too_long' }));

const estimateSchema = z.object({
	competitor: text(COMPETITOR_MAX).pipe(z.string().min(1, { error: 'text_required' })),
	criterion: z.enum(CRITERIA, { error: 'invalid_input' }),
	estimate: z.coerce
		.number({ error: 'answer_rating_invalid' })
		.int({ error: 'answer_rating_invalid' })
		.min(RATING_MIN, { error: 'answer_rating_invalid' })
		.max(RATING_MAX, { error: 'answer_rating_invalid' }),
	source: text(SOURCE_MAX)
});

/** Records the team's estimate of a competitor on one criterion of the touchpoint (editors). */
export async function estimateCompetitor(
	db: Db,
	userId: string,
	workspaceId: string,
	touchpointId: string,
	input: { competitor: string; criterion: string; estimate: string; source: string }
): Promise<void> {
	await allowedTouchpoint(db, userId, workspaceId, touchpointId, 'edit');
	const parsed = estimateSchema.safeParse(input);
	if (!parsed.success) {
		const issue = parsed.error.issues[0];
		throw invalid(issue.message as never, String(issue.path[0] ?? 'form'));
	}
	await db
		.insert(competitorEstimates)
		.values({ workspaceId, touchpointId, ...parsed.data, createdBy: userId });
}

/** The touchpoint's competitor estimates, by criterion then competitor (every member reads them). */
export async function listCompetitorEstimates(
	db: Db,
	userId: string,
	workspaceId: string,
	touchpointId: string
): Promise<CompetitorEstimate[]> {
	await allowedTouchpoint(db, userId, workspaceId, touchpointId, 'read');
	const rows = await db
		.select()
		.from(competitorEstimates)
		.where(eq(competitorEstimates.touchpointId, touchpointId))
		.orderBy(asc(competitorEstimates.criterion), asc(competitorEstimates.competitor));
	return rows.flatMap((row) =>
		(CRITERIA as readonly string[]).includes(row.criterion)
			? [
					{
						id: row.id,
						competitor: row.competitor,
						criterion: row.criterion as Criterion,
						estimate: row.estimate,
						source: row.source
					}
				]
			: []
	);
}
