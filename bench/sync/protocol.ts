// Wire framing of the servers under test. Ours and the reference speak the y-websocket protocol
// (room in the URL, bare messages); Hocuspocus prefixes every message with the document name and
// wants an auth message first. The load generator speaks both, with the same Yjs payloads.
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

/** Which framing a server speaks. */
export type Framing = 'y-websocket' | 'hocuspocus';

/** A decoded server message, as far as the load generator cares. */
export type ServerMessage =
	| { type: 'sync-step-1'; payload: Uint8Array }
	| { type: 'sync-step-2'; payload: Uint8Array }
	| { type: 'update'; payload: Uint8Array }
	| { type: 'awareness'; payload: Uint8Array }
	| { type: 'other' };

const SYNC = 0;
const AWARENESS = 1;
const AUTH = 2;
const HOCUSPOCUS_SYNC_REPLY = 4;

function frame(
	framing: Framing,
	room: string,
	write: (encoder: encoding.Encoder) => void
): Uint8Array {
	const encoder = encoding.createEncoder();
	if (framing === 'hocuspocus') encoding.writeVarString(encoder, room);
	write(encoder);
	return encoding.toUint8Array(encoder);
}

/** Messages to send right after the socket opens (Hocuspocus: the token). */
export function openingMessages(framing: Framing, room: string): Uint8Array[] {
	if (framing !== 'hocuspocus') return [];
	return [
		frame(framing, room, (encoder) => {
			encoding.writeVarUint(encoder, AUTH);
			encoding.writeVarUint(encoder, 0);
			encoding.writeVarString(encoder, 'bench');
		})
	];
}

/** A sync message (step 1: 0, step 2: 1, update: 2). */
export function syncMessage(
	framing: Framing,
	room: string,
	step: 0 | 1 | 2,
	payload: Uint8Array
): Uint8Array {
	return frame(framing, room, (encoder) => {
		encoding.writeVarUint(encoder, SYNC);
		encoding.writeVarUint(encoder, step);
		encoding.writeVarUint8Array(encoder, payload);
	});
}

/** An awareness message. */
export function awarenessMessage(framing: Framing, room: string, update: Uint8Array): Uint8Array {
	return frame(framing, room, (encoder) => {
		encoding.writeVarUint(encoder, AWARENESS);
		encoding.writeVarUint8Array(encoder, update);
	});
}

/** Decodes what the load generator needs from a server message. */
export function readServerMessage(framing: Framing, data: Uint8Array): ServerMessage {
	const decoder = decoding.createDecoder(data);
	if (framing === 'hocuspocus') decoding.readVarString(decoder);
	const type = decoding.readVarUint(decoder);
	if (type === AWARENESS)
		return { type: 'awareness', payload: decoding.readVarUint8Array(decoder) };
	if (type !== SYNC && type !== HOCUSPOCUS_SYNC_REPLY) return { type: 'other' };
	const step = decoding.readVarUint(decoder);
	const payload = decoding.readVarUint8Array(decoder);
	if (step === 0) return { type: 'sync-step-1', payload };
	if (step === 1) return { type: 'sync-step-2', payload };
	return { type: 'update', payload };
}

/** An awareness update of one client. */
export function encodeAwarenessState(clientId: number, clock: number, state: unknown): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, 1);
	encoding.writeVarUint(encoder, clientId);
	encoding.writeVarUint(encoder, clock);
	encoding.writeVarString(encoder, JSON.stringify(state));
	return encoding.toUint8Array(encoder);
}

/** The `t` fields (send times) of the states in an awareness update, except those of `ownClientId`. */
export function awarenessSendTimes(update: Uint8Array, ownClientId: number): number[] {
	const decoder = decoding.createDecoder(update);
	const times: number[] = [];
	const count = decoding.readVarUint(decoder);
	for (let i = 0; i < count; i++) {
		const clientId = decoding.readVarUint(decoder);
		decoding.readVarUint(decoder);
		const state: unknown = JSON.parse(decoding.readVarString(decoder));
		if (clientId === ownClientId) continue;
		if (typeof state === 'object' && state !== null && 't' in state && typeof state.t === 'number')
			times.push(state.t);
	}
	return times;
}
