// The production server (`node server.js` on the build) in operation: probes and metrics answer
// without a session, requests carry an id, and SIGTERM drains: /readyz fails at once, new sync
// connections are refused, stock y-websocket clients that keep editing are closed with 1012, every
// edit a client received from the server is stored, and the process exits 0.
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import WebSocket from 'ws';
import type * as Y from 'yjs';
import { SESSION_COOKIE } from '$lib/server/auth/cookies';
import { CloseCode } from '$lib/sync/close-codes';
import { buildRoomName } from '$lib/sync/room';
import { newAccount } from '../../utils/e2e-accounts';
import {
	copyBuild,
	freshDatabase,
	startProductionServer,
	type AppDatabase,
	type ProductionServer
} from '../../utils/production-server';
import { browserHeaders, connectClient, type TestClient } from '../../utils/sync-client';

const METRICS_TOKEN = 'drain-test-metrics-token';
/** Long enough to see the draining state from outside, short enough for a test. */
const DRAIN_DELAY_MS = 1_500;

const skip = !inject('appUrl');
let build: Awaited<ReturnType<typeof copyBuild>> | undefined;
let database: AppDatabase | undefined;
const servers: ProductionServer[] = [];
const clients: TestClient[] = [];

beforeAll(async () => {
	if (skip) return;
	build = await copyBuild();
	database = await freshDatabase();
});

afterAll(async () => {
	for (const client of clients) client.destroy();
	for (const server of servers) await server.stop();
	await database?.remove();
	await build?.remove();
});

async function startServer(): Promise<ProductionServer> {
	if (!build || !database) throw new Error('set up in beforeAll');
	const server = await startProductionServer(build.dir, (port) => `http://127.0.0.1:${port}`, {
		database,
		env: () => ({
			METRICS_TOKEN,
			DRAIN_DELAY_MS: String(DRAIN_DELAY_MS),
			LOG_LEVEL: 'info'
		})
	});
	servers.push(server);
	return server;
}

/** Signs a new account up; its session token and workspace id. */
async function signUp(server: ProductionServer): Promise<{ token: string; workspaceId: string }> {
	const account = newAccount('drain');
	const response = await fetch(new URL('/signup', server.url), {
		method: 'POST',
		redirect: 'manual',
		headers: {
			origin: server.origin,
			accept: 'text/html',
			'content-type': 'application/x-www-form-urlencoded'
		},
		body: new URLSearchParams({
			workspaceName: account.workspaceName,
			name: account.name,
			email: account.email,
			password: account.password
		})
	});
	expect(response.status).toBe(303);
	const workspaceId = /^\/w\/([0-9a-f-]{36})/.exec(response.headers.get('location') ?? '')?.[1];
	const cookie = response.headers
		.getSetCookie()
		.find((header) => header.startsWith(`${SESSION_COOKIE}=`));
	const token = cookie?.split(';')[0]?.slice(SESSION_COOKIE.length + 1);
	if (!workspaceId || !token) throw new Error('sign-up gave no workspace or session');
	return { token, workspaceId };
}

/** Creates a blank portrait through its form; the name of its Yjs room. */
async function newPortraitRoom(
	server: ProductionServer,
	{ token, workspaceId }: { token: string; workspaceId: string }
): Promise<string> {
	const response = await fetch(new URL(`/w/${workspaceId}/portraits/new`, server.url), {
		method: 'POST',
		redirect: 'manual',
		headers: {
			origin: server.origin,
			accept: 'text/html',
			'content-type': 'application/x-www-form-urlencoded',
			cookie: `${SESSION_COOKIE}=${token}`
		},
		body: new URLSearchParams({ start: 'blank', name: 'Drained portrait', kind: 'customer' })
	});
	expect(response.status).toBe(303);
	const objectId = /\/portraits\/([0-9a-f-]{36})$/.exec(
		response.headers.get('location') ?? ''
	)?.[1];
	if (!objectId) throw new Error('no portrait was created');
	return buildRoomName({ workspaceId, kind: 'portrait', objectId });
}

function syncTarget(server: ProductionServer) {
	return { url: `${server.url.replace('http', 'ws')}/sync`, origin: server.origin };
}

