// The sync server: authenticate → authorize room → load → connect, then store-before-relay for
// every update. Assembled from the hooks in `SyncConfig`; `createSyncServer` is the only way in.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type * as Y from 'yjs';
import { CloseCode, closeReasons, type CloseCodeValue } from '$lib/sync/close-codes';
import { parseRoomName, type RoomAddress } from '$lib/sync/room';
import { isAllowedOrigin, readCookie, readSessionToken, type SyncIdentity } from './authenticate';
import { RoomLocks } from './authorize';
import { resolveConfig, type SyncConfig, type SyncConfigOverrides } from './config';
import { SyncConnection, type ConnectionContext } from './connection';
import type { SyncRoom } from './document-room';
import type { RoomAccess } from './kinds';
import { encodeAwareness } from './messages';
import { RoomRegistry } from './rooms';
import { UpdateStoreQueue } from './store-queue';
import { isSocketGone, refuseUpgrade, roomNameFromUrl } from './upgrade';

/** What the rest of the app (and server.js) may do with the sync server. */
export type SyncServer = {
	/** Serves an HTTP upgrade request for `/sync/<room>`; never throws. */
	handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): Promise<void>;
	/** Graceful stop: refuses new connections, stores what is pending, closes clients with 1012 (service restart: reconnect now). */
	close(): Promise<void>;
	/** Checks the access of every connection in rooms named `roomNameOrPrefix…` again; closes those whose access changed. */
	reauthorize(roomNameOrPrefix: string): Promise<number>;
	/** Same as `reauthorize`, for every connection of one user (removed from a workspace, signed out) or guest (by participant id). */
	reauthorizeUser(userId: string): Promise<number>;
	/** Makes rooms named `roomNameOrPrefix…` read-only for everyone (or lifts that), closing affected writers. */
	setLocked(roomNameOrPrefix: string, locked: boolean): Promise<number>;
	/** Changes a document from the server; resolves once the change is stored and sent. */
	change(roomName: string, fn: (doc: Y.Doc) => void): Promise<void>;
	/** Runs `change` on every loaded room named `prefix…` that someone is in; resolves with how many. */
	changeOpenRooms(prefix: string, fn: (doc: Y.Doc) => void): Promise<number>;
	/** Names of the loaded rooms named `prefix…` that someone is in. */
	openRooms(prefix: string): string[];
	/** Counters for monitoring and benchmarks. */
	stats(): SyncServerStats;
};

/** What `stats()` reports. */
export type SyncServerStats = ReturnType<UpdateStoreQueue['stats']> & {
	/** Loaded documents. */
	rooms: number;
	/** Open connections. */
	connections: number;
	/** Compactions completed. */
	compactions: number;
	/** Update messages sent to peers after their update was stored. */
	relayedUpdates: number;
};

/** An empty awareness update: a keep-alive the client accepts and ignores. */
const KEEP_ALIVE = encodeAwareness(new Uint8Array([0]));

/** Builds a sync server from the default configuration with `overrides` applied. */
export function createSyncServer(overrides: SyncConfigOverrides = {}): SyncServer {
	return new SyncService(resolveConfig(overrides));
}

class SyncService implements SyncServer {
	readonly #config: SyncConfig;
	readonly #wss: WebSocketServer;
	readonly #queue: UpdateStoreQueue;
	readonly #rooms: RoomRegistry;
	readonly #locks = new RoomLocks();
	readonly #connections = new Set<SyncConnection>();
	readonly #heartbeat: ReturnType<typeof setInterval>;
	readonly #context: ConnectionContext;
	#shuttingDown = false;
	#closed: Promise<void> | undefined;

