// The Yjs room of a portrait (kind `portrait`): its prose sections and evidence, edited together.
// Admins, facilitators and members write; readers read; a session guest writes only in the rooms
// of portraits linked to their session; everyone else is refused. The portrait must exist in the
// workspace the room name encodes.
import { and, eq } from 'drizzle-orm';
import { portraits } from '../db/schema';
import type { RoomAccess, RoomKindRegistry, RoomPolicyContext } from '../sync';
import { portraitSubject, roomActor, roomRight } from '../policies';
import { overLongPortraitTexts } from './repair';

async function authorizePortraitRoom(ctx: RoomPolicyContext): Promise<RoomAccess | null> {
	const { db, address } = ctx;
	const [portrait] = await db
		.select({ id: portraits.id, workspaceId: portraits.workspaceId })
		.from(portraits)
		.where(and(eq(portraits.id, address.objectId), eq(portraits.workspaceId, address.workspaceId)));
	if (!portrait) return null;
	const actor = roomActor(ctx);
	return roomRight(actor, await portraitSubject(db, actor, portrait), {
		write: 'edit',
		read: 'read'
	});
}

/** Registers the portrait room kind. */
export function registerPortraitRooms(kinds: RoomKindRegistry): void {
	if (!kinds.get('portrait'))
		kinds.register('portrait', { authorize: authorizePortraitRoom, repair: overLongPortraitTexts });
}
