// The process's sync server. It lives on globalThis under a registered symbol, so the production
// entry (server.js) finds it for upgrades and shutdown, and a dev-server module reload reuses it.
import { migrateDatabase } from '../db';
import { registerRoomKinds } from '../room-kinds';
import { sessionGuestSync } from '../sessions/sync-guests';
import { roomKinds } from './kinds';
import { createSyncServer, type SyncServer } from './server';

export { createSyncServer, type SyncServer, type SyncServerStats } from './server';
export type { AuthenticatedGuest, SyncIdentity } from './authenticate';
export {
	defaultConfiguration,
	type SyncConfig,
	type SyncConfigOverrides,
	type SyncHooks,
	type SyncLimits
} from './config';
export {
	roomKinds,
	RoomKindRegistry,
	type RoomAccess,
	type RoomGuest,
	type RoomKindPolicy,
	type RoomPolicyContext
} from './kinds';

const SYNC_SERVER = Symbol.for('focusboard.sync');

type SyncServerHolder = { [SYNC_SERVER]?: SyncServer };

/** The process-wide sync server, created (and registered for server.js) on first call. */
export function getSyncServer(): SyncServer {
	// globalThis has no declared symbol keys; this one is ours.
	const holder = globalThis as SyncServerHolder;
	if (!holder[SYNC_SERVER]) {
		registerRoomKinds(roomKinds);
		holder[SYNC_SERVER] = createSyncServer({ ...sessionGuestSync, ready: migrateDatabase() });
	}
	return holder[SYNC_SERVER];
}