	constructor(config: SyncConfig) {
		this.#config = config;
		const { db, hooks, limits, timings, log } = config;
		this.#wss = new WebSocketServer({
			noServer: true,
			maxPayload: limits.maxMessageBytes,
			perMessageDeflate: false,
			clientTracking: false
		});
		this.#queue = new UpdateStoreQueue((rows) => hooks.storeUpdates({ db, rows }), {
			maxBatchRows: limits.maxBatchRows,
			maxBatchBytes: limits.maxBatchBytes,
			maxInFlight: limits.maxBatchesInFlight,
			retryMinMs: timings.storeRetryMinMs,
			retryMaxMs: timings.storeRetryMaxMs,
			log
		});
		this.#rooms = new RoomRegistry(config, this.#queue);
		this.#context = {
			limits,
			log,
			isShuttingDown: () => this.#shuttingDown,
			onRoomTainted: (room) => this.#reset(room),
			onClosed: (connection, code) => this.#onClosed(connection, code)
		};
		this.#heartbeat = setInterval(() => this.#beat(), timings.heartbeatMs);
		this.#heartbeat.unref();
	}

	async handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
		socket.on('error', () => socket.destroy());
		const timeout = setTimeout(
			() => refuseUpgrade(socket, 503),
			this.#config.timings.upgradeTimeoutMs
		);
		try {
			await this.#upgrade(request, socket, head);
		} catch (error) {
			this.#config.log.error('sync upgrade failed', error);
			refuseUpgrade(socket, 500);
		} finally {
			clearTimeout(timeout);
		}
	}

	async #upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
		if (this.#shuttingDown) return refuseUpgrade(socket, 503);
		await this.#config.ready;
		const roomName = roomNameFromUrl(request.url);
		if (!roomName) return refuseUpgrade(socket, 404);
		if (!isAllowedOrigin(request, this.#config.origin)) return refuseUpgrade(socket, 403);
		const identity = await this.#identify(request);
		if (!identity) return refuseUpgrade(socket, 401);
		const address = parseRoomName(roomName);
		if (!address) return refuseUpgrade(socket, 404);
		const access = await this.#authorize(identity, address, roomName);
		if (!access) return refuseUpgrade(socket, 403);
		if (isSocketGone(socket) || this.#shuttingDown) return refuseUpgrade(socket, 503);

		const room = await this.#rooms.acquire(roomName).catch((error: unknown) => {
			this.#config.log.warn(`refusing ${roomName}: its document could not be loaded`, error);
			return null;
		});
		let upgraded = false;
		try {
			if (isSocketGone(socket)) return;
			// Without verifyClient, ws completes the upgrade synchronously, or refuses a bad handshake with 400.
			this.#wss.handleUpgrade(request, socket, head, (ws) => {
				upgraded = true;
				this.#attach(ws, room, identity, access);
			});
		} finally {
			if (room) this.#rooms.release(room);
			if (!upgraded && !isSocketGone(socket)) refuseUpgrade(socket, 400);
		}
	}

	/**
	 * Who the upgrade request comes from: the account of a valid session cookie, else the session
	 * guest of a valid guest cookie (when guests are wired), else nobody.
	 */
	async #identify(request: IncomingMessage): Promise<SyncIdentity | null> {
		const { db, hooks, guestCookie } = this.#config;
		const token = readSessionToken(request);
		const user = token ? await hooks.authenticate({ db, token }) : null;
		if (token && user) return { user, guest: null, token };
		const guestToken = guestCookie ? readCookie(request, guestCookie) : null;
		const guest = guestToken ? await hooks.authenticateGuest({ db, token: guestToken }) : null;
		return guestToken && guest ? { ...guest, token: guestToken } : null;
	}

	/** The connection's identity checked again: null when its session or guest place no longer resolves. */
	async #reidentify({ identity }: SyncConnection): Promise<SyncIdentity | null> {
		const { db, hooks } = this.#config;
		const { token, guest } = identity;
		if (!guest) {
			const user = await hooks.authenticate({ db, token });
			return user && user.id === identity.user.id ? { user, guest: null, token } : null;
		}
		const again = await hooks.authenticateGuest({ db, token });
		if (!again || again.guest.participantId !== guest.participantId) return null;
		if (again.guest.sessionId !== guest.sessionId) return null;
		return { ...again, token };
	}

	#attach(ws: WebSocket, room: SyncRoom | null, identity: SyncIdentity, access: RoomAccess): void {
		const refuse = (code: CloseCodeValue) => {
			ws.on('error', () => ws.terminate());
			ws.close(code, closeReasons[code]);
		};
		if (this.#shuttingDown) return refuse(CloseCode.ServiceRestart);
		if (!room) return refuse(CloseCode.LoadFailed);
		if (room.closing) return refuse(CloseCode.RoomReset);
		if (room.members.size >= this.#config.limits.maxConnectionsPerRoom)
			return refuse(CloseCode.RoomFull);
		const connection = new SyncConnection(ws, room, identity, access, this.#context);
		this.#connections.add(connection);
		connection.start();
	}

	async #authorize(
		{ user, guest }: SyncIdentity,
		address: RoomAddress,
		roomName: string
	): Promise<RoomAccess | null> {
		const { db, kinds, hooks } = this.#config;
		const { findMembership } = hooks;
		const access = await hooks.authorizeRoom({
			db,
			kinds,
			findMembership,
			user,
			guest,
			address,
			roomName
		});
		return this.#locks.apply(roomName, access);
	}

	#onClosed(connection: SyncConnection, code: number): void {
		if (!this.#connections.delete(connection)) return;
		this.#rooms.scheduleUnloadIfIdle(connection.room);
		try {
			this.#config.hooks.onDisconnect({
				user: connection.user,
				roomName: connection.room.roomName,
				code
			});
		} catch (error) {
			this.#config.log.warn('onDisconnect hook failed', error);
		}
	}

	#reset(room: SyncRoom): void {
		this.#config.log.error(
			`${room.roomName}: an update failed to apply after decoding; reloading the document`
		);
		for (const member of [...room.members]) {
			if (member instanceof SyncConnection) member.close(CloseCode.RoomReset);
		}
		void this.#rooms.close(room);
	}

	#beat(): void {
		const now = performance.now();
		for (const connection of this.#connections) {
			if (!connection.alive) {
				connection.socket.terminate();
				continue;
			}
			connection.alive = false;
			connection.socket.ping();
			if (now - connection.lastSentAt >= this.#config.timings.heartbeatMs)
				connection.send(KEEP_ALIVE);
		}
	}

	async #recheck(connection: SyncConnection): Promise<CloseCodeValue | null> {
		const { roomName } = connection.room;
		const address = parseRoomName(roomName);
		if (!address) return CloseCode.Forbidden;
		try {
			const identity = await this.#reidentify(connection);
			if (!identity) return CloseCode.Unauthorized;
			const access = await this.#authorize(identity, address, roomName);
			if (!access) return CloseCode.Forbidden;
			return access === connection.access ? null : CloseCode.AccessChanged;
		} catch (error) {
			// Unsure means reconnect: the new connection is checked from scratch.
			this.#config.log.warn(`reauthorizing a connection to ${roomName} failed`, error);
			return CloseCode.AccessChanged;
		}
	}

	async #reauthorizeWhere(matches: (connection: SyncConnection) => boolean): Promise<number> {
		const affected = [...this.#connections].filter(matches);
		const codes = await Promise.all(affected.map((connection) => this.#recheck(connection)));
		let closed = 0;
		affected.forEach((connection, i) => {
			const code = codes[i];
			if (code === null || !connection.isOpen) return;
			connection.close(code);
			closed++;
		});
		return closed;
	}

	reauthorize(roomNameOrPrefix: string): Promise<number> {
		return this.#reauthorizeWhere((connection) =>
			connection.room.roomName.startsWith(roomNameOrPrefix)
		);
	}

	reauthorizeUser(userId: string): Promise<number> {
		return this.#reauthorizeWhere((connection) => connection.user.id === userId);
	}

	setLocked(roomNameOrPrefix: string, locked: boolean): Promise<number> {
		this.#locks.set(roomNameOrPrefix, locked);
		return this.reauthorize(roomNameOrPrefix);
	}

	async change(roomName: string, fn: (doc: Y.Doc) => void): Promise<void> {
		if (!parseRoomName(roomName)) throw new TypeError(`invalid room name: ${roomName}`);
		if (this.#shuttingDown) throw new Error('the sync server is shutting down');
		const room = await this.#rooms.acquire(roomName);
		try {
			await room.change(fn);
		} finally {
			this.#rooms.release(room);
		}
	}

	openRooms(prefix: string): string[] {
		return [...this.#rooms.rooms]
			.filter((room) => room.roomName.startsWith(prefix) && room.members.size > 0 && !room.closing)
			.map((room) => room.roomName);
	}

	async changeOpenRooms(prefix: string, fn: (doc: Y.Doc) => void): Promise<number> {
		const names = this.openRooms(prefix);
		for (const name of names) await this.change(name, fn);
		return names.length;
	}

	stats(): SyncServerStats {
		return {
			...this.#queue.stats(),
			rooms: this.#rooms.size,
			connections: this.#connections.size,
			compactions: this.#rooms.compactor.compacted,
			relayedUpdates: this.#rooms.relayedUpdates
		};
	}

	close(): Promise<void> {
		this.#closed ??= this.#shutdown();
		return this.#closed;
	}

	async #shutdown(): Promise<void> {
		this.#shuttingDown = true;
		clearInterval(this.#heartbeat);
		this.#rooms.stopTimers();
		// Store (and relay) what is pending while clients are still connected.
		const flushed = await withTimeout(this.#queue.whenIdle(), this.#config.timings.shutdownFlushMs);
		if (!flushed) this.#config.log.error('shutdown: pending updates could not be stored in time');
		this.#queue.stop();
		const sockets = [...this.#connections].map((connection) => connection.socket);
		for (const connection of [...this.#connections]) connection.close(CloseCode.ServiceRestart);
		await withTimeout(Promise.all(sockets.map(socketClosed)), 1_000);
		for (const socket of sockets) socket.terminate();
		await this.#rooms.compactor.stop();
		for (const room of [...this.#rooms.rooms]) room.destroy();
		this.#wss.close();
	}
}

function socketClosed(socket: WebSocket): Promise<void> {
	if (socket.readyState === socket.CLOSED) return Promise.resolve();
	return new Promise((resolve) => socket.once('close', () => resolve()));
}

/** Waits for `promise` at most `ms`; true when it settled in time. */
async function withTimeout(promise: Promise<unknown>, ms: number): Promise<boolean> {
	let timer: ReturnType<typeof setTimeout> | undefined;
	const expired = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
	try {
		return await Promise.race([promise.then(() => true), expired]);
	} finally {
		clearTimeout(timer);
	}
}
