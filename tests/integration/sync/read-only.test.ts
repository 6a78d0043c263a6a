// A read-only connection can read and follow the document but cannot change it: its updates are
// dropped, the server's copy and every other client stay as they were, and it is told why.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { eq } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { ydocUpdates } from '$lib/server/db/schema';
import { createAdmin, createMember } from '../../utils/factories';
import { startTestServer, testRoom, type TestSyncServer } from '../../utils/sync-server';
import { connectClient, type TestClient } from '../../utils/sync-client';
import { documentIdOf } from '$lib/server/sync/storage';

let server: TestSyncServer;
const clients: TestClient[] = [];

beforeAll(async () => {
	server = await startTestServer();
});

afterAll(async () => {
	for (const client of clients) client.destroy();
	await server.close();
});

describe('read-only access', () => {
	it("drops a read-only client's edits and tells it permission is denied", async () => {
		const admin = await createAdmin();
		const reader = await createMember(admin, 'member', 'Rita Reader');
		const room = testRoom(admin.workspaceId, 'notice');
		const writer = connectClient(server, room, admin.token);
		const readOnly = connectClient(server, room, reader.token);
		clients.push(writer, readOnly);
		await Promise.all([writer.synced(), readOnly.synced()]);

		writer.doc.getText('text').insert(0, 'official');
		await vi.waitFor(() => expect(readOnly.doc.getText('text').toString()).toBe('official'));
		expect(writer.denied).toEqual([]);
		await vi.waitFor(() => expect(readOnly.denied).toContain('read-only'));
		const storedRows = await db
			.select()
			.from(ydocUpdates)
			.where(eq(ydocUpdates.docId, await documentIdOf(db, room)));

		readOnly.denied.length = 0;
		readOnly.doc.getText('text').insert(0, 'vandalised ');
		readOnly.doc.getMap('meta').set('owner', 'reader');
		await vi.waitFor(() => expect(readOnly.denied).toContain('read-only'));

		// A later edit by the writer arrives after anything the reader sent would have.
		writer.doc.getText('text').insert(8, '!');
		await vi.waitFor(() => expect(readOnly.doc.getText('text').toString()).toContain('official!'));
		expect(writer.doc.getText('text').toString()).toBe('official!');
		expect(writer.doc.getMap('meta').size).toBe(0);
		const after = await db
			.select()
			.from(ydocUpdates)
			.where(eq(ydocUpdates.docId, await documentIdOf(db, room)));
		expect(after).toHaveLength(storedRows.length + 1);

		// A new client sees the server's copy: the reader's edits are not in it.
		const fresh = connectClient(server, room, admin.token);
		clients.push(fresh);
		await fresh.synced();
		expect(fresh.doc.getText('text').toString()).toBe('official!');
		expect(fresh.doc.getMap('meta').size).toBe(0);
	});
});
