// An awareness state beyond the bounds (here 100,000 levels of nested JSON, which once overflowed
// the stack while being stamped and ended the process) closes its sender only. The server runs
// in a child process, so a crash shows as a dead process rather than as a failed test worker.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CloseCode } from '$lib/sync/close-codes';
import { testRoom } from '../../utils/sync-server';
import {
	connectClient,
	openRawClient,
	type ClientTarget,
	type TestClient
} from '../../utils/sync-client';
import { freePort, startSyncProcess, type SyncProcess } from '../../utils/sync-process';
import type { ChildSeed } from '../../utils/sync-child';
import { awarenessFrame, awarenessUpdate, deepJson } from '../../utils/sync-frames';

let dir: string;
let target: ClientTarget;
let child: SyncProcess | undefined;
let seed: ChildSeed;
const clients: TestClient[] = [];

beforeAll(async () => {
	dir = mkdtempSync(join(tmpdir(), 'fb-sync-awareness-'));
	const env: Record<string, string | undefined> = process.env.DATABASE_URL
		? { DATABASE_URL: process.env.DATABASE_URL }
		: { DATA_DIR: join(dir, 'db') };
	env.SEED_FILE = join(dir, 'seed.json');
	const port = await freePort();
	target = { url: `ws://127.0.0.1:${port}/sync`, origin: `http://127.0.0.1:${port}` };
	child = await startSyncProcess(port, env);
	seed = JSON.parse(readFileSync(env.SEED_FILE, 'utf8'));
}, 180_000);

afterAll(async () => {
	for (const client of clients) client.destroy();
	if (child?.child.exitCode === null) await child.stop('SIGTERM');
	rmSync(dir, { recursive: true, force: true });
});

function connect(room: string, token: string): TestClient {
	const client = connectClient(target, room, token);
	clients.push(client);
	return client;
}

/** Sends one awareness state as `json` from a raw connection of `token`; resolves with the close code. */
async function closeCodeForState(room: string, token: string, json: string): Promise<number> {
	const raw = await openRawClient(target, room, token);
	raw.socket.send(awarenessFrame(awarenessUpdate([{ clientId: 4242, clock: 1, json }])));
	return raw.closed;
}

describe('awareness bounds', () => {
	it('closes a reader that sends a 100,000-level state, and the server goes on serving the others', async () => {
		// In a notice room the member is a read-only reader; the admin writes.
		const room = testRoom(seed.workspaceId, 'notice');
		const writer = connect(room, seed.adminToken);
		const observer = connect(room, seed.memberToken);
		await Promise.all([writer.synced(), observer.synced()]);

		const json = deepJson(100_000);
		expect(json.length).toBeGreaterThan(190_000);
		expect(await closeCodeForState(room, seed.memberToken, json)).toBe(CloseCode.BadMessage);

		expect(child?.child.exitCode).toBeNull();
		writer.doc.getText('text').insert(0, 'still here');
		await vi.waitFor(() => expect(observer.doc.getText('text').toString()).toBe('still here'));
		const late = connect(testRoom(seed.workspaceId), seed.memberToken);
		await late.synced();
		expect(writer.closeCodes).toEqual([]);
		expect(observer.closeCodes).toEqual([]);
	});

	it('closes the sender of a state too deep, too large or with too many values, and keeps one within them', async () => {
		const room = testRoom(seed.workspaceId);
		const tooDeep = `{"a":${'['.repeat(16)}${']'.repeat(16)}}`;
		const tooLarge = JSON.stringify({ note: 'x'.repeat(17 * 1024) });
		const tooMany = JSON.stringify({ list: Array.from({ length: 600 }, (_, i) => i) });
		for (const json of [tooDeep, tooLarge, tooMany]) {
			expect(await closeCodeForState(room, seed.memberToken, json)).toBe(CloseCode.BadMessage);
		}

		const caret = {
			cursor: {
				anchor: { type: null, tname: 'draft', item: { client: 1, clock: 2 }, assoc: 0 },
				head: { type: null, tname: 'draft', item: { client: 1, clock: 2 }, assoc: 0 }
			},
			user: { name: 'Ada', color: '#fff' }
		};
		const raw = await openRawClient(target, room, seed.memberToken);
		raw.socket.send(
			awarenessFrame(awarenessUpdate([{ clientId: 777, clock: 1, json: JSON.stringify(caret) }]))
		);
		const watcher = connect(room, seed.adminToken);
		await vi.waitFor(() =>
			expect(watcher.provider.awareness.getStates().get(777)).toMatchObject({
				cursor: caret.cursor
			})
		);
		raw.socket.close();
		expect(child?.child.exitCode).toBeNull();
	});
});
