// The customer experience export: per touchpoint, what customers answered (the four levels), the
// staff's view, the gap and the improvement actions, for the CSV and the printable page.
import { eq, sql } from 'drizzle-orm';
import { gapOf, LEVELS, type Level } from '$lib/voice/model';
import type { Db } from '../db';
import { improvementActions, touchpoints } from '../db/schema';
import { requireAllowed } from '../policies';
import { levelCountsByTouchpoint } from './figures';
import { voiceByTouchpoint } from './register';

export type ExperienceRow = {
	id: string;
	name: string;
	answers: number;
	counts: Record<Level, number>;
	customerMean: number | null;
	staffMean: number | null;
	gap: number | null;
	actionsOpen: number;
	actionsDone: number;
};

/** Every touchpoint of the workspace, largest gap first (unmeasured last, by name). */
export async function experienceRows(
	db: Db,
	userId: string,
	workspaceId: string
): Promise<ExperienceRow[]> {
	await requireAllowed(db, userId, workspaceId, 'read');
	const [all, levels, actions, voice] = await Promise.all([
		db
			.select({ id: touchpoints.id, name: touchpoints.name })
			.from(touchpoints)
			.where(eq(touchpoints.workspaceId, workspaceId)),
		levelCountsByTouchpoint(db, workspaceId),
		db
			.select({
				id: improvementActions.touchpointId,
				open: sql<number>`(count(*) filter (where ${improvementActions.status} <> 'done'))::int`,
				done: sql<number>`(count(*) filter (where ${improvementActions.status} = 'done'))::int`
			})
			.from(improvementActions)
			.where(eq(improvementActions.workspaceId, workspaceId))
			.groupBy(improvementActions.touchpointId),
		voiceByTouchpoint(db, workspaceId)
	]);
	const rows = all.map((touchpoint): ExperienceRow => {
		const counts = Object.fromEntries(LEVELS.map((level) => [level, 0])) as Record<Level, number>;
		for (const row of levels) if (row.id === touchpoint.id) counts[row.level] = row.count;
		const summary = voice.get(touchpoint.id);
		const action = actions.find((row) => row.id === touchpoint.id);
		return {
			id: touchpoint.id,
			name: touchpoint.name,
			answers: summary?.answers ?? 0,
			counts,
			customerMean: summary?.customerMean ?? null,
			staffMean: summary?.staffMean ?? null,
			gap: gapOf(summary?.customerMean ?? null, summary?.staffMean ?? null).value,
			actionsOpen: action?.open ?? 0,
			actionsDone: action?.done ?? 0
		};
	});
	return rows.sort(
		(a, b) =>
			(b.gap ?? -Infinity) - (a.gap ?? -Infinity) ||
			b.answers - a.answers ||
			a.name.localeCompare(b.name)
	);
}
