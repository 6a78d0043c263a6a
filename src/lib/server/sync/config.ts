// Configuration of the sync server: the hooks it is assembled from, its limits and its timings.
// `createSyncServer` takes overrides of any part; tests swap hooks and registries, not code.
import { readConfig } from '../config';
import { db, type Db } from '../db';
import type { SessionUser } from '../auth/session';
import { authenticateToken, type AuthenticatedGuest } from './authenticate';
import { authorizeRoom, type AuthorizeRoomInput, type FindMembership } from './authorize';
import { RoomKindRegistry, type RoomAccess } from './kinds';
import type { RoomRelay } from './relay';
import {
	appendUpdates,
	compactStoredDocument,
	loadStoredDocument,
	type CompactionResult,
	type StoredDocument,
	type UpdateRow
} from './storage';

/** The steps a connection goes through, each replaceable. */
export type SyncHooks = {
	/** Who a session token belongs to; null refuses the upgrade with 401. */
	authenticate(input: { db: Db; token: string }): Promise<SessionUser | null>;
	/**
	 * Who a guest cookie token belongs to, asked only when there is no valid account session (and
	 * again on every reauthorize); null refuses the upgrade with 401.
	 */
	authenticateGuest(input: { db: Db; token: string }): Promise<AuthenticatedGuest | null>;
	/** A user's membership of a room's workspace; null refuses the upgrade with 403. */
	findMembership: FindMembership;
	/** Access to a room; null refuses the upgrade with 403. */
	authorizeRoom(input: AuthorizeRoomInput): Promise<RoomAccess | null>;
	/** Reads a document's snapshot and log; a throw fails the load closed. */
	loadDocument(input: { db: Db; roomName: string }): Promise<StoredDocument>;
	/** Appends updates (several documents, arrival order); a throw keeps them pending and retries. */
	storeUpdates(input: { db: Db; rows: UpdateRow[] }): Promise<void>;
	/** Folds a document's log into its snapshot; null when there was nothing to fold. */
	compactDocument(input: { db: Db; roomName: string }): Promise<CompactionResult | null>;
	/** Called after a connection closed, with the close code it got. */
	onDisconnect(input: { user: SessionUser; roomName: string; code: number }): void;
};

/** Bounds that keep one client from hurting the others; exceeding one closes that client with a named code. */
export type SyncLimits = {
	/** Largest WebSocket message accepted, in bytes. */
	maxMessageBytes: number;
	/** Largest document, in bytes of stored state (snapshot plus log), beyond which updates are refused. */
	maxDocumentBytes: number;
	/** Connections one room holds. */
	maxConnectionsPerRoom: number;
	/** Sustained messages per second per connection. */
	maxMessagesPerSecond: number;
	/** Messages a connection may send at once above the sustained rate. */
	messageBurst: number;
	/**
	 * Sustained awareness messages per second per connection that change no presence (a stock client
	 * sends every peer's change back, so its echoes grow with the room's traffic, not its own). They
	 * are counted here instead of against `maxMessagesPerSecond`.
	 */
	maxEchoesPerSecond: number;
	/** Such echoes a connection may send at once above their sustained rate. */
	echoBurst: number;
	/** Bytes queued for a slow receiver before it is closed. */
	maxBufferedBytes: number;
	/** Bytes of accepted, not yet stored updates across all documents; beyond it new updates are refused. */
	maxPendingBytes: number;
	/** Awareness client ids one connection may announce. */
	maxClientIdsPerConnection: number;
	/** Largest awareness state of one client, as the JSON the client sent, in bytes. */
	maxAwarenessStateBytes: number;
	/** Deepest nesting of objects and arrays in an awareness state (the state object itself is depth 1). */
	maxAwarenessDepth: number;
	/** Most values (objects, arrays, keys' values, array items, the state itself) in one awareness state. */
	maxAwarenessValues: number;
	/**
	 * Highest clock an update may reach: the end of any of its structs or deleted ranges. Crafted run
	 * lengths near 2^53 lose precision and are the lever of yjs issue 687; no real client gets close.
	 */
	maxUpdateClock: number;
	/**
	 * Updates in a row that depend on content the server does not have. Their dependent part is
	 * dropped and the sender asked to sync again (a stock client's edits can race its resync after a
	 * reconnect); beyond this many the sender is closed with BadUpdate.
	 */
	maxGappedUpdates: number;
	/** Rows per store statement. */
	maxBatchRows: number;
	/** Bytes per store statement. */
	maxBatchBytes: number;
	/** Store statements in flight at once (each holds other documents' updates). */
	maxBatchesInFlight: number;
};

/** How long things wait. */
export type SyncTimings = {
	/** A room empty this long is unloaded from memory. */
	idleUnloadMs: number;
	/** Authenticating and loading before the upgrade may take this long. */
	upgradeTimeoutMs: number;
	/** First retry delay after a failed store; doubles up to `storeRetryMaxMs`. */
	storeRetryMinMs: number;
	/** Longest delay between store retries. */
	storeRetryMaxMs: number;
	/** Interval of pings and keep-alive messages; a connection silent for two intervals is dropped. */
	heartbeatMs: number;
	/** On shutdown, how long to wait for pending updates to be stored. */
	shutdownFlushMs: number;
};

