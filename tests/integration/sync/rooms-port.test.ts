// The `Rooms` port's two implementations: with no sync server in the process, a change goes
// straight to the document store (one logged update, none when nothing changed) and a later room
// load serves it; with a server, a change reaches the clients in the room and a read comes from
// the store, not from a room the read would load.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { eq } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { ydocUpdates } from '$lib/server/db/schema';
import { storedRooms, syncServerRooms } from '$lib/server/ports';
import { createAdmin } from '../../utils/factories';
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

const loggedUpdates = async (room: string) =>
	db
		.select({ id: ydocUpdates.id })
		.from(ydocUpdates)
		.where(eq(ydocUpdates.docId, await documentIdOf(db, room)));

describe('rooms without a server', () => {
	it('store a change as one update, store nothing for no change, and a room serves it', async () => {
		const admin = await createAdmin();
		const room = testRoom(admin.workspaceId);
		const rooms = storedRooms(db);

		await rooms.change(room, (doc) => {
			doc.getText('text').insert(0, 'stored');
			doc.getMap('meta').set('by', 'server');
		});
		expect(await loggedUpdates(room)).toHaveLength(1);
		await rooms.change(room, (doc) => doc.getText('text').toString());
		expect(await loggedUpdates(room)).toHaveLength(1);
		await rooms.change(room, (doc) => doc.getText('text').insert(6, ' twice'));
		expect(await rooms.read(room, (doc) => doc.getText('text').toString())).toBe('stored twice');
		expect(await rooms.reauthorizeUser(admin.userId)).toBe(0);

		const client = connectClient(server, room, admin.token);
		clients.push(client);
		await client.synced();
		expect(client.doc.getText('text').toString()).toBe('stored twice');
		expect(client.doc.getMap('meta').get('by')).toBe('server');
	});
});

describe('rooms of a sync server', () => {
	it('send a change to the room, read what is stored, and change the rooms that are open', async () => {
		const admin = await createAdmin();
		const room = testRoom(admin.workspaceId);
		const rooms = syncServerRooms(server.sync, db);
		const client = connectClient(server, room, admin.token);
		clients.push(client);
		await client.synced();

		await rooms.change(room, (doc) => doc.getText('text').insert(0, 'from the server'));
		await vi.waitFor(() => expect(client.doc.getText('text').toString()).toBe('from the server'));
		client.doc.getText('text').insert(0, '> ');
		await vi.waitFor(async () =>
			expect(await rooms.read(room, (doc) => doc.getText('text').toString())).toBe(
				'> from the server'
			)
		);
		expect(await rooms.changeOpenRooms(room, (doc) => doc.getMap('meta').set('seen', true))).toBe(
			1
		);
		await vi.waitFor(() => expect(client.doc.getMap('meta').get('seen')).toBe(true));
	});
});
