// The voice of the customer section of a session report.
import { eq } from 'drizzle-orm';
import { MIN_ANSWERS, type VoiceReport } from '$lib/voice/model';
import type { Db } from '../db';
import { journeyMaps, sessionJourneyMaps } from '../db/schema';
import { loadMapStates } from '../journeys/documents';
import { experienceRows } from './experience';

/** What the report shows of customers' answers, for a member who may read the session's report. */
export async function voiceReport(
	db: Db,
	userId: string,
	workspaceId: string,
	sessionId: string
): Promise<VoiceReport> {
	const maps = await db
		.select({ id: journeyMaps.id, workspaceId: journeyMaps.workspaceId })
		.from(sessionJourneyMaps)
		.innerJoin(journeyMaps, eq(journeyMaps.id, sessionJourneyMaps.journeyMapId))
		.where(eq(sessionJourneyMaps.sessionId, sessionId));
	const rows = await experienceRows(db, userId, workspaceId);
	const placed = new Set<string>();
	for (const state of (await loadMapStates(db, maps)).values())
		for (const card of state.cards) if (card.kind === 'touchpoint') placed.add(card.touchpointId);
	const scope = maps.length ? 'maps' : 'workspace';
	return {
		scope,
		rows: rows
			.filter((row) =>
				scope === 'maps' ? placed.has(row.id) : row.answers > 0 || row.staffMean !== null
			)
			.map((row) => ({
				name: row.name,
				answers: row.answers,
				tooFew: row.answers < MIN_ANSWERS,
				customerMean: row.customerMean,
				staffMean: row.staffMean,
				gap: row.gap,
				actionsOpen: row.actionsOpen,
				actionsDone: row.actionsDone
			}))
	};
}
