// Updates that depend on content the server does not have (a gap in a client's clocks, an item
// placed after a missing item, a deletion of unknown items) and crafted run lengths. Yjs keeps
// such a part aside and puts it into every later sync step 2, so it once reached every client
// that synced and piled up in the server's memory; now it is dropped and the sender asked to sync
// again, and a sender that keeps at it is closed.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import { db } from '$lib/server/db';
import { CloseCode } from '$lib/sync/close-codes';
import { loadStoredDocument } from '$lib/server/sync/storage';
import { createAdmin, createMember } from '../../utils/factories';
import { startTestServer, testRoom, type TestSyncServer } from '../../utils/sync-server';
import {
	connectClient,
	openRawClient,
	type RawClient,
	type TestClient
} from '../../utils/sync-client';
import { craftedUpdate, runLengthUpdate, syncFrame } from '../../utils/sync-frames';

const MAX_GAPPED_UPDATES = 3;
let server: TestSyncServer;
const clients: TestClient[] = [];
let workspaceId: string;
let adminToken: string;
let memberToken: string;

beforeAll(async () => {
	server = await startTestServer({ limits: { maxGappedUpdates: MAX_GAPPED_UPDATES } });
	const admin = await createAdmin();
	const member = await createMember(admin);
	workspaceId = admin.workspaceId;
	adminToken = admin.token;
	memberToken = member.token;
});

afterAll(async () => {
	for (const client of clients) client.destroy();
	await server.close();
});

function connect(room: string, token: string, doc?: Y.Doc): TestClient {
	const client = connectClient(server, room, token, { doc });
	clients.push(client);
	return client;
}

/** A room with `text` written by a stock client, which stays connected. */
async function roomWithText(text: string): Promise<{ room: string; writer: TestClient }> {
	const room = testRoom(workspaceId);
	const writer = connect(room, adminToken);
	await writer.synced();
	writer.doc.getText('text').insert(0, text);
	await vi.waitFor(async () => expect(await storedText(room)).toBe(text));
	return { room, writer };
}

async function storedDoc(room: string): Promise<Y.Doc> {
	const stored = await loadStoredDocument(db, room);
	const doc = new Y.Doc();
	if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
	for (const update of stored.updates) Y.applyUpdate(doc, update);
	return doc;
}

async function storedText(room: string): Promise<string> {
	return (await storedDoc(room)).getText('text').toString();
}

/** How many sync messages of `step` (0: the server asks what the client has; 1: its answer) `raw` received. */
function syncCount(raw: RawClient, step: 0 | 1): number {
	return raw.messages.filter((message) => {
		const decoder = decoding.createDecoder(message);
		return decoding.readVarUint(decoder) === 0 && decoding.readVarUint(decoder) === step;
	}).length;
}

/** Resolves once the server has handled everything `raw` sent so far (it answers a sync step 1 in order). */
async function handled(raw: RawClient): Promise<void> {
	const answered = syncCount(raw, 1);
	raw.socket.send(syncFrame(0, Y.encodeStateVector(new Y.Doc())));
	await vi.waitFor(() => expect(syncCount(raw, 1)).toBe(answered + 1));
}

/** What a client that syncs now gets: it must hold no part it cannot integrate. */
async function freshClientDoc(room: string): Promise<Y.Doc> {
	const fresh = connect(room, memberToken);
	await fresh.synced();
	return fresh.doc;
}

