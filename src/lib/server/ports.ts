// The two ports domain code reaches rooms and the live-session stream through. The composition
// root (./app.ts) installs their implementations at start-up: the process's sync server and
// in-process events today, instances sharing them over Redis later; domain code does not change.
// Until then (a script, a test of the domain without a server) rooms are changed in the store
// directly and events stay in the process.
import type * as Y from 'yjs';
import type { SessionTopic } from '$lib/sessions/types';
import { db as appDb, type Db } from './db';
import { changeStoredDocument, readDocument } from './sync/documents';
import type { SyncServer } from './sync';
import { LocalSessionEvents } from './sessions/live';

/** The app's Yjs rooms as domain code uses them. */
export type Rooms = {
	/** Changes a room's document; resolves once the change is stored and sent to the room. */
	change(roomName: string, fn: (doc: Y.Doc) => void): Promise<void>;
	/** Reads a room's stored document (everything anyone in the room has been sent). */
	read<T>(roomName: string, read: (doc: Y.Doc) => T): Promise<T>;
	/** Makes open connections to rooms named `roomNameOrPrefix…` check their access again; resolves with how many closed. */
	reauthorize(roomNameOrPrefix: string): Promise<number>;
	/** The same for every connection of one user (or guest, by participant id). */
	reauthorizeUser(userId: string): Promise<number>;
	/** Changes every room named `prefix…` that someone has open; resolves with how many. */
	changeOpenRooms(prefix: string, fn: (doc: Y.Doc) => void): Promise<number>;
};

export type SessionListener = (topic: SessionTopic) => void;

/** The live-session stream: what changed in a session, and who has a screen of it open. */
export type Events = {
	/** Tells every open screen of a session that `topic` changed. */
	publish(sessionId: string, topic: SessionTopic): void;
	/** Listens to a session's changes; returns the function that stops listening. */
	subscribe(sessionId: string, listener: SessionListener): () => void;
	/** Marks a participant present while a live connection is open; returns the release. */
	trackPresence(sessionId: string, participantId: string): () => void;
	/** Ids of the participants with a live connection to the session now. */
	presentParticipants(sessionId: string): Promise<Set<string>>;
};

/** Rooms served by `server`; reads go to the store, which holds everything the server sent. */
export function syncServerRooms(server: SyncServer, db: Db = appDb): Rooms {
	return {
		change: (roomName, fn) => server.change(roomName, fn),
		read: (roomName, read) => readDocument(db, roomName, read),
		reauthorize: (prefix) => server.reauthorize(prefix),
		reauthorizeUser: (userId) => server.reauthorizeUser(userId),
		changeOpenRooms: (prefix, fn) => server.changeOpenRooms(prefix, fn)
	};
}

/** Rooms with no server: changes go straight to the store, and no room is ever open. */
export function storedRooms(db: Db = appDb): Rooms {
	return {
		change: (roomName, fn) => changeStoredDocument(db, roomName, fn),
		read: (roomName, read) => readDocument(db, roomName, read),
		reauthorize: () => Promise.resolve(0),
		reauthorizeUser: () => Promise.resolve(0),
		changeOpenRooms: () => Promise.resolve(0)
	};
}

type Ports = { rooms: Rooms; events: Events };

let installed: Ports = { rooms: storedRooms(), events: new LocalSessionEvents() };

/** Puts implementations behind the ports (the composition root, and tests); returns the undo. */
export function installPorts(ports: Partial<Ports>): () => void {
	const before = installed;
	installed = { ...installed, ...ports };
	return () => {
		installed = before;
	};
}

/** The app's rooms, as installed. */
export const rooms: Rooms = {
	change: (roomName, fn) => installed.rooms.change(roomName, fn),
	read: (roomName, read) => installed.rooms.read(roomName, read),
	reauthorize: (prefix) => installed.rooms.reauthorize(prefix),
	reauthorizeUser: (userId) => installed.rooms.reauthorizeUser(userId),
	changeOpenRooms: (prefix, fn) => installed.rooms.changeOpenRooms(prefix, fn)
};

/** The app's live-session stream, as installed. */
export const events: Events = {
	publish: (sessionId, topic) => installed.events.publish(sessionId, topic),
	subscribe: (sessionId, listener) => installed.events.subscribe(sessionId, listener),
	trackPresence: (sessionId, participantId) =>
		installed.events.trackPresence(sessionId, participantId),
	presentParticipants: (sessionId) => installed.events.presentParticipants(sessionId)
};
