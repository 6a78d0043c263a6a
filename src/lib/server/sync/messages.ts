// The y-websocket wire format: every message starts with a varuint type. Sync messages carry a
// second varuint (step 1, step 2, update) and a length-prefixed payload; awareness messages carry
// one length-prefixed awareness update; auth messages carry a permission-denied reason.
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

/** Top-level message types of the y-websocket protocol. */
export const MessageType = { Sync: 0, Awareness: 1, Auth: 2, QueryAwareness: 3 } as const;

/** Sub-types of a sync message (y-protocols/sync). */
export const SyncStep = { One: 0, Two: 1, Update: 2 } as const;

/** A client message, decoded and checked for shape (payloads are not interpreted yet). */
export type ClientMessage =
	| { type: 'sync-step-1'; stateVector: Uint8Array }
	| { type: 'sync-step-2'; update: Uint8Array }
	| { type: 'update'; update: Uint8Array }
	| { type: 'awareness'; update: Uint8Array }
	| { type: 'query-awareness' };

/** Decodes one client message; null when it is malformed, truncated, has trailing bytes or an unknown type. */
export function decodeClientMessage(data: Uint8Array): ClientMessage | null {
	try {
		const decoder = decoding.createDecoder(data);
		const message = readMessage(decoder);
		return message && !decoding.hasContent(decoder) ? message : null;
	} catch {
		return null;
	}
}

function readMessage(decoder: decoding.Decoder): ClientMessage | null {
	switch (decoding.readVarUint(decoder)) {
		case MessageType.Sync:
			switch (decoding.readVarUint(decoder)) {
				case SyncStep.One:
					return { type: 'sync-step-1', stateVector: decoding.readVarUint8Array(decoder) };
				case SyncStep.Two:
					return { type: 'sync-step-2', update: decoding.readVarUint8Array(decoder) };
				case SyncStep.Update:
					return { type: 'update', update: decoding.readVarUint8Array(decoder) };
				default:
					return null;
			}
		case MessageType.Awareness:
			return { type: 'awareness', update: decoding.readVarUint8Array(decoder) };
		case MessageType.QueryAwareness:
			return { type: 'query-awareness' };
		default:
			// Auth messages only flow from server to client; anything else is unknown.
			return null;
	}
}

function syncMessage(step: number, payload: Uint8Array): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MessageType.Sync);
	encoding.writeVarUint(encoder, step);
	encoding.writeVarUint8Array(encoder, payload);
	return encoding.toUint8Array(encoder);
}

/** Sync step 1: the server's state vector, asking the client for what the server lacks. */
export function encodeSyncStep1(stateVector: Uint8Array): Uint8Array {
	return syncMessage(SyncStep.One, stateVector);
}

/** Sync step 2: the part of the document the client lacks. */
export function encodeSyncStep2(update: Uint8Array): Uint8Array {
	return syncMessage(SyncStep.Two, update);
}

/** A document update to relay. */
export function encodeUpdate(update: Uint8Array): Uint8Array {
	return syncMessage(SyncStep.Update, update);
}

/** An awareness update to relay. */
export function encodeAwareness(update: Uint8Array): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MessageType.Awareness);
	encoding.writeVarUint8Array(encoder, update);
	return encoding.toUint8Array(encoder);
}

/** The y-protocols auth message "permission denied" with a reason. */
export function encodePermissionDenied(reason: string): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MessageType.Auth);
	encoding.writeVarUint(encoder, 0);
	encoding.writeVarString(encoder, reason);
	return encoding.toUint8Array(encoder);
}
