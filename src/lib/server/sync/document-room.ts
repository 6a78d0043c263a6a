// One loaded document and the connections in its room. Every change to the document, from a
// client or from the server, is queued for storing and sits in the room's outbox; the outbox
// releases it to the other connections only once it is stored, in order. Replies that contain
// document state (sync step 2) wait in the same outbox behind the updates they include.
import * as Y from 'yjs';
import type { SyncLimits } from './config';
import type { ChangedTypes, RoomRepair } from './kinds';
import { encodeAwareness, encodeUpdate } from './messages';
import { RoomPresence, type PresenceOwner } from './room-presence';
import type { RelayListener } from './relay';
import type { StoredDocument } from './storage';
import type { StoreTarget, UpdateStoreQueue } from './store-queue';

/** A connection as the room sees it. */
export type RoomMember = PresenceOwner & {
	/** Sends a message if the connection is still open. */
	send(message: Uint8Array): void;
};

/** What became of an update offered to the room. */
export type ApplyResult =
	| 'applied'
	| 'unchanged'
	| 'bad-update'
	| 'too-large'
	| 'store-full'
	/**
	 * Part of the update depends on content the server does not have (a gap in a client's clocks,
	 * a reference to a missing item, a deletion of unknown items). That part was dropped; what
	 * did not depend on it was applied as usual.
	 */
	| 'gap'
	/** The update threw while applying and left the in-memory document unable to encode itself. */
	| 'tainted';

type Outbound =
	| {
			kind: 'update';
			seq: number;
			update: Uint8Array;
			message: Uint8Array;
			origin: RoomMember | null;
	  }
	| { kind: 'send'; member: RoomMember; message: Uint8Array }
	| { kind: 'callback'; run: () => void };

/**
 * True when `update` decodes and none of its structs or deleted ranges ends beyond `maxClock`;
 * false for an update that does not decode.
 */
function isWithinClockBound(update: Uint8Array, maxClock: number): boolean {
	try {
		const { structs, ds } = Y.decodeUpdate(update);
		for (const struct of structs) if (struct.id.clock + struct.length > maxClock) return false;
		for (const ranges of ds.clients.values())
			for (const { clock, len } of ranges) if (clock + len > maxClock) return false;
		return true;
	} catch {
		return false;
	}
}

/** Origin of changes the server makes itself. */
const SERVER_ORIGIN = Symbol('server');
/** Origin of updates another instance stored. */
const PEER_ORIGIN = Symbol('peer');

/** Where a room tells the other instances sharing it what it stored and who is present. */
export type RoomPeers = {
	/** These updates are stored. */
	stored(updates: Uint8Array[]): void;
	/** An admitted awareness update. */
	awareness(update: Uint8Array): void;
};

/** A loaded document with its connections, presence and not-yet-stored updates. */
export class SyncRoom implements StoreTarget {
	readonly roomName: string;
	readonly doc = new Y.Doc();
	readonly presence: RoomPresence;
	readonly members = new Set<RoomMember>();
	/** Bytes of stored state: snapshot plus log at load, plus every update accepted since. */
	documentBytes = 0;
	/** Rows in the stored log (not yet folded into the snapshot). */
	logRows = 0;
	/** Bytes of those rows. */
	logBytes = 0;
	/** Joins and server changes under way; the room is not unloaded while any is. */
	holds = 0;
	/** Set once the room is being unloaded or reset; a closing room accepts nothing new. */
	closing = false;
	/** The other instances sharing the room, when there are any. */
	peers: RoomPeers | null = null;
	#outbox: Outbound[] = [];
	#captured: Uint8Array[] | null = null;
	readonly #queue: UpdateStoreQueue;
	readonly #limits: SyncLimits;
	readonly #onLogGrew: (room: SyncRoom) => void;
	readonly #repair: RoomRepair | undefined;
	readonly #onRelayed: ((messages: number) => void) | undefined;

	constructor(
		roomName: string,
		queue: UpdateStoreQueue,
		limits: SyncLimits,
		onLogGrew: (room: SyncRoom) => void,
		repair?: RoomRepair,
		onRelayed?: (messages: number) => void
	) {
		this.roomName = roomName;
		this.#queue = queue;
		this.#limits = limits;
		this.#onLogGrew = onLogGrew;
		this.#repair = repair;
		this.#onRelayed = onRelayed;
		this.presence = new RoomPresence(limits);
	}