/** When a document's log is folded into its snapshot. */
export type CompactionSettings = {
	/** Compact a loaded document once its log has this many rows. */
	afterUpdates: number;
	/** …or this many bytes. */
	afterBytes: number;
	/** Compact a document being unloaded when its log has at least this many rows. */
	onUnloadAfterUpdates: number;
};

/** Where the server reports problems. */
export type SyncLogger = {
	/** Something failed and was handled (retry, refused client). */
	warn(message: string, error?: unknown): void;
	/** Something failed that needs attention. */
	error(message: string, error?: unknown): void;
};

/** Everything `createSyncServer` is built from. */
export type SyncConfig = {
	/** Database of the app. */
	db: Db;
	/** Public origin of the app; the upgrade's Origin must equal it. Undefined: Origin host must equal Host. */
	origin: string | undefined;
	/** Cookie that session guests present, resolved by `hooks.authenticateGuest`; null: accounts only. */
	guestCookie: string | null;
	/** Policies by room kind. */
	kinds: RoomKindRegistry;
	/** The connection pipeline. */
	hooks: SyncHooks;
	/** Bounds. */
	limits: SyncLimits;
	/** Timings. */
	timings: SyncTimings;
	/** Compaction thresholds. */
	compaction: CompactionSettings;
	/** Problem reports. */
	log: SyncLogger;
	/** Awaited before the first upgrade is served (e.g. migrations). */
	ready?: Promise<void>;
	/** Other instances sharing the rooms (./relay.ts); none: this process is the only one. */
	relay?: RoomRelay | null;
};

/** Overrides of a `SyncConfig`; nested groups may be given in part. */
export type SyncConfigOverrides = Partial<
	Omit<SyncConfig, 'hooks' | 'limits' | 'timings' | 'compaction'>
> & {
	hooks?: Partial<SyncHooks>;
	limits?: Partial<SyncLimits>;
	timings?: Partial<SyncTimings>;
	compaction?: Partial<CompactionSettings>;
};

/**
 * The hooks production uses: sessions and kind policies, Postgres storage. Memberships and guests
 * are the domain areas' to resolve; the composition root (src/lib/server/app.ts) wires them in
 * (by default nobody is a member and there are no guests).
 */
export const defaultHooks: SyncHooks = {
	authenticate: authenticateToken,
	authenticateGuest: () => Promise.resolve(null),
	findMembership: () => Promise.resolve(null),
	authorizeRoom,
	loadDocument: ({ db, roomName }) => loadStoredDocument(db, roomName),
	storeUpdates: ({ db, rows }) => appendUpdates(db, rows),
	compactDocument: ({ db, roomName }) => compactStoredDocument(db, roomName),
	onDisconnect: () => {}
};

const MiB = 1024 * 1024;

/** The production configuration. */
export const defaultConfiguration: SyncConfig = {
	db,
	origin: readConfig().origin,
	guestCookie: null,
	kinds: new RoomKindRegistry(),
	hooks: defaultHooks,
	limits: {
		maxMessageBytes: MiB,
		maxDocumentBytes: 32 * MiB,
		maxConnectionsPerRoom: 250,
		maxMessagesPerSecond: 200,
		messageBurst: 400,
		maxEchoesPerSecond: 2000,
		echoBurst: 10_000,
		maxBufferedBytes: 16 * MiB,
		maxPendingBytes: 64 * MiB,
		maxClientIdsPerConnection: 4,
		maxAwarenessStateBytes: 16 * 1024,
		// Our editors' carets nest four deep (state, cursor, anchor, item) with about 20 values.
		maxAwarenessDepth: 16,
		maxAwarenessValues: 512,
		maxUpdateClock: 2 ** 32,
		maxGappedUpdates: 20,
		maxBatchRows: 5000,
		maxBatchBytes: 8 * MiB,
		maxBatchesInFlight: 4
	},
	timings: {
		idleUnloadMs: 30_000,
		upgradeTimeoutMs: 10_000,
		storeRetryMinMs: 50,
		storeRetryMaxMs: 5_000,
		heartbeatMs: 10_000,
		shutdownFlushMs: 8_000
	},
	compaction: { afterUpdates: 500, afterBytes: 4 * MiB, onUnloadAfterUpdates: 50 },
	log: {
		warn: (message, error) => console.warn(`[sync] ${message}`, error ?? ''),
		error: (message, error) => console.error(`[sync] ${message}`, error ?? '')
	}
};

/** `base` with `overrides` applied, group by group. */
export function resolveConfig(
	overrides: SyncConfigOverrides = {},
	base: SyncConfig = defaultConfiguration
): SyncConfig {
	return {
		...base,
		...overrides,
		hooks: { ...base.hooks, ...overrides.hooks },
		limits: { ...base.limits, ...overrides.limits },
		timings: { ...base.timings, ...overrides.timings },
		compaction: { ...base.compaction, ...overrides.compaction }
	};
}
