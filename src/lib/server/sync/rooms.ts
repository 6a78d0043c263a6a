// The loaded documents of this process: loads a room on first use (once, however many connections
// arrive together), unloads it when it has been empty for a while, and keeps its log counters to
// decide when to compact. A room being unloaded or reset is replaced by a fresh load only after
// its pending updates are stored, so the fresh load sees them. With a relay (other instances
// sharing the rooms), a room hears the others before it loads, and catches up on what they
// stored meanwhile: what arrives during the load is applied after it (updates are idempotent).
import { parseRoomName } from '$lib/sync/room';
import type { SyncConfig } from './config';
import { SyncRoom } from './document-room';
import { CompactionScheduler } from './compaction';
import type { CompactionResult } from './storage';
import type { UpdateStoreQueue } from './store-queue';

/** Why a document could not be served. */
export class RoomLoadError extends Error {
	constructor(roomName: string, options?: ErrorOptions) {
		super(`loading ${roomName} failed`, options);
		this.name = 'RoomLoadError';
	}
}

/** Loaded rooms by name. */
export class RoomRegistry {
	#rooms = new Map<string, SyncRoom>();
	#loading = new Map<string, Promise<void>>();
	#closed = new Map<SyncRoom, Promise<void>>();
	#unloadTimers = new Map<SyncRoom, ReturnType<typeof setTimeout>>();
	readonly #config: SyncConfig;
	readonly #queue: UpdateStoreQueue;
	readonly compactor: CompactionScheduler;
	/** Update messages sent to peers once stored, over every room this process has loaded. */
	relayedUpdates = 0;

	constructor(config: SyncConfig, queue: UpdateStoreQueue) {
		this.#config = config;
		this.#queue = queue;
		this.compactor = new CompactionScheduler(
			(roomName) => config.hooks.compactDocument({ db: config.db, roomName }),
			(roomName, result) => this.#onCompacted(roomName, result),
			config.log
		);
	}

	/** Loaded rooms. */
	get rooms(): IterableIterator<SyncRoom> {
		return this.#rooms.values();
	}

	/** Number of loaded rooms. */
	get size(): number {
		return this.#rooms.size;
	}

	/** The room of `roomName`, loading it if needed, with a hold that keeps it loaded until `release`. */
	async acquire(roomName: string): Promise<SyncRoom> {
		for (;;) {
			const room = this.#rooms.get(roomName);
			if (room && !room.closing) {
				room.holds++;
				this.#cancelUnload(room);
				return room;
			}
			if (room) {
				await this.#closed.get(room);
				continue;
			}
			let loading = this.#loading.get(roomName);
			if (!loading) {
				loading = this.#load(roomName).finally(() => this.#loading.delete(roomName));
				this.#loading.set(roomName, loading);
			}
			await loading;
		}
	}

	async #load(roomName: string): Promise<void> {
		const kind = parseRoomName(roomName)?.kind;
		const repair = kind ? this.#config.kinds.get(kind)?.repair : undefined;
		const room = new SyncRoom(
			roomName,
			this.#queue,
			this.#config.limits,
			(grown) => this.#onLogGrew(grown),
			repair,
			(messages) => (this.relayedUpdates += messages)
		);
		const relay = this.#config.relay;
		const early: Uint8Array[][] = [];
		let loaded = false;
		const listener = room.peerListener(() => void this.#resync(room));
		try {
			if (relay) {
				await relay.join(roomName, {
					updates: (updates) => (loaded ? listener.updates(updates) : early.push(updates)),
					awareness: (update) => loaded && listener.awareness(update),
					resync: () => loaded && listener.resync(),
					presenceWanted: () => loaded && listener.presenceWanted()
				});
			}
			const stored = await this.#config.hooks.loadDocument({ db: this.#config.db, roomName });
			room.load(stored);
		} catch (error) {
			relay?.leave(roomName);
			room.destroy();
			throw new RoomLoadError(roomName, { cause: error });
		}
		loaded = true;
		if (relay) {
			for (const updates of early) room.applyFromPeer(updates);
			room.peers = {
				stored: (updates) => relay.publishUpdates(roomName, updates),
				awareness: (update) => relay.publishAwareness(roomName, update)
			};
			relay.askPresence(roomName);
		}
		if (room.hasMissingDependencies) {
			this.#config.log.warn(`${roomName} loaded with updates whose dependencies are not stored`);
		}
		this.#rooms.set(roomName, room);
	}

	/** Gives back a hold from `acquire`. */
	release(room: SyncRoom): void {
		room.holds--;
		this.scheduleUnloadIfIdle(room);
	}

	/** Starts the idle timer of a room nobody is in. */
	scheduleUnloadIfIdle(room: SyncRoom): void {
		if (room.closing || room.holds > 0 || room.members.size > 0 || this.#unloadTimers.has(room))
			return;
		const timer = setTimeout(() => {
			this.#unloadTimers.delete(room);
			if (room.holds === 0 && room.members.size === 0) void this.close(room);
		}, this.#config.timings.idleUnloadMs);
		timer.unref();
		this.#unloadTimers.set(room, timer);
	}

	#cancelUnload(room: SyncRoom): void {
		const timer = this.#unloadTimers.get(room);
		if (timer) clearTimeout(timer);
		this.#unloadTimers.delete(room);
	}

	/** Unloads a room once its pending updates are stored; members must have been closed by the caller. */
	close(room: SyncRoom): Promise<void> {
		const already = this.#closed.get(room);
		if (already) return already;
		room.closing = true;
		this.#cancelUnload(room);
		const closed = room.whenStored().then(() => {
			if (this.#rooms.get(room.roomName) === room) {
				this.#rooms.delete(room.roomName);
				this.#config.relay?.leave(room.roomName);
			}
			this.#closed.delete(room);
			if (room.logRows >= this.#config.compaction.onUnloadAfterUpdates)
				this.compactor.request(room.roomName);
			room.destroy();
		});
		this.#closed.set(room, closed);
		return closed;
	}

	/** Applies the stored document again after messages from other instances may have been missed. */
	async #resync(room: SyncRoom): Promise<void> {
		try {
			const stored = await this.#config.hooks.loadDocument({
				db: this.#config.db,
				roomName: room.roomName
			});
			if (room.closing || this.#rooms.get(room.roomName) !== room) return;
			const updates = stored.snapshot ? [stored.snapshot, ...stored.updates] : stored.updates;
			room.applyFromPeer(updates);
		} catch (error) {
			this.#config.log.warn(`catching up ${room.roomName} from the store failed`, error);
		}
	}

	#onLogGrew(room: SyncRoom): void {
		const { afterUpdates, afterBytes } = this.#config.compaction;
		if (room.logRows >= afterUpdates || room.logBytes >= afterBytes)
			this.compactor.request(room.roomName);
	}

	#onCompacted(roomName: string, result: CompactionResult): void {
		const room = this.#rooms.get(roomName);
		if (!room) return;
		room.logRows = Math.max(0, room.logRows - result.foldedRows);
		room.logBytes = Math.max(0, room.logBytes - result.foldedBytes);
	}

	/** Stops the idle timers (shutdown). */
	stopTimers(): void {
		for (const timer of this.#unloadTimers.values()) clearTimeout(timer);
		this.#unloadTimers.clear();
	}
}
