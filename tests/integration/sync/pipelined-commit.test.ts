// Several store statements are in flight at once, each holding the updates of many documents; a
// document is in at most one of them, so its updates are stored and relayed in arrival order,
// and a store that hangs or fails holds only the documents in it.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { asc, eq } from 'drizzle-orm';
import * as Y from 'yjs';
import { db } from '$lib/server/db';
import { ydocUpdates } from '$lib/server/db/schema';
import { defaultConfiguration } from '$lib/server/sync';
import type { UpdateRow } from '$lib/server/sync/storage';
import { documentIdOf } from '$lib/server/sync/storage';
import { createAdmin, createMember } from '../../utils/factories';
import { startTestServer, testRoom, type TestSyncServer } from '../../utils/sync-server';
import { connectClient, type TestClient } from '../../utils/sync-client';

let server: TestSyncServer;
const clients: TestClient[] = [];
/** Documents whose batches wait on `release` before they are stored. */
const held = new Set<string>();
let release: () => void = () => {};
let released = Promise.resolve();
/** Documents whose batches fail. */
const failing = new Set<string>();
/** Every store call's document names, and how many calls ran at once, per document and overall. */
const calls: string[][] = [];
const running = new Map<string, number>();
let runningNow = 0;
let mostAtOnce = 0;
let mostOfOneDocument = 0;
let storeDelayMs = 0;

async function store(input: { db: typeof db; rows: UpdateRow[] }): Promise<void> {
	const names = [...new Set(input.rows.map((row) => row.docName))];
	calls.push(names);
	if (names.some((name) => failing.has(name))) throw new Error('this batch fails');
	runningNow++;
	mostAtOnce = Math.max(mostAtOnce, runningNow);
	for (const name of names) {
		running.set(name, (running.get(name) ?? 0) + 1);
		mostOfOneDocument = Math.max(mostOfOneDocument, running.get(name) ?? 0);
	}
	try {
		if (names.some((name) => held.has(name))) await released;
		if (storeDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, storeDelayMs));
		await defaultConfiguration.hooks.storeUpdates(input);
	} finally {
		runningNow--;
		for (const name of names) running.set(name, (running.get(name) ?? 1) - 1);
	}
}

function hold(room: string): void {
	held.add(room);
	released = new Promise((resolve) => (release = resolve));
}

beforeAll(async () => {
	server = await startTestServer({
		timings: { storeRetryMinMs: 10, storeRetryMaxMs: 40 },
		hooks: { storeUpdates: store }
	});
});

afterAll(async () => {
	release();
	for (const client of clients) client.destroy();
	await server.close();
});

async function pair(workspace: { token: string; workspaceId: string }, readerToken: string) {
	const room = testRoom(workspace.workspaceId);
	const writer = connectClient(server, room, workspace.token);
	const reader = connectClient(server, room, readerToken);
	clients.push(writer, reader);
	await Promise.all([writer.synced(), reader.synced()]);
	return { room, writer, reader };
}

const text = (client: TestClient) => client.doc.getText('text').toJSON();

