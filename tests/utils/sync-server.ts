// A real sync server on a real HTTP server, on a free loopback port, for integration tests.
// Test room kinds are registered here, never in production code.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { appSyncHooks } from '$lib/server/app';
import {
	createSyncServer,
	RoomKindRegistry,
	type SyncConfigOverrides,
	type SyncServer
} from '$lib/server/sync';
import { buildRoomName } from '$lib/sync/room';
import { randomUUID } from 'node:crypto';

/** Room kinds used by the tests: `note` is writable by every member, `notice` only by admins and facilitators. */
export function testRoomKinds(): RoomKindRegistry {
	const kinds = new RoomKindRegistry();
	kinds.register('note', { authorize: () => 'write' });
	kinds.register('notice', {
		authorize: ({ membership }) =>
			membership?.role === 'member' ? 'read' : membership ? 'write' : null
	});
	return kinds;
}

/** A fresh room name of `kind` in `workspaceId`. */
export function testRoom(workspaceId: string, kind: 'note' | 'notice' = 'note'): string {
	return buildRoomName({ workspaceId, kind, objectId: randomUUID() });
}

/** A running test server. */
export type TestSyncServer = {
	/** The sync server under test. */
	sync: SyncServer;
	/** http://127.0.0.1:<port>, the Origin a page of the app would send. */
	origin: string;
	/** ws://127.0.0.1:<port>/sync, the serverUrl for WebsocketProvider. */
	url: string;
	/** Messages the server logged. */
	logs: string[];
	/** Closes the sync server gracefully, then the HTTP server. */
	close(): Promise<void>;
};

/** Serves `/sync/*` upgrades with `sync` on `http`. */
export function serveSync(http: Server, sync: SyncServer): void {
	http.on('upgrade', (request, socket, head) => {
		if (!request.url?.startsWith('/sync/')) {
			socket.destroy();
			return;
		}
		void sync.handleUpgrade(request, socket, head);
	});
}

/** Listens on `port` (0: any free one) on loopback; resolves with the port. */
export function listen(http: Server, port = 0): Promise<number> {
	return new Promise((resolve, reject) => {
		http.once('error', reject);
		http.listen(port, '127.0.0.1', () => {
			const address: AddressInfo | string | null = http.address();
			if (address === null || typeof address === 'string') reject(new Error('no port'));
			else resolve(address.port);
		});
	});
}

/** Starts a sync server with the test kinds, the app's membership lookup and `overrides`, listening on `port` (default: a free one). */
export async function startTestServer(
	overrides: SyncConfigOverrides = {},
	port = 0
): Promise<TestSyncServer> {
	const logs: string[] = [];
	const sync = createSyncServer({
		kinds: testRoomKinds(),
		origin: undefined,
		log: {
			warn: (message) => logs.push(`warn: ${message}`),
			error: (message) => logs.push(`error: ${message}`)
		},
		...overrides,
		// Members are looked up as the app looks them up, whatever other hooks a test replaces.
		hooks: { findMembership: appSyncHooks.hooks.findMembership, ...overrides.hooks }
	});
	const http = createServer((_request, response) => response.writeHead(404).end());
	serveSync(http, sync);
	const boundPort = await listen(http, port);
	const origin = `http://127.0.0.1:${boundPort}`;
	return {
		sync,
		origin,
		url: `ws://127.0.0.1:${boundPort}/sync`,
		logs,
		async close() {
			await sync.close();
			http.closeAllConnections();
			await new Promise<void>((resolve) => http.close(() => resolve()));
		}
	};
}
