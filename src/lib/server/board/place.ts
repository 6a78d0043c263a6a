import { addDefinitionCards } from '$lib/board/doc';
import type { RevealedDefinition } from '../sessions/definitions';
import { rooms } from '../ports';
import { sessionRoomName } from '../sessions/rooms';

/** Places revealed definitions on the session's grouping board (a server-side, stored change). */
export async function placeDefinitionsOnBoard(
	session: { id: string; workspaceId: string },
	definitions: RevealedDefinition[]
): Promise<void> {
	await rooms.change(sessionRoomName(session, 'board'), (doc) => {
		addDefinitionCards(doc, definitions);
	});
}
