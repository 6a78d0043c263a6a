// Fuzzed, truncated, oversized and otherwise bad frames close the sender's connection only: the
// other clients go on syncing and the stored document does not change.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { db } from '$lib/server/db';
import { CloseCode } from '$lib/sync/close-codes';
import { loadStoredDocument } from '$lib/server/sync/storage';
import { createAdmin, createMember } from '../../utils/factories';
import { startTestServer, testRoom, type TestSyncServer } from '../../utils/sync-server';
import { connectClient, openRawClient, type TestClient } from '../../utils/sync-client';

const MAX_MESSAGE_BYTES = 64 * 1024;
let server: TestSyncServer;
const clients: TestClient[] = [];
let room: string;
let token: string;
let writer: TestClient;
let observer: TestClient;

beforeAll(async () => {
	server = await startTestServer({ limits: { maxMessageBytes: MAX_MESSAGE_BYTES } });
	const admin = await createAdmin();
	const member = await createMember(admin);
	room = testRoom(admin.workspaceId);
	token = member.token;
	writer = connectClient(server, room, admin.token);
	observer = connectClient(server, room, member.token);
	clients.push(writer, observer);
	await Promise.all([writer.synced(), observer.synced()]);
	writer.doc.getText('text').insert(0, 'stable content');
	await vi.waitFor(() => expect(observer.doc.getText('text').toString()).toBe('stable content'));
});

afterAll(async () => {
	for (const client of clients) client.destroy();
	await server.close();
});

async function storedText(): Promise<string> {
	const stored = await loadStoredDocument(db, room);
	const doc = new Y.Doc();
	if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
	for (const update of stored.updates) Y.applyUpdate(doc, update);
	return doc.getText('text').toString();
}

/** Sends `frame` on a fresh raw connection; resolves with the close code the server answered with. */
async function closeCodeFor(frame: Uint8Array | string): Promise<number> {
	const raw = await openRawClient(server, room, token);
	raw.socket.send(frame, { binary: typeof frame !== 'string' });
	return raw.closed;
}

function syncMessage(step: number, payload: Uint8Array): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, 0);
	encoding.writeVarUint(encoder, step);
	encoding.writeVarUint8Array(encoder, payload);
	return encoding.toUint8Array(encoder);
}

/** A real update that would add text, so a frame built from it is realistic. */
function validUpdate(): Uint8Array {
	const doc = new Y.Doc();
	doc.getText('text').insert(0, 'an update that never lands, with a long enough body to cut');
	doc.getMap('meta').set('k', 'v');
	doc.getText('text').delete(3, 7);
	return Y.encodeStateAsUpdate(doc);
}

/**
 * A hand-encoded update (Yjs v1) of one client: strings inserted at the start of the root text,
 * or after an item of the same client at `ownOriginClock`, and an empty delete set.
 */
function craftedUpdate(
	client: number,
	items: { text: string; ownOriginClock?: number }[]
): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, 1);
	encoding.writeVarUint(encoder, items.length);
	encoding.writeVarUint(encoder, client);
	encoding.writeVarUint(encoder, 0);
	for (const { text, ownOriginClock } of items) {
		const contentString = 4;
		if (ownOriginClock === undefined) {
			encoding.writeUint8(encoder, contentString);
			encoding.writeVarUint(encoder, 1);
			encoding.writeVarString(encoder, 'text');
		} else {
			encoding.writeUint8(encoder, contentString | 0x80);
			encoding.writeVarUint(encoder, client);
			encoding.writeVarUint(encoder, ownOriginClock);
		}
		encoding.writeVarString(encoder, text);
	}
	encoding.writeVarUint(encoder, 0);
	return encoding.toUint8Array(encoder);
}

function seeded(seed: number): () => number {
	let state = seed;
	return () => {
		state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
		return state / 2 ** 32;
	};
}

async function expectRoomUnharmed(expectedText: string): Promise<void> {
	expect(await storedText()).toBe(expectedText);
	const marker = ` ${Math.random().toString(36).slice(2, 8)}`;
	writer.doc.getText('text').insert(writer.doc.getText('text').length, marker);
	await vi.waitFor(() =>
		expect(observer.doc.getText('text').toString()).toBe(expectedText + marker)
	);
	writer.doc.getText('text').delete(expectedText.length, marker.length);
	await vi.waitFor(() => expect(observer.doc.getText('text').toString()).toBe(expectedText));
	expect(writer.closeCodes).toEqual([]);
	expect(observer.closeCodes).toEqual([]);
}

