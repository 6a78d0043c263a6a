// The Yjs room of a journey map (kind `journey`): stages, lanes and cards, edited together.
// Editors (admin, facilitator, member) write, readers read; a guest gets in only to a map linked
// to their session; a locked map is read-only for everyone. Lock and link changes reauthorize the
// open connections, so a downgrade reaches people already in the room. Texts a client writes over
// their limits are cut back by the server (overLongAfter).
import { and, eq } from 'drizzle-orm';
import { markTouchpointChanged } from './map-writes';
import { overLongAfter } from './repair';
import { buildRoomName, roomNamePrefix } from '$lib/sync/room';
import { journeyMaps } from '../db/schema';
import { mapSubject, roomActor, roomRight } from '../policies';
import { rooms } from '../ports';
import type { RoomAccess, RoomKindRegistry, RoomPolicyContext } from '../sync';

/** The room kind of journey maps. */
export const JOURNEY_ROOM_KIND = 'journey';

/** Room name (and storage key) of a map's document. */
export function journeyRoomName(map: { id: string; workspaceId: string }): string {
	return buildRoomName({ workspaceId: map.workspaceId, kind: JOURNEY_ROOM_KIND, objectId: map.id });
}

export { isMapLinkedToSession } from '../policies';

async function authorizeJourneyRoom(ctx: RoomPolicyContext): Promise<RoomAccess | null> {
	const { db, address } = ctx;
	const [map] = await db
		.select({
			id: journeyMaps.id,
			workspaceId: journeyMaps.workspaceId,
			locked: journeyMaps.locked
		})
		.from(journeyMaps)
		.where(
			and(eq(journeyMaps.id, address.objectId), eq(journeyMaps.workspaceId, address.workspaceId))
		);
	if (!map) return null;
	const actor = roomActor(ctx);
	return roomRight(actor, await mapSubject(db, actor, map), { write: 'edit', read: 'read' });
}

/** Registers the journey room kind. */
export function registerJourneyRooms(kinds: RoomKindRegistry): void {
	if (!kinds.get(JOURNEY_ROOM_KIND))
		kinds.register(JOURNEY_ROOM_KIND, { authorize: authorizeJourneyRoom, repair: overLongAfter });
}

/** After a lock, link or delete, makes open connections to the map's room check their access again. */
export async function reauthorizeJourneyRoom(map: {
	id: string;
	workspaceId: string;
}): Promise<void> {
	await rooms.reauthorize(journeyRoomName(map));
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
		await rooms.changeOpenRooms(roomNamePrefix(workspaceId, JOURNEY_ROOM_KIND), (doc) => {
			for (const touchpoint of changed)
				markTouchpointChanged(doc, touchpoint.id, touchpoint.revision);
		});
	} catch (error) {
		const ids = changed.map((touchpoint) => touchpoint.id).join(', ');
		console.error(`announcing touchpoints ${ids} to open maps failed`, error);
	}
}
