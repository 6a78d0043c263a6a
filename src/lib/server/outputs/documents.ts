// How outputs reach a session's Yjs documents (board, criteria, draft). Passed in as a parameter,
// so reports, exports and imports run in tests without a sync server.
import * as Y from 'yjs';
import { sessionRoomName, type SessionRoomKind } from '../sessions/rooms';
import { getSyncServer, type SyncServer } from '../sync';

/**
 * Runs `fn` on one of a session's documents. What `fn` changes is stored and sent to every client
 * of the room; a function that only reads changes nothing.
 */
export type SessionDocs = (
	session: { id: string; workspaceId: string },
	kind: SessionRoomKind,
	fn: (doc: Y.Doc) => void
) => Promise<void>;

/** The session documents of one sync server. */
export function sessionDocsOf(server: () => SyncServer): SessionDocs {
	return (session, kind, fn) => server().change(sessionRoomName(session, kind), fn);
}

/** The session documents of the process's sync server. */
export const syncSessionDocs: SessionDocs = sessionDocsOf(getSyncServer);

/** Reads something out of a session document. */
export async function readDoc<T>(
	docs: SessionDocs,
	session: { id: string; workspaceId: string },
	kind: SessionRoomKind,
	read: (doc: Y.Doc) => T
): Promise<T> {
	let result: { value: T } | undefined;
	await docs(session, kind, (doc) => {
		result = { value: read(doc) };
	});
	if (!result) throw new Error(`the ${kind} document of session ${session.id} was not read`);
	return result.value;
}

/** Seeds a room with a whole document state (from an import), as a stored, broadcast change. */
export function applyRoomState(
	docs: SessionDocs,
	session: { id: string; workspaceId: string },
	kind: SessionRoomKind,
	state: Uint8Array
): Promise<void> {
	return docs(session, kind, (doc) => Y.applyUpdate(doc, state));
}
