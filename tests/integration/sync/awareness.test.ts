// Presence cannot be forged: a connection may only speak for the client ids it announced first,
// and the name and color everyone sees are stamped by the server from the signed-in user.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { userColor } from '$lib/sync/presence';
import { createAdmin, createMember } from '../../utils/factories';
import { startTestServer, testRoom, type TestSyncServer } from '../../utils/sync-server';
import { connectClient, openRawClient, stateOf, type TestClient } from '../../utils/sync-client';
import { awarenessMessage } from '../../utils/sync-frames';

let server: TestSyncServer;
const clients: TestClient[] = [];

beforeAll(async () => {
	server = await startTestServer();
});

afterAll(async () => {
	for (const client of clients) client.destroy();
	await server.close();
});

describe('presence', () => {
	it('stamps the server-side user, drops claims on other client ids, and removes states on disconnect', async () => {
		const admin = await createAdmin('Ada Admin');
		const member = await createMember(admin, 'member', 'Bo Member');
		const mallory = await createMember(admin, 'member', 'Mallory');
		const room = testRoom(admin.workspaceId);
		const alice = connectClient(server, room, admin.token);
		const bob = connectClient(server, room, member.token);
		clients.push(alice, bob);
		await Promise.all([alice.synced(), bob.synced()]);
		const aliceId = alice.doc.clientID;
		const bobId = bob.doc.clientID;

		// A client claiming to be someone else gets its own name back.
		alice.provider.awareness.setLocalStateField('user', {
			id: mallory.userId,
			name: 'The CEO',
			color: '#000000'
		});
		alice.provider.awareness.setLocalStateField('cursor', 7);
		await vi.waitFor(() => {
			expect(stateOf(bob, aliceId)).toEqual({
				user: { id: admin.userId, name: 'Ada Admin', color: userColor(admin.userId) },
				cursor: 7
			});
		});
		await vi.waitFor(() =>
			expect(stateOf(alice, bobId)?.user).toMatchObject({ id: member.userId, name: 'Bo Member' })
		);

		// Mallory overwrites Alice's state and erases Bob's, then announces herself.
		const raw = await openRawClient(server, room, mallory.token);
		const malloryId = 424242;
		raw.socket.send(
			awarenessMessage([
				{
					clientId: aliceId,
					clock: 1_000_000,
					state: { user: { name: 'Ada Admin' }, cursor: 'hijacked' }
				},
				{ clientId: bobId, clock: 1_000_000, state: null }
			])
		);
		raw.socket.send(awarenessMessage([{ clientId: malloryId, clock: 1, state: { cursor: 1 } }]));
		await vi.waitFor(() => {
			expect(stateOf(bob, malloryId)).toEqual({
				user: { id: mallory.userId, name: 'Mallory', color: userColor(mallory.userId) },
				cursor: 1
			});
		});
		// Her claims were processed before her own state (one connection, in order) and dropped.
		expect(stateOf(bob, aliceId)?.cursor).toBe(7);
		expect(stateOf(alice, bobId)?.user).toMatchObject({ name: 'Bo Member' });
		expect(stateOf(alice, malloryId)?.user).toMatchObject({ name: 'Mallory' });

		// Once owned, an id stays with its connection: Mallory cannot take it over in a later message either.
		raw.socket.send(
			awarenessMessage([{ clientId: bobId, clock: 2_000_000, state: { cursor: 'moved' } }])
		);
		raw.socket.send(awarenessMessage([{ clientId: malloryId, clock: 2, state: { cursor: 2 } }]));
		await vi.waitFor(() => expect(stateOf(alice, malloryId)?.cursor).toBe(2));
		expect(stateOf(alice, bobId)?.cursor).toBeUndefined();

		// Leaving removes the leaver's states for everyone.
		raw.socket.close();
		await vi.waitFor(() => {
			expect(stateOf(alice, malloryId)).toBeUndefined();
			expect(stateOf(bob, malloryId)).toBeUndefined();
		});
		bob.provider.disconnect();
		await vi.waitFor(() => expect(stateOf(alice, bobId)).toBeUndefined());
	});

	it('shows a reconnecting client again at once, though its own clock did not move', async () => {
		const admin = await createAdmin();
		const member = await createMember(admin);
		const room = testRoom(admin.workspaceId);
		const watcher = connectClient(server, room, admin.token);
		const mover = connectClient(server, room, member.token);
		clients.push(watcher, mover);
		await vi.waitFor(() => expect(stateOf(watcher, mover.doc.clientID)).toBeDefined());
		mover.provider.disconnect();
		await vi.waitFor(() => expect(stateOf(watcher, mover.doc.clientID)).toBeUndefined());
		mover.provider.connect();
		await vi.waitFor(
			() => expect(stateOf(watcher, mover.doc.clientID)?.user).toMatchObject({ id: member.userId }),
			{
				timeout: 3_000
			}
		);
	});
});