/** The status of a WebSocket upgrade to `room` (101 when accepted). */
async function upgradeStatus(server: ProductionServer, room: string, token: string) {
	const socket = new WebSocket(`${syncTarget(server).url}/${room}`, {
		headers: browserHeaders(server.origin, token)
	});
	socket.on('error', () => {});
	const status = await Promise.race([
		once(socket, 'open').then(() => 101),
		new Promise<number>((resolve) =>
			socket.once('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0))
		)
	]);
	socket.terminate();
	return status;
}

function keysOf(doc: Y.Doc): string[] {
	return [...doc.getMap('drain').keys()];
}

describe.skipIf(skip)('the production server in operation', () => {
	it('answers probes and metrics without a session, and echoes request ids', async () => {
		const server = await startServer();
		const health = await fetch(new URL('/healthz', server.url));
		expect(health.status).toBe(200);
		const ready = await fetch(new URL('/readyz', server.url));
		expect(ready.status).toBe(200);
		expect(await ready.json()).toEqual({ status: 'ready', failed: [] });
		expect((await fetch(new URL('/metrics', server.url))).status).toBe(401);
		const metrics = await fetch(new URL('/metrics', server.url), {
			headers: { authorization: `Bearer ${METRICS_TOKEN}` }
		});
		expect(metrics.status).toBe(200);
		const text = await metrics.text();
		expect(text).toContain('focusboard_sync_connections 0');
		expect(text).toContain('focusboard_http_request_duration_seconds_bucket');

		const page = await fetch(new URL('/signin', server.url), {
			headers: { 'x-request-id': 'probe-42', cookie: `${SESSION_COOKIE}=not-a-real-secret` }
		});
		expect(page.headers.get('x-request-id')).toBe('probe-42');
		await vi.waitFor(() => expect(server.output()).toContain('"requestId":"probe-42"'));
		const line = server
			.output()
			.split('\n')
			.find((entry) => entry.includes('"requestId":"probe-42"'));
		expect(JSON.parse(line ?? '{}')).toMatchObject({ route: '/(auth)/signin', status: 200 });
		expect(server.output()).not.toContain('not-a-real-secret');
		await server.stop();
	});

	it('drains on SIGTERM: not ready, no new connections, 1012, every received edit stored, exit 0', async () => {
		const server = await startServer();
		const account = await signUp(server);
		const room = await newPortraitRoom(server, account);
		const writer = connectClient(syncTarget(server), room, account.token, {
			maxBackoffTime: 60_000
		});
		const reader = connectClient(syncTarget(server), room, account.token, {
			maxBackoffTime: 60_000
		});
		clients.push(writer, reader);
		await Promise.all([writer.synced(), reader.synced()]);

		// The writer keeps editing through the drain; the reader notes what the server relayed.
		const entries = writer.doc.getMap<number>('drain');
		let n = 0;
		const typing = setInterval(() => {
			if (writer.provider.wsconnected) entries.set(`edit-${n++}`, n);
		}, 10);
		await vi.waitFor(() => expect(keysOf(reader.doc).length).toBeGreaterThan(20));

		const exited = once(server.child, 'exit') as Promise<[number | null, string | null]>;
		server.child.kill('SIGTERM');
		await vi.waitFor(async () => {
			const ready = await fetch(new URL('/readyz', server.url));
			expect(ready.status).toBe(503);
			expect(await ready.json()).toMatchObject({ status: 'draining' });
		});
		expect(await upgradeStatus(server, room, account.token)).toBe(503);
		const duringDrain = keysOf(reader.doc).length;
		// Edits go on during the drain delay, over the connections already open.
		await vi.waitFor(() => expect(keysOf(reader.doc).length).toBeGreaterThan(duringDrain));

		const [code, signal] = await exited;
		clearInterval(typing);
		expect({ code, signal }).toEqual({ code: 0, signal: null });
		expect(writer.closeCodes).toContain(CloseCode.ServiceRestart);
		expect(reader.closeCodes).toContain(CloseCode.ServiceRestart);
		const received = keysOf(reader.doc);
		writer.provider.disconnect();
		reader.provider.disconnect();

		// A new process on the same database holds every edit the reader was sent.
		const restarted = await startServer();
		const fresh = connectClient(syncTarget(restarted), room, account.token);
		clients.push(fresh);
		await fresh.synced();
		const stored = new Set(keysOf(fresh.doc));
		expect(received.filter((key) => !stored.has(key))).toEqual([]);
		expect(stored.size).toBeGreaterThanOrEqual(received.length);
	});
});