describe('updates with missing dependencies', () => {
	it('drops a client gap, a missing origin and a deletion of unknown items: nothing of them is served or stored', async () => {
		const { room, writer } = await roomWithText('kept');
		const raw = await openRawClient(server, room, memberToken);
		const gapped = [
			craftedUpdate(9001, 50, [{ text: 'gap', origin: { root: 'text' } }]),
			craftedUpdate(9002, 0, [{ text: 'orphan', origin: { client: 31337, clock: 5 } }]),
			craftedUpdate(9003, 0, [], [{ client: 31338, clock: 0, len: 2 ** 20 }])
		];
		for (const update of gapped) raw.socket.send(syncFrame(2, update));
		await handled(raw);

		const doc = await freshClientDoc(room);
		expect(doc.store.pendingStructs).toBeNull();
		expect(doc.store.pendingDs).toBeNull();
		expect(doc.getText('text').toString()).toBe('kept');
		expect([...Y.decodeStateVector(Y.encodeStateVector(doc)).keys()]).toEqual([
			writer.doc.clientID
		]);
		expect(writer.doc.store.pendingStructs).toBeNull();
		expect(await storedText(room)).toBe('kept');
		// One sync step 1 when it joined, one asking it to sync again after the first gap.
		expect(syncCount(raw, 0)).toBe(2);
		raw.socket.close();
	});

	it('keeps the part of an update that does not depend on what is missing', async () => {
		const { room, writer } = await roomWithText('kept');
		const raw = await openRawClient(server, room, memberToken);
		const whole = craftedUpdate(9010, 0, [{ text: 'new ', origin: { root: 'text' } }]);
		const gap = craftedUpdate(9011, 40, [{ text: 'lost', origin: { root: 'text' } }]);
		raw.socket.send(syncFrame(2, Y.mergeUpdates([whole, gap])));

		await vi.waitFor(() => expect(writer.doc.getText('text').toString()).toBe('new kept'));
		await vi.waitFor(async () => expect(await storedText(room)).toBe('new kept'));
		const doc = await freshClientDoc(room);
		expect(doc.getText('text').toString()).toBe('new kept');
		expect(doc.store.pendingStructs).toBeNull();
		raw.socket.close();
	});

	it('closes a sender that keeps sending such updates with a bad-update code', async () => {
		const { room } = await roomWithText('kept');
		const raw = await openRawClient(server, room, memberToken);
		for (let i = 0; i <= MAX_GAPPED_UPDATES; i++) {
			raw.socket.send(
				syncFrame(2, craftedUpdate(9020, 100 + i, [{ text: 'x', origin: { root: 'text' } }]))
			);
		}
		expect(await raw.closed).toBe(CloseCode.BadUpdate);
		expect(syncCount(raw, 0)).toBe(2);
		expect((await freshClientDoc(room)).store.pendingStructs).toBeNull();
	});

	it('keeps a stock client that edits after reconnecting and before its resync, and takes all its edits', async () => {
		const { room, writer } = await roomWithText('kept');
		// Edits made offline: the server has none of them when the client's next edit arrives.
		const doc = new Y.Doc();
		Y.applyUpdate(doc, Y.encodeStateAsUpdate(writer.doc));
		doc.getText('text').insert(4, ' offline');
		const late = connect(room, memberToken, doc);
		late.provider.once('status', ({ status }) => {
			if (status === 'connected') doc.getText('text').insert(12, ' online');
		});

		await vi.waitFor(() =>
			expect(writer.doc.getText('text').toString()).toBe('kept offline online')
		);
		await vi.waitFor(async () => expect(await storedText(room)).toBe('kept offline online'));
		expect(late.closeCodes).toEqual([]);
		expect(writer.closeCodes).toEqual([]);
	});
});

describe('crafted run lengths', () => {
	it('closes the sender of a struct or deleted range that ends beyond the clock bound, and applies none of it', async () => {
		const { room, writer } = await roomWithText('kept');
		const frames = [
			runLengthUpdate(9030, 0, 2 ** 40, 'gc'),
			runLengthUpdate(9031, 0, 2 ** 40, 'deleted'),
			runLengthUpdate(9032, 2 ** 52, 2 ** 52, 'gc'),
			craftedUpdate(9033, 0, [], [{ client: writer.doc.clientID, clock: 0, len: 2 ** 40 }])
		];
		for (const update of frames) {
			const raw = await openRawClient(server, room, memberToken);
			raw.socket.send(syncFrame(2, update));
			expect(await raw.closed).toBe(CloseCode.BadUpdate);
		}
		const doc = await freshClientDoc(room);
		expect(doc.getText('text').toString()).toBe('kept');
		expect([...Y.decodeStateVector(Y.encodeStateVector(doc)).keys()]).toEqual([
			writer.doc.clientID
		]);
		expect(writer.closeCodes).toEqual([]);
	});
});