	/** Fills the document from storage; throws (leaving the room unusable) when a stored update does not apply. */
	load(stored: StoredDocument): void {
		this.doc.transact(() => {
			if (stored.snapshot) Y.applyUpdate(this.doc, stored.snapshot);
			for (const update of stored.updates) Y.applyUpdate(this.doc, update);
		});
		this.documentBytes =
			(stored.snapshot?.length ?? 0) + stored.updates.reduce((sum, u) => sum + u.length, 0);
		this.logRows = stored.updates.length;
		this.logBytes = this.documentBytes - (stored.snapshot?.length ?? 0);
		this.doc.on('update', (update: Uint8Array) => {
			// Every change goes through applyUpdate or change, which capture it; this is a safety net.
			if (this.#captured) this.#captured.push(update);
			else this.#accept(update, null);
		});
	}

	/** True when the loaded document still waits for dependencies it never got (a gap in storage). */
	get hasMissingDependencies(): boolean {
		return this.doc.store.pendingStructs !== null || this.doc.store.pendingDs !== null;
	}

	/** Validates and applies a client's update, and queues what it changed for storing and relay. */
	applyUpdate(update: Uint8Array, origin: RoomMember): ApplyResult {
		if (this.documentBytes + update.length > this.#limits.maxDocumentBytes) return 'too-large';
		if (this.#queue.pendingBytes + update.length > this.#limits.maxPendingBytes)
			return 'store-full';
		// Decoding first catches truncated or garbled updates before any of it touches the document
		// (applyUpdate integrates the structs before it reads the delete set), and crafted run lengths.
		if (!isWithinClockBound(update, this.#limits.maxUpdateClock)) return 'bad-update';
		const hadMissing = this.hasMissingDependencies;
		// The hot path of every keystroke: no closures or maps unless the room's kind repairs.
		const changed: ChangedTypes | null = this.#repair ? new Map() : null;
		const collect = changed
			? (transaction: Y.Transaction) => {
					for (const [type, keys] of transaction.changed) changed.set(type, keys);
				}
			: null;
		if (collect) this.doc.on('afterTransaction', collect);
		const captured: Uint8Array[] = [];
		let threw = false;
		this.#captured = captured;
		try {
			Y.applyUpdate(this.doc, update, origin);
		} catch {
			threw = true;
		} finally {
			this.#captured = null;
			if (collect) this.doc.off('afterTransaction', collect);
		}
		// Yjs keeps what it cannot integrate yet and puts it into every later encodeStateAsUpdate,
		// so it would reach every client that syncs (and pile up, merged with the next such update).
		// A document that loaded whole keeps nothing it cannot integrate.
		const gapped = !hadMissing && this.hasMissingDependencies;
		if (gapped) {
			this.doc.store.pendingStructs = null;
			this.doc.store.pendingDs = null;
		}
		// What got into the document is stored and relayed like any change, so memory, storage
		// and clients agree. An update that decodes can still throw while integrating (a
		// reference to a missing item); fuzzing shows it then leaves the document unchanged or
		// holding a consistent prefix of the update.
		for (const change of captured) this.#accept(change, origin);
		if (changed && captured.length > 0) this.#repairAfter(changed);
		if (threw) return captured.length === 0 || this.#stillEncodes() ? 'bad-update' : 'tainted';
		if (gapped) return 'gap';
		return captured.length > 0 ? 'applied' : 'unchanged';
	}

	/** Runs the kind's repair of what the update changed, if it finds anything out of bounds. */
	#repairAfter(changed: ChangedTypes): void {
		let fix: ((doc: Y.Doc) => void) | null = null;
		try {
			fix = this.#repair?.(this.doc, changed) ?? null;
		} catch (error) {
			console.error(`checking an update to ${this.roomName} failed`, error);
		}
		if (fix)
			this.change(fix).catch((error: unknown) =>
				console.error(`repairing ${this.roomName} failed`, error)
			);
	}

	#stillEncodes(): boolean {
		try {
			Y.encodeStateAsUpdate(this.doc);
			return true;
		} catch {
			return false;
		}
	}

	/** Runs a server-side change; resolves once it is stored and sent. */
	change(fn: (doc: Y.Doc) => void): Promise<void> {
		let failure: unknown;
		const { captured, threw } = this.#capture(() =>
			this.doc.transact(() => {
				try {
					fn(this.doc);
				} catch (error) {
					failure = error;
				}
			}, SERVER_ORIGIN)
		);
		// Whatever the change did before it threw is in the document, so it is stored like the rest.
		for (const update of captured) this.#accept(update, null);
		if (threw) return Promise.reject(new Error(`changing ${this.roomName} failed`));
		if (failure !== undefined)
			return Promise.reject(
				failure instanceof Error
					? failure
					: new Error(`changing ${this.roomName} failed`, { cause: failure })
			);
		return this.whenStored();
	}

	/** Runs `run`, collecting the updates the document emits (also when it throws halfway). */
	#capture(run: () => void): { captured: Uint8Array[]; threw: boolean } {
		const captured: Uint8Array[] = [];
		this.#captured = captured;
		try {
			run();
			return { captured, threw: false };
		} catch {
			return { captured, threw: true };
		} finally {
			this.#captured = null;
		}
	}

	#accept(update: Uint8Array, origin: RoomMember | null): void {
		const seq = this.#queue.enqueue(this, update);
		this.documentBytes += update.length;
		this.#outbox.push({ kind: 'update', seq, update, message: encodeUpdate(update), origin });
	}

