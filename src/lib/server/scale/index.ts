// Running several instances: with REDIS_URL set, the instances share rooms, control messages and
// the live-session stream over Redis (the store of record stays Postgres). Without it the app is
// one process and nothing here runs. The composition root (../app.ts) wires what this returns.
import type { Db } from '../db';
import type { Events, Rooms } from '../ports';
import type { RoomRelay, SyncServer } from '../sync';
import type { Bus } from './bus';
import { clusterRooms } from './cluster-rooms';
import { startClusterControl } from './control';
import { startBusSessionEvents } from './redis-events';
import { connectRedisBus } from './redis-bus';
import { busRoomRelay } from './room-relay';

export { withAdvisoryLock } from './locks';

/** Where the instances meet; null when the app runs as one process. */
export type ScaleConfig = { redisUrl: string; prefix: string; connectTimeoutMs: number } | null;

const DEFAULT_CONNECT_TIMEOUT_MS = 30_000;

function connectTimeoutFrom(value: string | undefined): number {
	if (!value?.trim()) return DEFAULT_CONNECT_TIMEOUT_MS;
	const ms = Number(value);
	if (!Number.isInteger(ms) || ms < 1)
		throw new Error(
			`REDIS_CONNECT_TIMEOUT_MS must be a whole number of milliseconds, not "${value}"`
		);
	return ms;
}

/** Reads REDIS_URL, REDIS_PREFIX (default "focusboard:") and REDIS_CONNECT_TIMEOUT_MS (default 30 s). */
export function readScaleConfig(env: NodeJS.ProcessEnv = process.env): ScaleConfig {
	const redisUrl = env.REDIS_URL?.trim();
	if (!redisUrl) return null;
	return {
		redisUrl,
		prefix: env.REDIS_PREFIX?.trim() || 'focusboard:',
		connectTimeoutMs: connectTimeoutFrom(env.REDIS_CONNECT_TIMEOUT_MS)
	};
}

const log = {
	warn: (message: string, error?: unknown) => console.warn(`[scale] ${message}`, error ?? '')
};

/** This instance's part in the group of instances. */
export type Scale = {
	/** The id this instance goes by on the bus. */
	instanceId: string;
	/** For the sync server: rooms shared with the other instances. */
	relay: RoomRelay;
	/** The live-session stream shared by every instance. */
	events: Events;
	/** The `Rooms` port over `server` and the other instances. */
	rooms(server: SyncServer, db: Db): Rooms;
	/** True when Redis answers (for /readyz). */
	ping(): Promise<boolean>;
	/** Stops listening and disconnects (after the sync server closed). */
	close(): Promise<void>;
};

/** Connects this instance to the others; resolves once it listens. */
export async function startScale(config: NonNullable<ScaleConfig>): Promise<Scale> {
	const bus: Bus = await connectRedisBus({
		url: config.redisUrl,
		prefix: config.prefix,
		connectTimeoutMs: config.connectTimeoutMs,
		log
	});
	const relay = busRoomRelay(bus, log);
	const control = await startClusterControl(bus, log);
	const events = await startBusSessionEvents(bus, log);
	return {
		instanceId: bus.instanceId,
		relay,
		events,
		rooms: (server, db) => clusterRooms(server, db, bus, control, log),
		ping: () => bus.ping(),
		async close() {
			events.close();
			control.close();
			relay.close();
			await bus.close();
		}
	};
}
