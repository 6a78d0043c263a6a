// Nothing is relayed before it is stored: while the database refuses writes, updates wait (and
// are retried), nobody sees them, and a joining client is not served them; once storing works
// again everything arrives. A document that fails to load is never served, nor written over.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { eq } from 'drizzle-orm';
import * as Y from 'yjs';
import { db } from '$lib/server/db';
import { ydocSnapshots, ydocUpdates } from '$lib/server/db/schema';
import { defaultConfiguration } from '$lib/server/sync';
import { appendUpdates, documentIdOf } from '$lib/server/sync/storage';
import { CloseCode } from '$lib/sync/close-codes';
import { createAdmin, createMember } from '../../utils/factories';
import { startTestServer, testRoom, type TestSyncServer } from '../../utils/sync-server';
import { connectClient, type TestClient } from '../../utils/sync-client';

let server: TestSyncServer;
const clients: TestClient[] = [];
let storeAttempts = 0;
let storeFails = false;
const failingLoads = new Set<string>();

beforeAll(async () => {
	server = await startTestServer({
		limits: { maxPendingBytes: 4096 },
		timings: { storeRetryMinMs: 10, storeRetryMaxMs: 50 },
		hooks: {
			storeUpdates: async (input) => {
				storeAttempts++;
				if (storeFails) throw new Error('database unavailable');
				return defaultConfiguration.hooks.storeUpdates(input);
			},
			loadDocument: async (input) => {
				if (failingLoads.has(input.roomName)) throw new Error('database unavailable');
				return defaultConfiguration.hooks.loadDocument(input);
			}
		}
	});
});

afterAll(async () => {
	for (const client of clients) client.destroy();
	await server.close();
});

async function storedRows(room: string) {
	return db
		.select({ id: ydocUpdates.id })
		.from(ydocUpdates)
		.where(eq(ydocUpdates.docId, await documentIdOf(db, room)));
}

describe('store before relay', () => {
	it('holds updates while storing fails, retries, and relays them only once stored', async () => {
		const admin = await createAdmin();
		const member = await createMember(admin);
		const room = testRoom(admin.workspaceId);
		const writer = connectClient(server, room, admin.token);
		const reader = connectClient(server, room, member.token);
		clients.push(writer, reader);
		await Promise.all([writer.synced(), reader.synced()]);

		storeFails = true;
		const attemptsBefore = storeAttempts;
		writer.doc.getText('text').insert(0, 'written while the database is down');
		await vi.waitFor(() => expect(storeAttempts).toBeGreaterThanOrEqual(attemptsBefore + 3));
		expect(reader.doc.getText('text').toString()).toBe('');
		expect(await storedRows(room)).toHaveLength(0);
		expect(server.logs.some((line) => line.includes('retrying'))).toBe(true);

		// A client joining now is not served the unsaved update either: its sync waits.
		const joiner = connectClient(server, room, member.token);
		clients.push(joiner);
		await vi.waitFor(() => expect(storeAttempts).toBeGreaterThanOrEqual(attemptsBefore + 6));
		expect(joiner.provider.synced).toBe(false);
		expect(joiner.doc.getText('text').toString()).toBe('');

		storeFails = false;
		await vi.waitFor(() => {
			expect(reader.doc.getText('text').toString()).toBe('written while the database is down');
			expect(joiner.doc.getText('text').toString()).toBe('written while the database is down');
		});
		expect(joiner.provider.synced).toBe(true);
		expect((await storedRows(room)).length).toBeGreaterThan(0);
		expect(server.sync.stats().pendingUpdates).toBe(0);
	});

	it('refuses new updates with "storage unavailable" once too much waits unsaved', async () => {
		const admin = await createAdmin();
		const room = testRoom(admin.workspaceId);
		const writer = connectClient(server, room, admin.token);
		clients.push(writer);
		await writer.synced();
		storeFails = true;
		try {
			writer.doc.getText('text').insert(0, 'x'.repeat(3000));
			writer.doc.getText('text').insert(0, 'y'.repeat(3000));
			await vi.waitFor(() => expect(writer.closeCodes).toContain(CloseCode.StoreUnavailable));
		} finally {
			storeFails = false;
		}
		// The client kept its edit and sends it again after reconnecting.
		await vi.waitFor(async () => {
			const check = connectClient(server, room, admin.token);
			clients.push(check);
			await check.synced();
			expect(check.doc.getText('text').length).toBe(6000);
		});
	});
});

describe('loading fails closed', () => {
	it('closes clients with "load failed" and writes nothing while the document cannot be read', async () => {
		const admin = await createAdmin();
		const room = testRoom(admin.workspaceId);
		const original = new Y.Doc();
		original.getText('text').insert(0, 'the real content');
		await appendUpdates(db, [{ docName: room, update: Y.encodeStateAsUpdate(original) }]);

		failingLoads.add(room);
		const client = connectClient(server, room, admin.token);
		clients.push(client);
		client.doc.getText('text').insert(0, 'typed offline ');
		await vi.waitFor(() =>
			expect(
				client.closeCodes.filter((code) => code === CloseCode.LoadFailed).length
			).toBeGreaterThanOrEqual(2)
		);
		expect(await storedRows(room)).toHaveLength(1);
		expect(
			await db
				.select()
				.from(ydocSnapshots)
				.where(eq(ydocSnapshots.docId, await documentIdOf(db, room)))
		).toHaveLength(0);

		failingLoads.delete(room);
		await vi.waitFor(() => expect(client.provider.synced).toBe(true));
		// Both survive; which comes first is up to the CRDT (concurrent inserts at the same place).
		await vi.waitFor(() => {
			const text = client.doc.getText('text').toString();
			expect(text).toContain('the real content');
			expect(text).toContain('typed offline ');
			expect(text).toHaveLength('the real content'.length + 'typed offline '.length);
		});
	});

	it('refuses a document whose stored log does not apply, leaving the log as it is', async () => {
		const admin = await createAdmin();
		const room = testRoom(admin.workspaceId);
		const good = new Y.Doc();
		good.getText('text').insert(0, 'before the corruption');
		await appendUpdates(db, [
			{ docName: room, update: Y.encodeStateAsUpdate(good) },
			{ docName: room, update: new Uint8Array([1, 2, 3, 250, 250]) }
		]);
		const client = connectClient(server, room, admin.token);
		clients.push(client);
		await vi.waitFor(() => expect(client.closeCodes).toContain(CloseCode.LoadFailed));
		client.provider.disconnect();
		expect(client.provider.synced).toBe(false);
		expect(await storedRows(room)).toHaveLength(2);
		expect(server.logs.some((line) => line.includes(room))).toBe(true);
	});
});
