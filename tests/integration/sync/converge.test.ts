// Several stock y-websocket clients editing the same text and map at random, at the same time,
// end with the same document, the server's copy included, and so does what the database holds.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { db } from '$lib/server/db';
import { loadStoredDocument } from '$lib/server/sync/storage';
import { createAdmin, createMember } from '../../utils/factories';
import { startTestServer, testRoom, type TestSyncServer } from '../../utils/sync-server';
import { connectClient, type TestClient } from '../../utils/sync-client';

let server: TestSyncServer;
const clients: TestClient[] = [];

beforeAll(async () => {
	server = await startTestServer();
});

afterAll(async () => {
	for (const client of clients) client.destroy();
	await server.close();
});

function randomEdit(doc: Y.Doc, random: () => number, label: string, step: number): void {
	const text = doc.getText('text');
	doc.transact(() => {
		if (text.length > 0 && random() < 0.3) {
			const index = Math.floor(random() * text.length);
			text.delete(index, Math.min(text.length - index, 1 + Math.floor(random() * 3)));
		} else {
			text.insert(Math.floor(random() * (text.length + 1)), `${label}${step} `);
		}
		doc.getMap('cells').set(`cell-${Math.floor(random() * 8)}`, `${label}${step}`);
	});
}

/** A small deterministic generator, so a failure can be replayed. */
function seeded(seed: number): () => number {
	let state = seed;
	return () => {
		state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
		return state / 2 ** 32;
	};
}

describe('concurrent editing', () => {
	it('converges: every client, the server and the stored log end with the same document', async () => {
		const admin = await createAdmin();
		const member = await createMember(admin, 'member');
		const room = testRoom(admin.workspaceId);
		const tokens = [admin.token, member.token, admin.token, member.token];
		for (const token of tokens) clients.push(connectClient(server, room, token));
		await Promise.all(clients.map((client) => client.synced()));

		const randoms = clients.map((_, i) => seeded(1000 + i));
		for (let round = 0; round < 40; round++) {
			clients.forEach((client, i) =>
				randomEdit(client.doc, randoms[i], String.fromCharCode(97 + i), round)
			);
			// Let some edits cross in flight and others land between rounds.
			if (round % 5 === 0) await new Promise((resolve) => setImmediate(resolve));
		}

		const expected = () => clients[0].doc.getText('text').toString();
		await vi.waitFor(
			() => {
				for (const client of clients) {
					expect(client.doc.getText('text').toString()).toBe(expected());
					expect(client.doc.getMap('cells').toJSON()).toEqual(
						clients[0].doc.getMap('cells').toJSON()
					);
				}
			},
			{ timeout: 10_000, interval: 50 }
		);
		expect(expected().length).toBeGreaterThan(0);

		const fresh = connectClient(server, room, member.token);
		clients.push(fresh);
		await fresh.synced();
		expect(fresh.doc.getText('text').toString()).toBe(expected());

		await vi.waitFor(async () => {
			const stored = await loadStoredDocument(db, room);
			const restored = new Y.Doc();
			if (stored.snapshot) Y.applyUpdate(restored, stored.snapshot);
			for (const update of stored.updates) Y.applyUpdate(restored, update);
			expect(restored.getText('text').toString()).toBe(expected());
			expect(restored.getMap('cells').toJSON()).toEqual(clients[0].doc.getMap('cells').toJSON());
		});
	});
});
