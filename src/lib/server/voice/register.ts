import { eq, sql } from 'drizzle-orm';
import { gapOf, type VoiceSummary } from '$lib/voice/model';
import type { Db } from '../db';
import { customerLevelTallies, staffAssessments, touchpoints } from '../db/schema';

const score = (level: typeof staffAssessments.level) =>
	sql<number>`avg(case ${level} when 'below' then 1 when 'indifferent' then 2 when 'meets' then 3 else 4 end)::float8`;

/** Every touchpoint of the workspace that customers or staff have answered about, by id. */
export async function voiceByTouchpoint(
	db: Db,
	workspaceId: string
): Promise<Map<string, VoiceSummary>> {
	const [customers, staff] = await Promise.all([
		db
			.select({
				id: customerLevelTallies.touchpointId,
				answers: sql<number>`sum(${customerLevelTallies.answers})::int`,
				mean: sql<number>`(sum(${customerLevelTallies.answers} * case ${customerLevelTallies.level} when 'below' then 1 when 'indifferent' then 2 when 'meets' then 3 else 4 end)::float8 / sum(${customerLevelTallies.answers}))`
			})
			.from(customerLevelTallies)
			.innerJoin(touchpoints, eq(touchpoints.id, customerLevelTallies.touchpointId))
			.where(eq(touchpoints.workspaceId, workspaceId))
			.groupBy(customerLevelTallies.touchpointId),
		db
			.select({ id: staffAssessments.touchpointId, mean: score(staffAssessments.level) })
			.from(staffAssessments)
			.innerJoin(touchpoints, eq(touchpoints.id, staffAssessments.touchpointId))
			.where(eq(touchpoints.workspaceId, workspaceId))
			.groupBy(staffAssessments.touchpointId)
	]);
	const round = (value: number) => Math.round(value * 100) / 100;
	const summaries = new Map<string, VoiceSummary>();
	for (const row of customers) {
		summaries.set(row.id, {
			answers: row.answers,
			customerMean: round(row.mean),
			staffMean: null,
			gap: null
		});
	}
	for (const row of staff) {
		const summary = summaries.get(row.id) ?? {
			answers: 0,
			customerMean: null,
			staffMean: null,
			gap: null
		};
		summary.staffMean = round(row.mean);
		summaries.set(row.id, summary);
	}
	for (const summary of summaries.values())
		summary.gap = gapOf(summary.customerMean, summary.staffMean).value;
	return summaries;
}