	/** Sends `message` to `member` once every update accepted so far is stored (at once if none is pending). */
	sendAfterStored(member: RoomMember, message: Uint8Array): void {
		if (this.#outbox.length === 0) member.send(message);
		else this.#outbox.push({ kind: 'send', member, message });
	}

	/** Resolves once every update accepted so far is stored and sent. */
	whenStored(): Promise<void> {
		if (this.#outbox.length === 0) return Promise.resolve();
		return new Promise((resolve) => this.#outbox.push({ kind: 'callback', run: resolve }));
	}

	/** True while accepted updates wait to be stored. */
	get hasPending(): boolean {
		return this.#outbox.length > 0;
	}

	/** Called by the store queue: updates up to `seq` are stored; relay them and what waited behind them. */
	onStored(seq: number, rows: number, bytes: number): void {
		this.logRows += rows;
		this.logBytes += bytes;
		let released = 0;
		let relayed = 0;
		// Only rooms shared with other instances publish what was stored.
		const published: Uint8Array[] | null = this.peers ? [] : null;
		for (const item of this.#outbox) {
			if (item.kind === 'update') {
				if (item.seq > seq) break;
				published?.push(item.update);
				for (const member of this.members) {
					if (member === item.origin) continue;
					member.send(item.message);
					relayed++;
				}
			} else if (item.kind === 'send') {
				item.member.send(item.message);
			} else {
				item.run();
			}
			released++;
		}
		this.#outbox.splice(0, released);
		if (relayed > 0) this.#onRelayed?.(relayed);
		if (published && published.length > 0) this.peers?.stored(published);
		this.#onLogGrew(this);
	}

	/**
	 * Applies updates another instance stored and sends what they changed to every member. They
	 * are not stored again, and need not wait for this room's pending updates: none of them can
	 * depend on an update that is not stored yet, since only stored updates leave an instance.
	 */
	applyFromPeer(updates: Uint8Array[]): void {
		for (const update of updates) {
			const { captured } = this.#capture(() => Y.applyUpdate(this.doc, update, PEER_ORIGIN));
			for (const change of captured) {
				this.documentBytes += change.length;
				const message = encodeUpdate(change);
				for (const member of this.members) member.send(message);
			}
		}
		// The log rows are counted by the instance that stored them: it asks for their compaction.
	}

	/** Takes presence from another instance and sends it to every member. */
	applyPeerAwareness(update: Uint8Array): void {
		const ours = this.presence.noteRemote(update);
		if (!ours) return;
		const message = encodeAwareness(ours);
		for (const member of this.members) member.send(message);
	}

	/** Listens to the other instances for this room (their messages, in order). */
	peerListener(resync: () => void): RelayListener {
		return {
			updates: (updates) => this.applyFromPeer(updates),
			awareness: (update) => this.applyPeerAwareness(update),
			resync,
			presenceWanted: () => {
				const here = this.presence.snapshot(undefined, { remote: false });
				if (here) this.peers?.awareness(here);
			}
		};
	}

	/** Sends an awareness update to every member but `except`, and to the other instances. */
	relayAwareness(update: Uint8Array, except?: RoomMember): void {
		const message = encodeAwareness(update);
		for (const member of this.members) if (member !== except) member.send(message);
		this.peers?.awareness(update);
	}

	/** Removes a member and its presence, telling the others. */
	leave(member: RoomMember): void {
		if (!this.members.delete(member)) return;
		const removal = this.presence.release(member);
		if (removal) this.relayAwareness(removal);
	}

	/** Frees the document's memory. */
	destroy(): void {
		this.doc.destroy();
	}
}
