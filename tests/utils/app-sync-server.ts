// The app's own rooms on a test sync server for one test file: every area's room kinds and
// session guests, registered as the process's sync server (domain code re-checks connections
// through it). Clients opened with `connect` are closed with the server after the file.
import { afterAll, beforeAll } from 'vitest';
import { registerRoomKinds } from '$lib/server/room-kinds';
import { sessionGuestSync } from '$lib/server/sessions/sync-guests';
import { RoomKindRegistry, type SyncServer } from '$lib/server/sync';
import { connectClient, type TestClient } from './sync-client';
import { startTestServer, type TestSyncServer } from './sync-server';

const SYNC = Symbol.for('focusboard.sync');
const holder: { [key: symbol]: SyncServer | undefined } = globalThis;

/** Starts the server before the file's tests and closes it, and every client, after them. */
export function useAppSyncServer() {
	let server: TestSyncServer | undefined;
	const clients: TestClient[] = [];

	beforeAll(async () => {
		const kinds = new RoomKindRegistry();
		registerRoomKinds(kinds);
		server = await startTestServer({ kinds, ...sessionGuestSync });
		holder[SYNC] = server.sync;
	});

	afterAll(async () => {
		delete holder[SYNC];
		for (const client of clients) client.destroy();
		await server?.close();
	});

	const started = (): TestSyncServer => {
		if (!server) throw new Error('the sync server starts in beforeAll');
		return server;
	};

	return {
		get server(): TestSyncServer {
			return started();
		},
		/** A stock y-websocket client in `room` as the holder of `token` (a guest with the guest cookie name). */
		connect(room: string, token: string, cookieName?: string): TestClient {
			const client = connectClient(started(), room, token, { cookieName });
			clients.push(client);
			return client;
		}
	};
}
