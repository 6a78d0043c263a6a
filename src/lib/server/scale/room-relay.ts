// The sync server's relay (sync/relay.ts) over the bus: one channel per room, carrying the
// updates an instance stored (after they are stored) and the presence it admitted. A publish that
// fails (Redis away) is made good once the bus is back: the others are told to catch up on that
// room from the store, and this instance catches up on every room it has loaded.
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { RelayListener, RoomRelay } from '../sync';
import type { Bus } from './bus';

const UPDATES = 0;
const AWARENESS = 1;
/** The sender may have failed to publish updates of the room: catch up from the store. */
const RESYNC = 2;
/** The sender just opened the room: publish the presence held here. */
const PRESENCE_WANTED = 3;

/** Where a failure is reported. */
type RelayLog = { warn(message: string, error?: unknown): void };

/** The channel of a room. */
export function roomChannel(roomName: string): string {
	return `room:${roomName}`;
}

function encodeUpdates(updates: Uint8Array[]): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, UPDATES);
	encoding.writeVarUint(encoder, updates.length);
	for (const update of updates) encoding.writeVarUint8Array(encoder, update);
	return encoding.toUint8Array(encoder);
}

function encodeSingle(type: number, payload: Uint8Array): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, type);
	encoding.writeVarUint8Array(encoder, payload);
	return encoding.toUint8Array(encoder);
}

/** Hands a room message to `listener`; false when it does not decode. */
function deliver(message: Uint8Array, listener: RelayListener): boolean {
	try {
		const decoder = decoding.createDecoder(message);
		const type = decoding.readVarUint(decoder);
		if (type === UPDATES) {
			const count = decoding.readVarUint(decoder);
			const updates: Uint8Array[] = [];
			for (let i = 0; i < count; i++) updates.push(decoding.readVarUint8Array(decoder));
			listener.updates(updates);
		} else if (type === AWARENESS) listener.awareness(decoding.readVarUint8Array(decoder));
		else if (type === RESYNC) listener.resync();
		else if (type === PRESENCE_WANTED) listener.presenceWanted();
		else return false;
		return true;
	} catch {
		return false;
	}
}

/** Rooms shared with the other instances on `bus`. */
export function busRoomRelay(bus: Bus, log: RelayLog): RoomRelay & { close(): void } {
	const joined = new Map<string, RelayListener>();
	/** Rooms whose updates may not have reached the others. */
	const unpublished = new Set<string>();

	function publish(roomName: string, message: Uint8Array, isUpdate: boolean): void {
		bus.publish(roomChannel(roomName), message).catch((error: unknown) => {
			if (!isUpdate) return;
			if (unpublished.size === 0) log.warn('publishing stored updates failed', error);
			unpublished.add(roomName);
		});
	}

	const stopWatching = bus.onReconnect(() => {
		for (const listener of joined.values()) listener.resync();
		for (const roomName of [...unpublished]) {
			unpublished.delete(roomName);
			publish(roomName, encodeSingle(RESYNC, new Uint8Array()), true);
		}
	});

	return {
		async join(roomName, listener) {
			joined.set(roomName, listener);
			try {
				await bus.subscribe(roomChannel(roomName), (message) => {
					if (!deliver(message, listener)) log.warn(`a malformed message on ${roomName}'s channel`);
				});
			} catch (error) {
				joined.delete(roomName);
				throw error;
			}
		},
		leave(roomName) {
			joined.delete(roomName);
			bus.unsubscribe(roomChannel(roomName));
		},
		publishUpdates(roomName, updates) {
			publish(roomName, encodeUpdates(updates), true);
		},
		publishAwareness(roomName, update) {
			publish(roomName, encodeSingle(AWARENESS, update), false);
		},
		askPresence(roomName) {
			publish(roomName, encodeSingle(PRESENCE_WANTED, new Uint8Array()), false);
		},
		close: stopWatching
	};
}
