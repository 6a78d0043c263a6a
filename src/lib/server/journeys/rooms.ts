// The Yjs room of a journey map (kind `journey`): stages, lanes and cards, edited together.
import type { RoomAccess, RoomKindRegistry, RoomPolicyContext } from '../sync';

async function authoriseJourneyRoom(_ctx: RoomPolicyContext): Promise<RoomAccess | null> {
	return null; // TODO(issue 5): members write unless locked, readers read, guests of a linked session
}

/** Registers the journey room kind. */
export function registerJourneyRooms(kinds: RoomKindRegistry): void {
	if (!kinds.get('journey')) kinds.register('journey', { authorise: authoriseJourneyRoom });
}