describe('bad input', () => {
	it('closes a sender of random bytes with a bad-message or bad-update code', async () => {
		const random = seeded(7);
		for (let i = 0; i < 40; i++) {
			const frame = new Uint8Array(1 + Math.floor(random() * 120)).map(() =>
				Math.floor(random() * 256)
			);
			expect([CloseCode.BadMessage, CloseCode.BadUpdate]).toContain(await closeCodeFor(frame));
		}
		await expectRoomUnharmed('stable content');
	});

	it('closes a sender of truncated frames: cut envelopes are bad messages, cut updates bad updates', async () => {
		const update = validUpdate();
		const whole = syncMessage(2, update);
		for (const cut of [1, 2, 5, Math.floor(whole.length / 2), whole.length - 1]) {
			expect(await closeCodeFor(whole.slice(0, cut))).toBe(CloseCode.BadMessage);
		}
		for (const cut of [1, 4, Math.floor(update.length / 2), update.length - 1]) {
			expect(await closeCodeFor(syncMessage(2, update.slice(0, cut)))).toBe(CloseCode.BadUpdate);
			expect(await closeCodeFor(syncMessage(1, update.slice(0, cut)))).toBe(CloseCode.BadUpdate);
		}
		await expectRoomUnharmed('stable content');
	});

	it('closes a sender of an update that decodes but cannot be applied, and nobody else', async () => {
		// An item whose origin is a later item of its own client: it decodes, then throws while integrating.
		const poisoned = craftedUpdate(5555, [{ text: 'zz', ownOriginClock: 7 }]);
		expect(() => Y.decodeUpdate(poisoned)).not.toThrow();
		expect(await closeCodeFor(syncMessage(2, poisoned))).toBe(CloseCode.BadUpdate);
		await expectRoomUnharmed('stable content');
	});

	it('stores and relays the part of such an update that did apply, so every copy agrees', async () => {
		const halfPoisoned = craftedUpdate(6666, [{ text: 'ab' }, { text: 'cd', ownOriginClock: 40 }]);
		expect(await closeCodeFor(syncMessage(2, halfPoisoned))).toBe(CloseCode.BadUpdate);
		await vi.waitFor(() =>
			expect(observer.doc.getText('text').toString()).toBe('abstable content')
		);
		expect(writer.doc.getText('text').toString()).toBe('abstable content');
		await expectRoomUnharmed('abstable content');
		writer.doc.getText('text').delete(0, 2);
		await vi.waitFor(async () => expect(await storedText()).toBe('stable content'));
	});

	it('closes a sender of an oversized frame with "message too big"', async () => {
		const update = new Uint8Array(MAX_MESSAGE_BYTES + 10).fill(1);
		expect(await closeCodeFor(syncMessage(2, update))).toBe(CloseCode.MessageTooBig);
		await expectRoomUnharmed('stable content');
	});

	it('closes a sender of text frames, unknown types, client auth messages and trailing bytes', async () => {
		expect(await closeCodeFor('hello')).toBe(CloseCode.BadMessage);
		expect(await closeCodeFor(new Uint8Array([7]))).toBe(CloseCode.BadMessage);
		expect(await closeCodeFor(new Uint8Array([0, 9, 0]))).toBe(CloseCode.BadMessage);
		expect(await closeCodeFor(new Uint8Array([2, 0, 1, 65]))).toBe(CloseCode.BadMessage);
		expect(await closeCodeFor(new Uint8Array([3, 0]))).toBe(CloseCode.BadMessage);
		expect(await closeCodeFor(new Uint8Array([1, 3, 1, 1, 1]))).toBe(CloseCode.BadMessage);
		const awarenessNotJson = new Uint8Array([1, 5, 1, 7, 1, 1, 123]);
		expect(await closeCodeFor(awarenessNotJson)).toBe(CloseCode.BadMessage);
		const stateVectorGarbage = syncMessage(0, new Uint8Array([5, 200]));
		expect(await closeCodeFor(stateVectorGarbage)).toBe(CloseCode.BadMessage);
		await expectRoomUnharmed('stable content');
	});
});
