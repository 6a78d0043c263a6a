// One client's WebSocket in one room: decodes its messages, enforces its limits and access, and
// turns what it sends into room changes. Anything malformed closes this connection only.
import type { RawData, WebSocket } from 'ws';
import * as Y from 'yjs';
import { CloseCode, closeReasons, type CloseCodeValue } from '$lib/sync/close-codes';
import { userColor, type PresenceUser } from '$lib/sync/presence';
import type { SessionUser } from '../auth/session';
import type { SyncIdentity } from './authenticate';
import type { SyncLimits, SyncLogger } from './config';
import type { RoomMember, SyncRoom } from './document-room';
import type { RoomAccess } from './kinds';
import {
	decodeClientMessage,
	encodeAwareness,
	encodePermissionDenied,
	encodeSyncStep1,
	encodeSyncStep2
} from './messages';
import { MessageRateLimit } from './rate-limit';

/** Reason sent with permission-denied to a read-only connection. */
export const READ_ONLY_REASON = 'read-only';

/** What a connection needs from the server around it. */
export type ConnectionContext = {
	/** Bounds to enforce. */
	limits: SyncLimits;
	/** Where a failure while handling a message is reported. */
	log: SyncLogger;
	/** The server is shutting down: incoming messages are ignored (clients resend them after reconnecting). */
	isShuttingDown(): boolean;
	/** An update broke the in-memory document; the room must be reloaded. */
	onRoomTainted(room: SyncRoom): void;
	/** The socket closed, for whatever reason. */
	onClosed(connection: SyncConnection, code: number): void;
};

function toBytes(data: RawData): Uint8Array {
	if (Array.isArray(data)) return Buffer.concat(data);
	if (data instanceof ArrayBuffer) return new Uint8Array(data);
	return data;
}

/** A client connected to a room. */
export class SyncConnection implements RoomMember {
	readonly presenceUser: PresenceUser;
	readonly clientIds = new Set<number>();
	/** When the server last sent something, for keep-alives. */
	lastSentAt = performance.now();
	/** Whether a pong arrived since the last ping. */
	alive = true;
	#closed = false;
	/** Updates in a row whose dependent part was dropped (see `SyncLimits.maxGappedUpdates`). */
	#gappedUpdates = 0;
	readonly #rate: MessageRateLimit;
	readonly #echoRate: MessageRateLimit;

