// A growing log is folded into a snapshot in the background without losing anything, and a room
// nobody is in leaves memory (compacted on the way out) and comes back intact.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { eq } from 'drizzle-orm';
import * as Y from 'yjs';
import { db } from '$lib/server/db';
import { ydocSnapshots, ydocUpdates } from '$lib/server/db/schema';
import { loadStoredDocument, documentIdOf } from '$lib/server/sync/storage';
import { createAdmin } from '../../utils/factories';
import { startTestServer, testRoom, type TestSyncServer } from '../../utils/sync-server';
import { connectClient, type TestClient } from '../../utils/sync-client';

let server: TestSyncServer;
const clients: TestClient[] = [];

beforeAll(async () => {
	server = await startTestServer({
		compaction: { afterUpdates: 20, onUnloadAfterUpdates: 1 },
		timings: { idleUnloadMs: 50 }
	});
});

afterAll(async () => {
	for (const client of clients) client.destroy();
	await server.close();
});

async function storedDoc(room: string): Promise<Y.Doc> {
	const stored = await loadStoredDocument(db, room);
	const doc = new Y.Doc();
	if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
	for (const update of stored.updates) Y.applyUpdate(doc, update);
	return doc;
}

const logRows = async (room: string) =>
	db
		.select({ id: ydocUpdates.id })
		.from(ydocUpdates)
		.where(eq(ydocUpdates.docId, await documentIdOf(db, room)));
const snapshotOf = async (room: string) =>
	(
		await db
			.select()
			.from(ydocSnapshots)
			.where(eq(ydocSnapshots.docId, await documentIdOf(db, room)))
	)[0];

describe('compaction and unloading', () => {
	it('folds the log into a snapshot once it passes the threshold, keeping the content', async () => {
		const admin = await createAdmin();
		const room = testRoom(admin.workspaceId);
		const writer = connectClient(server, room, admin.token);
		await writer.synced();
		const text = writer.doc.getText('text');
		for (let i = 0; i < 60; i++) {
			text.insert(text.length, `${i},`);
			if (i % 10 === 9) text.delete(0, 2);
			// One update per turn, so each is its own row.
			await new Promise((resolve) => setImmediate(resolve));
		}
		await vi.waitFor(async () => {
			expect(await snapshotOf(room)).toBeDefined();
			expect((await logRows(room)).length).toBeLessThan(20);
			expect((await storedDoc(room)).getText('text').toString()).toBe(text.toString());
		});
		const snapshot = await snapshotOf(room);
		expect(snapshot.byteSize).toBe(snapshot.state.length);
		expect(server.sync.stats().compactions).toBeGreaterThan(0);
		writer.destroy();
	});

	it('unloads an empty room after the idle time, compacts it, and serves it again intact', async () => {
		const admin = await createAdmin();
		const room = testRoom(admin.workspaceId);
		const writer = connectClient(server, room, admin.token);
		await writer.synced();
		writer.doc.getText('text').insert(0, 'kept across unloading');
		writer.doc.getMap('meta').set('round', 1);
		await vi.waitFor(async () => expect((await logRows(room)).length).toBeGreaterThan(0));
		writer.destroy();

		await vi.waitFor(async () => {
			expect(server.sync.stats().rooms).toBe(0);
			expect(await logRows(room)).toHaveLength(0);
			expect(await snapshotOf(room)).toBeDefined();
		});
		const reader = connectClient(server, room, admin.token);
		clients.push(reader);
		await reader.synced();
		expect(reader.doc.getText('text').toString()).toBe('kept across unloading');
		expect(reader.doc.getMap('meta').get('round')).toBe(1);
		expect(server.sync.stats().rooms).toBe(1);
	});
});
