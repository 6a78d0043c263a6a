// The register of a workspace, derived on request from the stored journey map documents (the
// store of record) and the touchpoint rows: see `$lib/touchpoints/register` for the rules.
import { asc, eq } from 'drizzle-orm';
import { deriveRegister, type Register } from '$lib/touchpoints/register';
import type { VoiceSummary } from '$lib/voice/model';
import { voiceByTouchpoint } from '../voice/register';
import type { Db } from '../db';
import { journeyMaps, portraits } from '../db/schema';
import { loadMapStates } from '../journeys/documents';
import { touchpointSummaries } from './touchpoints';
import { requireAllowed } from '../policies';

/** The register with coverage, for any member of the workspace. */
export async function buildRegister(
	db: Db,
	userId: string,
	workspaceId: string
): Promise<Register> {
	await requireAllowed(db, userId, workspaceId, 'read');
	const rows = await touchpointSummaries(db, workspaceId);
	const maps = await db
		.select({
			id: journeyMaps.id,
			workspaceId: journeyMaps.workspaceId,
			title: journeyMaps.title,
			portraitId: journeyMaps.portraitId,
			portraitName: portraits.name
		})
		.from(journeyMaps)
		.innerJoin(portraits, eq(portraits.id, journeyMaps.portraitId))
		.where(eq(journeyMaps.workspaceId, workspaceId))
		.orderBy(asc(journeyMaps.createdAt), asc(journeyMaps.id));
	const [states, voice] = await Promise.all([
		loadMapStates(db, maps),
		voiceByTouchpoint(db, workspaceId)
	]);
	return withVoice(
		deriveRegister(
			rows,
			maps.flatMap((map) => {
				const state = states.get(map.id);
				return state
					? [
							{
								mapId: map.id,
								title: map.title,
								portraitId: map.portraitId,
								portraitName: map.portraitName,
								state
							}
						]
					: [];
			})
		),
		voice
	);
}

/** The register with each row's measured experience (customers, staff, gap) where there is one. */
function withVoice(register: Register, voice: Map<string, VoiceSummary>): Register {
	return {
		...register,
		rows: register.rows.map((row) => {
			const summary = voice.get(row.id);
			return summary ? { ...row, voice: summary } : row;
		})
	};
}