	constructor(
		readonly socket: WebSocket,
		readonly room: SyncRoom,
		/** Who connected (user or guest) and the token to check that again when access is reauthorized. */
		readonly identity: SyncIdentity,
		/** What the connection may do; fixed for its life (a change closes it with AccessChanged). */
		readonly access: RoomAccess,
		private readonly context: ConnectionContext
	) {
		const { user } = identity;
		this.presenceUser = { id: user.id, name: user.name, color: userColor(user.id) };
		this.#rate = new MessageRateLimit(
			context.limits.maxMessagesPerSecond,
			context.limits.messageBurst
		);
		this.#echoRate = new MessageRateLimit(
			context.limits.maxEchoesPerSecond,
			context.limits.echoBurst
		);
	}

	/** Joins the room: listens, then sends the server's state vector, the access notice and who is present. */
	start(): void {
		const { socket, room } = this;
		socket.on('message', (data, isBinary) =>
			this.#guarded('a message', () => this.#onMessage(data, isBinary))
		);
		socket.on('pong', () => (this.alive = true));
		socket.on('error', () =>
			this.#guarded('a socket error', () => this.close(CloseCode.BadMessage))
		);
		socket.on('close', (code) =>
			this.#guarded('the close', () => {
				this.#closed = true;
				room.leave(this);
				this.context.onClosed(this, code);
			})
		);
		room.members.add(this);
		this.send(encodeSyncStep1(Y.encodeStateVector(room.doc)));
		if (this.access === 'read') this.#deny();
		const present = room.presence.snapshot(this);
		if (present) this.send(encodeAwareness(present));
	}

	/** The signed-in user, or a guest's stand-in (id = participant id). */
	get user(): SessionUser {
		return this.identity.user;
	}

	/** True until the connection is closed or closing. */
	get isOpen(): boolean {
		return !this.#closed && this.socket.readyState === this.socket.OPEN;
	}

	/** Sends a message; closes a receiver that has fallen too far behind. */
	send(message: Uint8Array): void {
		if (!this.isOpen) return;
		if (this.socket.bufferedAmount > this.context.limits.maxBufferedBytes) {
			this.close(CloseCode.SlowConnection);
			return;
		}
		this.socket.send(message);
		this.lastSentAt = performance.now();
	}

	/** Closes with a named code; the room forgets the connection at once. */
	close(code: CloseCodeValue): void {
		if (this.#closed) return;
		this.#closed = true;
		this.room.leave(this);
		if (
			this.socket.readyState === this.socket.OPEN ||
			this.socket.readyState === this.socket.CONNECTING
		) {
			this.socket.close(code, closeReasons[code]);
		}
	}

	/**
	 * Runs a socket event handler. Whatever it throws is this connection's failure: it is logged
	 * and this connection closed, and the error goes no further (a throw in a ws listener would
	 * end the process, and every room with it).
	 */
	#guarded(handling: string, run: () => void): void {
		try {
			run();
		} catch (error) {
			this.context.log.error(
				`${this.room.roomName}: handling ${handling} from user ${this.user.id} failed; closing that connection`,
				error
			);
			try {
				this.close(CloseCode.ServerError);
			} catch {
				this.socket.terminate();
			}
		}
	}

	#deny(): void {
		this.send(encodePermissionDenied(READ_ONLY_REASON));
	}

	#onMessage(data: RawData, isBinary: boolean): void {
		if (this.#closed || this.context.isShuttingDown()) return;
		const { limits } = this.context;
		if (!isBinary) return this.close(CloseCode.BadMessage);
		const bytes = toBytes(data);
		if (bytes.length > limits.maxMessageBytes) return this.close(CloseCode.MessageTooBig);
		if (!this.#rate.take()) return this.close(CloseCode.TooManyMessages);
		const message = decodeClientMessage(bytes);
		if (!message) return this.close(CloseCode.BadMessage);
		switch (message.type) {
			case 'sync-step-1':
				return this.#answerSyncStep1(message.stateVector);
			case 'sync-step-2':
			case 'update':
				return this.#receiveUpdate(message.update);
			case 'awareness':
				return this.#receiveAwareness(message.update);
			case 'query-awareness': {
				const present = this.room.presence.snapshot(this);
				if (present) this.send(encodeAwareness(present));
				return;
			}
		}
	}

	#answerSyncStep1(stateVector: Uint8Array): void {
		try {
			Y.decodeStateVector(stateVector);
		} catch {
			return this.close(CloseCode.BadMessage);
		}
		let reply: Uint8Array;
		try {
			reply = encodeSyncStep2(Y.encodeStateAsUpdate(this.room.doc, stateVector));
		} catch (error) {
			// The state vector decoded, so it is the document that cannot encode itself.
			this.context.log.error(`${this.room.roomName}: the document cannot be encoded`, error);
			this.close(CloseCode.RoomReset);
			return this.context.onRoomTainted(this.room);
		}
		// The reply may hold updates not stored yet: it leaves only after they are.
		this.room.sendAfterStored(this, reply);
	}

	#receiveUpdate(update: Uint8Array): void {
		if (this.access !== 'write') return this.#deny();
		const result = this.room.applyUpdate(update, this);
		if (result !== 'gap') this.#gappedUpdates = 0;
		switch (result) {
			case 'applied':
			case 'unchanged':
				return;
			case 'gap':
				return this.#onGap();
			case 'bad-update':
				return this.close(CloseCode.BadUpdate);
			case 'too-large':
				return this.close(CloseCode.DocumentTooLarge);
			case 'store-full':
				return this.close(CloseCode.StoreUnavailable);
			case 'tainted':
				this.close(CloseCode.BadUpdate);
				return this.context.onRoomTainted(this.room);
		}
	}

	/**
	 * The sender's update depended on content the server lacks. A stock client sends that only when
	 * it edits after reconnecting and before it answered the server's sync step 1 (the update then
	 * builds on edits it made offline); its answer brings the rest. Asking once more costs a state
	 * vector; a sender that keeps sending such updates is not a stock client.
	 */
	#onGap(): void {
		this.#gappedUpdates++;
		if (this.#gappedUpdates > this.context.limits.maxGappedUpdates)
			return this.close(CloseCode.BadUpdate);
		if (this.#gappedUpdates === 1) this.send(encodeSyncStep1(Y.encodeStateVector(this.room.doc)));
	}

	#receiveAwareness(update: Uint8Array): void {
		const admitted = this.room.presence.admit(update, this);
		// A stock client's states are far within the bounds: beyond them is not a client of ours.
		if (admitted === 'malformed' || admitted === 'out-of-bounds')
			return this.close(CloseCode.BadMessage);
		if (!admitted) {
			// Nothing to relay: an echo of peers' states. Every peer's change comes back from every
			// stock client, so an attacker's flood would otherwise get honest clients closed.
			this.#rate.refund();
			if (!this.#echoRate.take()) this.close(CloseCode.TooManyMessages);
			return;
		}
		this.room.relayAwareness(admitted.forPeers, this);
		this.send(encodeAwareness(admitted.forSender));
	}
}
