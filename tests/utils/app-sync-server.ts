// The app's own rooms on a test sync server for one test file: every area's room kinds and
// session guests, as the composition root wires them, and the `Rooms` port pointed at it (domain
// code re-checks connections and changes documents through it). Clients opened with `connect`
// are closed with the server after the file.
import { afterAll, beforeAll } from 'vitest';
import { appRoomKinds, appSyncHooks } from '$lib/server/app';
import { installPorts, syncServerRooms } from '$lib/server/ports';
import { connectClient, type TestClient } from './sync-client';
import { startTestServer, type TestSyncServer } from './sync-server';

/** A test sync server serving the app's rooms, behind the `Rooms` port until `close`. */
export async function startAppTestServer(): Promise<TestSyncServer> {
	const server = await startTestServer({ ...appSyncHooks, kinds: appRoomKinds() });
	const uninstall = installPorts({ rooms: syncServerRooms(server.sync) });
	return {
		...server,
		async close() {
			uninstall();
			await server.close();
		}
	};
}

/** Starts the server before the file's tests and closes it, and every client, after them. */
export function useAppSyncServer() {
	let server: TestSyncServer | undefined;
	const clients: TestClient[] = [];

	beforeAll(async () => {
		server = await startAppTestServer();
	});

	afterAll(async () => {
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
		connect: (room: string, token: string, cookieName?: string): TestClient => {
			const client = connectClient(started(), room, token, { cookieName });
			clients.push(client);
			return client;
		}
	};
}
