// How outputs reach a session's Yjs documents (board, criteria, draft). Passed in as a parameter,
// so reports, exports and imports run in tests on documents in memory.
import * as Y from 'yjs';
import { rooms as appRooms, type Rooms } from '../ports';
import { sessionRoomName, type SessionRoomKind } from '../sessions/rooms';

type SessionRef = { id: string; workspaceId: string };

/** A session's documents: changed in their rooms, read from the store. */
export type SessionDocs = {
	/** Runs `fn` on one of a session's documents; what it changes is stored and sent to the room. */
	change(session: SessionRef, kind: SessionRoomKind, fn: (doc: Y.Doc) => void): Promise<void>;
	/** Reads something out of one of a session's documents. */
	read<T>(session: SessionRef, kind: SessionRoomKind, read: (doc: Y.Doc) => T): Promise<T>;
};

/** The session documents of `rooms`. */
export function sessionDocsOf(rooms: Pick<Rooms, 'change' | 'read'>): SessionDocs {
	return {
		change: (session, kind, fn) => rooms.change(sessionRoomName(session, kind), fn),
		read: (session, kind, read) => rooms.read(sessionRoomName(session, kind), read)
	};
}

/** The session documents of the app's rooms. */
export const syncSessionDocs: SessionDocs = sessionDocsOf(appRooms);

/** Reads something out of a session document. */
export function readDoc<T>(
	docs: SessionDocs,
	session: SessionRef,
	kind: SessionRoomKind,
	read: (doc: Y.Doc) => T
): Promise<T> {
	return docs.read(session, kind, read);
}

/** Seeds a room with a whole document state (from an import), as a stored, broadcast change. */
export function applyRoomState(
	docs: SessionDocs,
	session: SessionRef,
	kind: SessionRoomKind,
	state: Uint8Array
): Promise<void> {
	return docs.change(session, kind, (doc) => Y.applyUpdate(doc, state));
}
