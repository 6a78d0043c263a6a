// The Svelte-facing client helper against the real server: status goes connecting → connected
// (or read-only), presence lists the others with server-stamped names, and a permanent refusal
// leaves it offline with the close code. (No IndexedDB in Node: the local copy is tested in e2e.)
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { eq } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { memberships } from '$lib/server/db/schema';
import { SyncedDocument } from '$lib/sync/client.svelte';
import { CloseCode } from '$lib/sync/close-codes';
import { roomNamePrefix } from '$lib/sync/room';
import { createAdmin, createMember } from '../../utils/factories';
import { startTestServer, testRoom, type TestSyncServer } from '../../utils/sync-server';
import { browserHeaders } from '../../utils/sync-client';

let server: TestSyncServer;
const documents: SyncedDocument[] = [];
const previousWebSocket = globalThis.WebSocket;

beforeAll(async () => {
	server = await startTestServer();
});

afterAll(async () => {
	for (const document of documents) document.destroy();
	globalThis.WebSocket = previousWebSocket;
	await server.close();
});

/** Stands in for the browser: a global WebSocket that sends the page's Origin and cookie. */
function signInAs(token: string): void {
	const headers = browserHeaders(server.origin, token);
	class BrowserLikeWebSocket extends WebSocket {
		constructor(address: string | URL, protocols?: string | string[]) {
			super(address, protocols, { headers });
		}
	}
	// ws implements the browser WebSocket API; only its TypeScript class differs.
	globalThis.WebSocket = BrowserLikeWebSocket as unknown as typeof globalThis.WebSocket;
}

function open(room: string, token: string): SyncedDocument {
	signInAs(token);
	const document = new SyncedDocument(room, { serverUrl: server.url, maxBackoffMs: 200 });
	documents.push(document);
	return document;
}

describe('SyncedDocument', () => {
	it('reports connected, read-only, presence and a permanent refusal', async () => {
		const admin = await createAdmin('Ada Admin');
		const reader = await createMember(admin, 'member', 'Rita Reader');
		const room = testRoom(admin.workspaceId, 'notice');

		const writing = open(room, admin.token);
		expect(writing.status).toBe('connecting');
		await vi.waitFor(() => expect(writing.status).toBe('connected'));

		const reading = open(room, reader.token);
		await vi.waitFor(() => expect(reading.status).toBe('read-only'));

		await vi.waitFor(() => {
			expect(writing.peers.map((peer) => peer.name)).toEqual(['Rita Reader']);
			expect(reading.peers).toEqual([
				expect.objectContaining({
					id: admin.userId,
					name: 'Ada Admin',
					clientId: writing.doc.clientID
				})
			]);
		});

		writing.doc.getText('text').insert(0, 'hello');
		await vi.waitFor(() => expect(reading.doc.getText('text').toString()).toBe('hello'));

		// Removed from the workspace: closed for good, offline, with the reason kept.
		await db.delete(memberships).where(eq(memberships.userId, reader.userId));
		await server.sync.reauthorize(roomNamePrefix(admin.workspaceId));
		await vi.waitFor(() => {
			expect(reading.status).toBe('offline');
			expect(reading.closed?.code).toBe(CloseCode.Forbidden);
		});
		await vi.waitFor(() => expect(writing.peers).toEqual([]));
	});

	it('goes offline when the server goes away and back to connected when it returns', async () => {
		const admin = await createAdmin();
		const room = testRoom(admin.workspaceId);
		const document = open(room, admin.token);
		await vi.waitFor(() => expect(document.status).toBe('connected'));
		const port = Number(new URL(server.origin).port);
		await server.close();
		await vi.waitFor(() => expect(document.status).toBe('offline'));
		expect(document.closed).toBeNull();
		document.doc.getText('text').insert(0, 'typed while offline');

		server = await startTestServer({}, port);
		await vi.waitFor(() => expect(document.status).toBe('connected'), { timeout: 5_000 });
		const other = open(room, admin.token);
		await vi.waitFor(() =>
			expect(other.doc.getText('text').toString()).toBe('typed while offline')
		);
	});
});
