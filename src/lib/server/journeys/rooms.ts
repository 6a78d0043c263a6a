// The Yjs room of a journey map (kind `journey`): stages, lanes and cards, edited together.
// Editors (admin, facilitator, member) write, readers read; a guest gets in only to a map linked
// to their session; a locked map is read-only for everyone. Lock and link changes reauthorise the
// open connections, so a downgrade reaches people already in the room. Texts a client writes over
// their limits are cut back by the server (overLongAfter).
import { and, eq } from 'drizzle-orm';
import { markTouchpointChanged, overLongAfter } from '$lib/journeys/doc';
import { buildRoomName, roomNamePrefix } from '$lib/sync/room';
import type { DbOrTx } from '../db';
import { journeyMaps, sessionJourneyMaps, strategySessions } from '../db/schema';
import { runningSyncServer } from '../sessions/rooms';
import type { RoomAccess, RoomKindRegistry, RoomPolicyContext } from '../sync';
import { EDITING_ROLES } from '../workspaces/access';

/** The room kind of journey maps. */
export const JOURNEY_ROOM_KIND = 'journey';

/** Room name (and storage key) of a map's document. */
export function journeyRoomName(map: { id: string; workspaceId: string }): string {
	return buildRoomName({ workspaceId: map.workspaceId, kind: JOURNEY_ROOM_KIND, objectId: map.id });
}

/** True when the map is linked to the session and both belong to `workspaceId`. */
export async function isMapLinkedToSession(
	db: DbOrTx,
	workspaceId: string,
	mapId: string,
	sessionId: string
): Promise<boolean> {
	const [row] = await db
		.select({ mapId: sessionJourneyMaps.journeyMapId })
		.from(sessionJourneyMaps)
		.innerJoin(strategySessions, eq(strategySessions.id, sessionJourneyMaps.sessionId))
		.where(
			and(
				eq(sessionJourneyMaps.sessionId, sessionId),
				eq(sessionJourneyMaps.journeyMapId, mapId),
				eq(strategySessions.workspaceId, workspaceId)
			)
		);
	return row !== undefined;
}

async function authoriseJourneyRoom({
	db,
	membership,
	guest,
	address
}: RoomPolicyContext): Promise<RoomAccess | null> {
	const [map] = await db
		.select({ locked: journeyMaps.locked })
		.from(journeyMaps)
		.where(
			and(eq(journeyMaps.id, address.objectId), eq(journeyMaps.workspaceId, address.workspaceId))
		);
	if (!map) return null;
	if (guest) {
		const linked = await isMapLinkedToSession(
			db,
			address.workspaceId,
			address.objectId,
			guest.sessionId
		);
		if (!linked) return null;
		return map.locked ? 'read' : 'write';
	}
	if (!membership) return null;
	const edits = (EDITING_ROLES as readonly string[]).includes(membership.role);
	return edits && !map.locked ? 'write' : 'read';
}

/** Registers the journey room kind. */
export function registerJourneyRooms(kinds: RoomKindRegistry): void {
	if (!kinds.get(JOURNEY_ROOM_KIND))
		kinds.register(JOURNEY_ROOM_KIND, { authorise: authoriseJourneyRoom, repair: overLongAfter });
}

/** After a lock, link or delete, makes open connections to the map's room check their access again. */
export async function reauthoriseJourneyRoom(map: {
	id: string;
	workspaceId: string;
}): Promise<void> {
	await runningSyncServer()?.reauthorise(journeyRoomName(map));
}

/**
 * Tells the open maps of the workspace that place a touchpoint that it changed (or was deleted),
 * so the people looking at them see its owner and rule as they are now. A failure is logged and
 * swallowed: the change itself is committed, and a map opened later reads it anyway.
 */
export function announceTouchpointChange(
	workspaceId: string,
	touchpointId: string,
	revision: number
): Promise<void> {
	return announceTouchpointChanges(workspaceId, [{ id: touchpointId, revision }]);
}

/** The same for several touchpoints at once: one change to each open map. */
export async function announceTouchpointChanges(
	workspaceId: string,
	changed: { id: string; revision: number }[]
): Promise<void> {
	if (changed.length === 0) return;
	try {
		await runningSyncServer()?.changeOpenRooms(
			roomNamePrefix(workspaceId, JOURNEY_ROOM_KIND),
			(doc) => {
				for (const touchpoint of changed)
					markTouchpointChanged(doc, touchpoint.id, touchpoint.revision);
			}
		);
	} catch (error) {
		const ids = changed.map((touchpoint) => touchpoint.id).join(', ');
		console.error(`announcing touchpoints ${ids} to open maps failed`, error);
	}
}
