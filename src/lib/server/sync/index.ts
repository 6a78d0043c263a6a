// The sync server and what it is configured with. It knows nothing of the domain areas: they
// register their room kinds and policies through the composition root (src/lib/server/app.ts).
export { createSyncServer, type SyncServer, type SyncServerStats } from './server';
export type { AuthenticatedGuest, SyncIdentity } from './authenticate';
export type { FindMembership } from './authorize';
export {
	defaultConfiguration,
	type SyncConfig,
	type SyncConfigOverrides,
	type SyncHooks,
	type SyncLimits
} from './config';
export {
	RoomKindRegistry,
	type RoomAccess,
	type RoomGuest,
	type RoomKindPolicy,
	type RoomPolicyContext
} from './kinds';
export type { RelayListener, RoomRelay } from './relay';
