// A server that drains closes its sockets with 1012 ("service restart"); the client helper
// reconnects at once instead of after its back-off. The back-off timers are frozen here, so only
// an immediate reconnection can reach the server.
import { createServer } from 'node:http';
import { afterEach, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { appSyncHooks } from '$lib/server/app';
import { createSyncServer } from '$lib/server/sync';
import { SyncedDocument } from '$lib/sync/client.svelte';
import { createAdmin } from '../../utils/factories';
import { browserHeaders } from '../../utils/sync-client';
import { listen, serveSync, testRoom, testRoomKinds } from '../../utils/sync-server';

const previousWebSocket = globalThis.WebSocket;
const cleanups: (() => unknown)[] = [];

afterEach(async () => {
	vi.useRealTimers();
	for (const cleanup of cleanups.splice(0)) await cleanup();
	globalThis.WebSocket = previousWebSocket;
});

/** Stands in for the browser: a global WebSocket that sends the page's Origin and cookie. */
function signInAs(origin: string, token: string): void {
	const headers = browserHeaders(origin, token);
	class BrowserLikeWebSocket extends WebSocket {
		constructor(address: string | URL, protocols?: string | string[]) {
			super(address, protocols, { headers });
		}
	}
	globalThis.WebSocket = BrowserLikeWebSocket as unknown as typeof globalThis.WebSocket;
}

/** Waits, on real time and without timers, until `done` holds. */
async function until(done: () => boolean, ms = 5_000): Promise<boolean> {
	const deadline = Date.now() + ms;
	while (!done() && Date.now() < deadline) await new Promise((resolve) => setImmediate(resolve));
	return done();
}

describe('a service restart (1012)', () => {
	it('makes the client helper reconnect at once, not after its back-off', async () => {
		const sync = createSyncServer({
			kinds: testRoomKinds(),
			origin: undefined,
			hooks: { findMembership: appSyncHooks.hooks.findMembership },
			log: { warn: () => {}, error: () => {} }
		});
		let upgrades = 0;
		const http = createServer((_request, response) => response.writeHead(404).end());
		http.on('upgrade', () => upgrades++);
		serveSync(http, sync);
		const port = await listen(http);
		cleanups.push(() => new Promise((resolve) => http.close(resolve)));
		cleanups.push(() => http.closeAllConnections());
		const origin = `http://127.0.0.1:${port}`;

		const admin = await createAdmin();
		signInAs(origin, admin.token);
		const document = new SyncedDocument(testRoom(admin.workspaceId), {
			serverUrl: `ws://127.0.0.1:${port}/sync`,
			maxBackoffMs: 60_000
		});
		cleanups.unshift(() => document.destroy());
		await vi.waitFor(() => expect(document.status).toBe('connected'));
		expect(upgrades).toBe(1);

		vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
		await sync.close();
		// The drained server refuses the new connection (503); what counts is that it was tried.
		expect(await until(() => upgrades === 2)).toBe(true);
		expect(document.closed).toBeNull();
	});
});
