// Hand-made y-websocket frames for tests that play a misbehaving client: sync and awareness
// envelopes, crafted Yjs (v1) updates, and a seeded random source so a run can be repeated.
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';

/** A y-websocket sync message: step 0 (state vector), 1 (sync step 2) or 2 (update). */
export function syncFrame(step: number, payload: Uint8Array): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, 0);
	encoding.writeVarUint(encoder, step);
	encoding.writeVarUint8Array(encoder, payload);
	return encoding.toUint8Array(encoder);
}

/** An awareness update holding the given states, each as JSON text (so it may be any text at all). */
export function awarenessUpdate(entries: { clientId: number; clock: number; json: string }[]) {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, entries.length);
	for (const { clientId, clock, json } of entries) {
		encoding.writeVarUint(encoder, clientId);
		encoding.writeVarUint(encoder, clock);
		encoding.writeVarString(encoder, json);
	}
	return encoding.toUint8Array(encoder);
}

/** A y-websocket awareness message carrying `update`. */
export function awarenessFrame(update: Uint8Array): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, 1);
	encoding.writeVarUint8Array(encoder, update);
	return encoding.toUint8Array(encoder);
}

/** A y-websocket awareness message holding the given states. */
export function awarenessMessage(
	entries: { clientId: number; clock: number; state: unknown }[]
): Uint8Array {
	return awarenessFrame(
		awarenessUpdate(
			entries.map(({ clientId, clock, state }) => ({
				clientId,
				clock,
				json: JSON.stringify(state)
			}))
		)
	);
}

/** JSON of an object nested `levels` deep in arrays: `{"a":[[[…]]]}`, about 2 bytes a level. */
export function deepJson(levels: number): string {
	return `{"a":${'['.repeat(levels)}${']'.repeat(levels)}}`;
}

/** Where a crafted item goes: at the start of a root text, or after an item (any client, any clock). */
export type CraftedOrigin = { root: string } | { client: number; clock: number };

/**
 * A hand-encoded update (Yjs v1) of one client from `clock` on: each item a string inserted at
 * the start of a root text or after an item named by id, whether or not the server has it.
 * `deleted` adds a delete set.
 */
export function craftedUpdate(
	client: number,
	clock: number,
	items: { text: string; origin: CraftedOrigin }[],
	deleted: { client: number; clock: number; len: number }[] = []
): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, items.length > 0 ? 1 : 0);
	if (items.length > 0) {
		encoding.writeVarUint(encoder, items.length);
		encoding.writeVarUint(encoder, client);
		encoding.writeVarUint(encoder, clock);
		for (const { text, origin } of items) {
			const contentString = 4;
			if ('root' in origin) {
				encoding.writeUint8(encoder, contentString);
				encoding.writeVarUint(encoder, 1);
				encoding.writeVarString(encoder, origin.root);
			} else {
				encoding.writeUint8(encoder, contentString | 0x80);
				encoding.writeVarUint(encoder, origin.client);
				encoding.writeVarUint(encoder, origin.clock);
			}
			encoding.writeVarString(encoder, text);
		}
	}
	encoding.writeVarUint(encoder, deleted.length);
	for (const range of deleted) {
		encoding.writeVarUint(encoder, range.client);
		encoding.writeVarUint(encoder, 1);
		encoding.writeVarUint(encoder, range.clock);
		encoding.writeVarUint(encoder, range.len);
	}
	return encoding.toUint8Array(encoder);
}

/** A v1 update of one struct of `client` at `clock`: a GC (info 0) or deleted content (ref 1) of `length`. */
export function runLengthUpdate(
	client: number,
	clock: number,
	length: number,
	kind: 'gc' | 'deleted'
): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, 1);
	encoding.writeVarUint(encoder, 1);
	encoding.writeVarUint(encoder, client);
	encoding.writeVarUint(encoder, clock);
	if (kind === 'gc') {
		encoding.writeUint8(encoder, 0);
	} else {
		encoding.writeUint8(encoder, 1);
		encoding.writeVarUint(encoder, 1);
		encoding.writeVarString(encoder, 'junk');
	}
	encoding.writeVarUint(encoder, length);
	encoding.writeVarUint(encoder, 0);
	return encoding.toUint8Array(encoder);
}

/** A real update of a few edits to the root text `root` by `client`, to cut up or corrupt. */
export function realUpdate(client: number, root = 'junk'): Uint8Array {
	const doc = new Y.Doc();
	doc.clientID = client;
	const text = doc.getText(root);
	text.insert(0, 'an update a client could have sent, long enough to cut in many places');
	doc.getMap(`${root}-map`).set('k', 'v');
	text.delete(3, 7);
	const update = Y.encodeStateAsUpdate(doc);
	doc.destroy();
	return update;
}

/** A seeded random source in [0, 1) (a linear congruential generator), the same run for the same seed. */
export function seededRandom(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
		return state / 2 ** 32;
	};
}

/** Resident memory of process `pid` in bytes (Linux), or null when it cannot be read. */
export async function residentBytes(pid: number): Promise<number | null> {
	const { readFile } = await import('node:fs/promises');
	try {
		const status = await readFile(`/proc/${pid}/status`, 'utf8');
		const match = /VmRSS:\s+(\d+) kB/.exec(status);
		return match ? Number(match[1]) * 1024 : null;
	} catch {
		return null;
	}
}
