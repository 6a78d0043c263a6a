// Every kind of Yjs room the application has, registered in one place before the sync server
// starts, so dev (Vite) and production (server.js) serve the same rooms.
import type { RoomKindRegistry } from './sync/kinds';
import { registerJourneyRooms } from './journeys/rooms';
import { registerPortraitRooms } from './portraits/rooms';
import { registerSessionRooms } from './sessions/rooms';

/** Registers the application's room kinds (idempotent). */
export function registerRoomKinds(kinds: RoomKindRegistry): void {
	registerSessionRooms(kinds);
	registerPortraitRooms(kinds);
	registerJourneyRooms(kinds);
}
