// Content survives the server process ending, gracefully (SIGTERM) or not (kill -9): after a
// restart every update any client received from the server is in the document, and clients that
// kept their own unsent edits converge with it once they reconnect.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as Y from 'yjs';
import { CloseCode } from '$lib/sync/close-codes';
import { testRoom } from '../../utils/sync-server';
import { connectClient, type ClientTarget, type TestClient } from '../../utils/sync-client';
import { freePort, startSyncProcess, type SyncProcess } from '../../utils/sync-process';
import type { ChildSeed } from '../../utils/sync-child';
import { acknowledgedKeys, startStormWriter, type StormWriter } from '../../utils/storm-writer';

let dir: string;
let env: Record<string, string | undefined>;
let port: number;
let target: ClientTarget;
let child: SyncProcess | undefined;
let seed: ChildSeed;
const everyClient: TestClient[] = [];

beforeAll(async () => {
	dir = mkdtempSync(join(tmpdir(), 'fb-sync-restart-'));
	// PGlite cannot share memory:// across processes: the child keeps its database on disk.
	env = process.env.DATABASE_URL
		? { DATABASE_URL: process.env.DATABASE_URL }
		: { DATA_DIR: join(dir, 'db') };
	env.SEED_FILE = join(dir, 'seed.json');
	port = await freePort();
	target = { url: `ws://127.0.0.1:${port}/sync`, origin: `http://127.0.0.1:${port}` };
	child = await startSyncProcess(port, env);
	seed = JSON.parse(readFileSync(join(dir, 'seed.json'), 'utf8'));
});

afterAll(async () => {
	for (const client of everyClient) client.destroy();
	await child?.stop('SIGTERM');
	rmSync(dir, { recursive: true, force: true });
});

function startWriter(room: string, token: string, label: string): StormWriter {
	const client = connectClient(target, room, token);
	everyClient.push(client);
	return startStormWriter(client, 'entries', label, 8);
}

function keysOf(doc: Y.Doc): Set<string> {
	return new Set(doc.getMap('entries').keys());
}

async function survives(signal: 'SIGTERM' | 'SIGKILL'): Promise<void> {
	const room = testRoom(seed.workspaceId);
	const writers = [
		startWriter(room, seed.adminToken, 'a'),
		startWriter(room, seed.memberToken, 'b'),
		startWriter(room, seed.adminToken, 'c')
	];
	await vi.waitFor(
		() => writers.forEach((writer) => expect(writer.received.size).toBeGreaterThan(60)),
		{ timeout: 15_000 }
	);

	const code = await child?.stop(signal);
	expect(code).toBe(signal === 'SIGTERM' ? 0 : null);
	for (const writer of writers) {
		writer.stop();
		writer.client.provider.disconnect();
	}
	if (signal === 'SIGTERM') {
		for (const writer of writers)
			expect(writer.client.closeCodes).toContain(CloseCode.ServiceRestart);
	}
	const received = acknowledgedKeys(writers);

	child = await startSyncProcess(port, env);
	const fresh = connectClient(target, room, seed.memberToken);
	everyClient.push(fresh);
	await fresh.synced();
	const stored = keysOf(fresh.doc);
	const missing = [...received].filter((key) => !stored.has(key));
	expect(missing).toEqual([]);

	// The writers still hold what the server never confirmed; reconnecting sends it.
	for (const writer of writers) writer.client.provider.connect();
	const written = writers.flatMap((writer) => writer.written);
	await vi.waitFor(
		() => {
			for (const client of [fresh, ...writers.map((writer) => writer.client)]) {
				expect(keysOf(client.doc).size).toBe(written.length);
			}
		},
		{ timeout: 15_000 }
	);
}

describe('restarts', () => {
	it('loses nothing any client received across kill -9', async () => {
		await survives('SIGKILL');
	});

	it('loses nothing across a graceful restart, and tells clients the service restarts (1012)', async () => {
		await survives('SIGTERM');
	});
});
