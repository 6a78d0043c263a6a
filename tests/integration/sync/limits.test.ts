// Each bound closes the offending connection with its named code; the room goes on.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CloseCode } from '$lib/sync/close-codes';
import { createAdmin, createMember } from '../../utils/factories';
import { startTestServer, testRoom, type TestSyncServer } from '../../utils/sync-server';
import { connectClient, openRawClient, type TestClient } from '../../utils/sync-client';

let server: TestSyncServer;
const clients: TestClient[] = [];

beforeAll(async () => {
	server = await startTestServer({
		limits: {
			maxConnectionsPerRoom: 2,
			maxMessagesPerSecond: 5,
			messageBurst: 10,
			maxDocumentBytes: 2_000
		}
	});
});

afterAll(async () => {
	for (const client of clients) client.destroy();
	await server.close();
});

describe('bounds', () => {
	it('closes a connection beyond the room size with "room full"', async () => {
		const admin = await createAdmin();
		const room = testRoom(admin.workspaceId);
		const first = await openRawClient(server, room, admin.token);
		const second = await openRawClient(server, room, admin.token);
		const third = await openRawClient(server, room, admin.token);
		expect(await third.closed).toBe(CloseCode.RoomFull);
		second.socket.close();
		await second.closed;
		// Once the server has seen the place freed, a newcomer gets the server's sync step 1, not a close.
		await vi.waitFor(async () => {
			const again = await openRawClient(server, room, admin.token);
			const first = await again.firstEvent;
			again.socket.close();
			expect(first).toBe('message');
		});
		first.socket.close();
	});

	it('closes a connection that sends faster than its rate with "too many messages"', async () => {
		const admin = await createAdmin();
		const room = testRoom(admin.workspaceId);
		const raw = await openRawClient(server, room, admin.token);
		const queryAwareness = new Uint8Array([3]);
		for (let i = 0; i < 30; i++) raw.socket.send(queryAwareness);
		expect(await raw.closed).toBe(CloseCode.TooManyMessages);
	});

	it('closes a writer whose update would make the document too large, and stores none of it', async () => {
		const admin = await createAdmin();
		const member = await createMember(admin);
		const room = testRoom(admin.workspaceId);
		const writer = connectClient(server, room, admin.token);
		const reader = connectClient(server, room, member.token);
		clients.push(writer, reader);
		await Promise.all([writer.synced(), reader.synced()]);
		writer.doc.getText('text').insert(0, 'small');
		await vi.waitFor(() => expect(reader.doc.getText('text').toString()).toBe('small'));

		writer.doc.getText('text').insert(5, 'x'.repeat(3_000));
		await vi.waitFor(() => expect(writer.closeCodes).toContain(CloseCode.DocumentTooLarge));
		// A permanent refusal: the stock client does not retry it.
		expect(writer.provider.shouldConnect).toBe(false);
		reader.doc.getText('text').insert(0, '+');
		const check = connectClient(server, room, member.token);
		clients.push(check);
		await vi.waitFor(() => expect(check.doc.getText('text').toString()).toBe('+small'));
	});
});
