// The Yjs room of a portrait (kind `portrait`): its prose sections and evidence, edited together.
// Admins, facilitators and members write; readers read; a session guest writes only in the rooms
// of portraits linked to their session; everyone else is refused. The portrait must exist in the
// workspace the room name encodes.
import { and, eq } from 'drizzle-orm';
import { portraits } from '../db/schema';
import type { RoomAccess, RoomKindRegistry, RoomPolicyContext } from '../sync';
import { isEditingRole, isLinkedToSession } from './access';
import { overLongPortraitTexts } from './repair';

async function authorisePortraitRoom({
	db,
	membership,
	guest,
	address
}: RoomPolicyContext): Promise<RoomAccess | null> {
	const [portrait] = await db
		.select({ id: portraits.id })
		.from(portraits)
		.where(and(eq(portraits.id, address.objectId), eq(portraits.workspaceId, address.workspaceId)));
	if (!portrait) return null;
	if (guest)
		return (await isLinkedToSession(db, portrait.id, guest.sessionId, address.workspaceId))
			? 'write'
			: null;
	if (!membership) return null;
	return isEditingRole(membership.role) ? 'write' : 'read';
}

/** Registers the portrait room kind. */
export function registerPortraitRooms(kinds: RoomKindRegistry): void {
	if (!kinds.get('portrait'))
		kinds.register('portrait', { authorise: authorisePortraitRoom, repair: overLongPortraitTexts });
}
