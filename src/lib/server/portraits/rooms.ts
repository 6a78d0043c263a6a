// The Yjs room of a portrait (kind `portrait`): its prose sections, edited together.
import type { RoomAccess, RoomKindRegistry, RoomPolicyContext } from '../sync';

async function authorisePortraitRoom(_ctx: RoomPolicyContext): Promise<RoomAccess | null> {
	return null; // TODO(issue 5): members write, readers read, guests of a linked session
}

/** Registers the portrait room kind. */
export function registerPortraitRooms(kinds: RoomKindRegistry): void {
	if (!kinds.get('portrait')) kinds.register('portrait', { authorise: authorisePortraitRoom });
}
