// The composition root: the app's services are built here, once per process, and handed to the
// code that needs them. The database (claimed and migrated), the room kinds with each area's
// policy, the sync server, and the two ports domain code is given (`Rooms`, `Events`,
// ./ports.ts). The production entry (server.js) and the dev server's upgrade hook (vite.config.ts)
// get what they serve (`AppEntry`) from here, once.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { sql } from 'drizzle-orm';
import { claimDatabaseFolder, db, listen, migrateDatabase, type Db } from './db';
import { registerJourneyRooms } from './journeys/rooms';
import { drain, refuseUpgradesWhileDraining, startOps, syncLogger, type Ops } from './ops';
import { startMailWorker } from './mail';
import { registerPortraitRooms } from './portraits/rooms';
import { installPorts, syncServerRooms, type Events, type Rooms } from './ports';
import {
	listenForReaderPageChanges,
	readerPages,
	serveReaderPage
} from './publications/reader-page-cache';
import { LocalSessionEvents } from './sessions/live';
import { registerSessionRooms } from './sessions/rooms';
import { sessionGuestSync } from './sessions/sync-guests';
import {
	createSyncServer,
	defaultConfiguration,
	RoomKindRegistry,
	type SyncConfigOverrides,
	type SyncServer
} from './sync';
import { findMembership } from './workspaces/access';
import { readScaleConfig, startScale, withAdvisoryLock, type Scale } from './scale';

/** Every kind of Yjs room the app has, each with its area's policy. */
export function appRoomKinds(): RoomKindRegistry {
	const kinds = new RoomKindRegistry();
	registerSessionRooms(kinds);
	registerPortraitRooms(kinds);
	registerJourneyRooms(kinds);
	return kinds;
}

/** What the sync server learns from the domain areas: memberships, and session guests by their cookie. */
export const appSyncHooks = {
	guestCookie: sessionGuestSync.guestCookie,
	hooks: {
		...sessionGuestSync.hooks,
		findMembership: ({ db, userId, workspaceId }) => findMembership(db, userId, workspaceId),
		// Two instances never compact one document at once (a no-op lock on PGlite).
		compactDocument: (input) =>
			withAdvisoryLock(input.db, `compact:${input.roomName}`, () =>
				defaultConfiguration.hooks.compactDocument(input)
			)
	}
} satisfies SyncConfigOverrides;

/** What the HTTP entry serves from the app. */
export type AppEntry = {
	/** Serves a WebSocket upgrade for `/sync/<room>`. */
	handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): Promise<void>;
	/** Sends a kept reader page before SvelteKit runs; false when the request is not one. */
	serveReaderPage(request: IncomingMessage, response: ServerResponse): boolean;
	/** Graceful stop: stores pending updates and tells clients to reconnect. */
	close(): Promise<void>;
	/** SIGTERM: not ready and no new sync connections at once; after DRAIN_DELAY_MS, `close`. */
	drain(): Promise<void>;
	/** The process's logger (JSON lines). */
	log: Ops['log'];
};

/** The running app's services. */
export type App = AppEntry & {
	db: Db;
	sync: SyncServer;
	rooms: Rooms;
	events: Events;
	ops: Ops;
	/** The other instances over Redis (REDIS_URL), with `ping()` for readiness; null: one process. */
	scale: Scale | null;
};

// The one hand-off between the bundled app and server.js, which shares no module with it, only the
// process: server.js awaits it once after loading the app. Nothing else reads it.
const ENTRY = Symbol.for('focusboard.app');
type EntryHolder = { [ENTRY]?: Promise<App> };

/** Builds the app's services (once per process; a dev-server module reload gets the same ones). */
export function startApp(): Promise<App> {
	// globalThis has no declared symbol keys; this one is ours.
	const holder = globalThis as EntryHolder;
	holder[ENTRY] ??= buildApp();
	return holder[ENTRY];
}

async function redisAnswers(scale: Scale): Promise<void> {
	if (!(await scale.ping())) throw new Error('Redis does not answer');
}

async function buildApp(): Promise<App> {
	// Refuses to serve an embedded database another process (the demo seeder) is writing.
	claimDatabaseFolder();
	const ready = migrateDatabase();
	await ready;
	const ops = await startOps();
	ops.readiness.register({ name: 'database', check: () => db.execute(sql`select 1`) });
	const scaleConfig = readScaleConfig();
	const scale = scaleConfig ? await startScale(scaleConfig) : null;
	if (scale) ops.readiness.register({ name: 'redis', check: () => redisAnswers(scale) });
	const sync = createSyncServer({
		...appSyncHooks,
		hooks: {
			...appSyncHooks.hooks,
			storeUpdates: ops.metrics.timeStore((input) => defaultConfiguration.hooks.storeUpdates(input))
		},
		log: syncLogger(ops.log),
		kinds: appRoomKinds(),
		ready,
		relay: scale?.relay ?? null
	});
	ops.metrics.watchSync(() => sync.stats());
	const rooms = scale ? scale.rooms(sync, db) : syncServerRooms(sync, db);
	const events = scale?.events ?? new LocalSessionEvents();
	installPorts({ rooms, events });
	// server.js sends kept reader pages before a request reaches SvelteKit (reader-page-cache.ts).
	await listenForReaderPageChanges(readerPages, listen);
	startMailWorker();
	const closeSyncAndScale = async () => {
		await sync.close();
		await scale?.close();
	};
	return {
		db,
		sync,
		rooms,
		events,
		ops,
		scale,
		log: ops.log,
		handleUpgrade: refuseUpgradesWhileDraining(ops.readiness, (request, socket, head) =>
			sync.handleUpgrade(request, socket, head)
		),
		serveReaderPage: (request, response) => serveReaderPage(readerPages, request, response),
		close: () => closeSyncAndScale().finally(() => ops.close()),
		drain: () =>
			drain({ ...ops, delayMs: ops.drainDelayMs, closeSync: closeSyncAndScale }).finally(() =>
				ops.close()
			)
	};
}