describe('pipelined group commit', () => {
	it("relays document B while document A's store hangs, and A once it completes", async () => {
		const admin = await createAdmin();
		const member = await createMember(admin);
		const a = await pair(admin, member.token);
		const b = await pair(admin, member.token);

		hold(a.room);
		const before = calls.length;
		a.writer.doc.getText('text').insert(0, 'A, held');
		await vi.waitFor(() => expect(calls.slice(before).some((c) => c.includes(a.room))).toBe(true));
		b.writer.doc.getText('text').insert(0, 'B, not held');
		await vi.waitFor(() => expect(text(b.reader)).toBe('B, not held'));
		expect(text(a.reader)).toBe('');

		held.delete(a.room);
		release();
		await vi.waitFor(() => expect(text(a.reader)).toBe('A, held'));
	});

	it("relays document B while document A's store keeps failing, and A once it is stored", async () => {
		const admin = await createAdmin();
		const member = await createMember(admin);
		const a = await pair(admin, member.token);
		const b = await pair(admin, member.token);

		failing.add(a.room);
		const before = calls.length;
		a.writer.doc.getText('text').insert(0, 'A, failing');
		await vi.waitFor(() =>
			expect(calls.slice(before).filter((c) => c.includes(a.room)).length).toBeGreaterThan(2)
		);
		b.writer.doc.getText('text').insert(0, 'B, stored');
		await vi.waitFor(() => expect(text(b.reader)).toBe('B, stored'));
		expect(text(a.reader)).toBe('');
		// Retries carry A alone: B's updates went into batches of their own.
		expect(calls.slice(before).filter((c) => c.includes(a.room) && c.includes(b.room))).toEqual([]);

		failing.delete(a.room);
		await vi.waitFor(() => expect(text(a.reader)).toBe('A, failing'));
	});

	it('stores each document in arrival order with several batches in flight, never two of one document', async () => {
		const admin = await createAdmin();
		const member = await createMember(admin);
		const rooms = await Promise.all([1, 2, 3, 4, 5, 6].map(() => pair(admin, member.token)));
		storeDelayMs = 15;
		mostAtOnce = 0;
		mostOfOneDocument = 0;
		try {
			// One document after another, so others have updates while a batch is in flight.
			for (let i = 0; i < 20; i++) {
				for (const { writer } of rooms) {
					writer.doc.getText('text').insert(i, String(i % 10));
					await new Promise((resolve) => setTimeout(resolve, 3));
				}
			}
			const expected = Array.from({ length: 20 }, (_, i) => String(i % 10)).join('');
			await vi.waitFor(() => {
				for (const { reader } of rooms) expect(text(reader)).toBe(expected);
			});
		} finally {
			storeDelayMs = 0;
		}
		expect(mostAtOnce).toBeGreaterThan(1);
		expect(mostOfOneDocument).toBe(1);

		for (const { room, writer } of rooms) {
			// The log, in id order, holds the writer's edits with ever growing clocks.
			const log = await db
				.select({ update: ydocUpdates.update })
				.from(ydocUpdates)
				.where(eq(ydocUpdates.docId, await documentIdOf(db, room)))
				.orderBy(asc(ydocUpdates.id));
			const clocks = log.flatMap(({ update }) =>
				Y.decodeUpdate(update)
					.structs.filter((struct) => struct.id.client === writer.doc.clientID)
					.map((struct) => struct.id.clock)
			);
			expect(clocks.length).toBeGreaterThan(1);
			expect(clocks).toEqual([...clocks].sort((x, y) => x - y));
		}
	});

	it('shuts down only after every batch in flight is stored and relayed', async () => {
		const admin = await createAdmin();
		const member = await createMember(admin);
		const own = await startTestServer({ hooks: { storeUpdates: store } });
		const room = testRoom(admin.workspaceId);
		const writer = connectClient(own, room, admin.token);
		const reader = connectClient(own, room, member.token);
		clients.push(writer, reader);
		await Promise.all([writer.synced(), reader.synced()]);

		hold(room);
		const before = calls.length;
		writer.doc.getText('text').insert(0, 'in flight at shutdown');
		await vi.waitFor(() => expect(calls.slice(before).some((c) => c.includes(room))).toBe(true));
		let closed = false;
		const closing = own.close().then(() => (closed = true));
		await new Promise((resolve) => setTimeout(resolve, 100));
		expect(closed).toBe(false);
		held.delete(room);
		release();
		await closing;
		expect(text(reader)).toBe('in flight at shutdown');
		const rows = await db
			.select({ id: ydocUpdates.id })
			.from(ydocUpdates)
			.where(eq(ydocUpdates.docId, await documentIdOf(db, room)));
		expect(rows.length).toBeGreaterThan(0);
	});
});
