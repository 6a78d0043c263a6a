// Fuzz: attacker sockets send thousands of malformed frames of many kinds into a room while three
// stock y-websocket clients keep editing it. The server (a child process, so a crash shows) stays
// up, closes only attackers, the honest clients converge and the stored document holds every
// honest edit, and nothing the server could not integrate reaches anyone. FUZZ_FRAMES (attacks,
// default 3000; a flood is one) and FUZZ_SEED lengthen or repeat a run by hand; FUZZ_DEEP_JSON=0
// leaves out the deep-JSON kind, as in the run that found the junk (see gaps.test.ts).
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { CloseCode } from '$lib/sync/close-codes';
import { testRoom } from '../../utils/sync-server';
import {
	connectClient,
	openRawClient,
	type ClientTarget,
	type RawClient,
	type TestClient
} from '../../utils/sync-client';
import { freePort, startSyncProcess, type SyncProcess } from '../../utils/sync-process';
import type { ChildSeed } from '../../utils/sync-child';
import {
	awarenessFrame,
	awarenessUpdate,
	craftedUpdate,
	deepJson,
	realUpdate,
	residentBytes,
	runLengthUpdate,
	seededRandom,
	syncFrame
} from '../../utils/sync-frames';

const FRAMES = Number(process.env.FUZZ_FRAMES ?? 3000);
const SEED = Number(process.env.FUZZ_SEED ?? 20261206);
const ATTACKERS = 4;
const MAX_MESSAGE_BYTES = 1024 * 1024;
/** Codes an attacker may be closed with; ServerError would mean an unexpected exception. */
const ATTACKER_CODES: number[] = [
	CloseCode.BadMessage,
	CloseCode.BadUpdate,
	CloseCode.MessageTooBig,
	CloseCode.TooManyMessages
];

let dir: string;
let env: Record<string, string | undefined>;
let port: number;
let target: ClientTarget;
let child: SyncProcess | undefined;
let seed: ChildSeed;
const clients: TestClient[] = [];

beforeAll(async () => {
	dir = mkdtempSync(join(tmpdir(), 'fb-sync-fuzz-'));
	env = process.env.DATABASE_URL
		? { DATABASE_URL: process.env.DATABASE_URL }
		: { DATA_DIR: join(dir, 'db') };
	env.SEED_FILE = join(dir, 'seed.json');
	port = await freePort();
	target = { url: `ws://127.0.0.1:${port}/sync`, origin: `http://127.0.0.1:${port}` };
	child = await startSyncProcess(port, env);
	seed = JSON.parse(readFileSync(env.SEED_FILE, 'utf8'));
}, 180_000);

afterAll(async () => {
	for (const client of clients) client.destroy();
	if (child?.child.exitCode === null) await child.stop('SIGTERM');
	rmSync(dir, { recursive: true, force: true });
});

type Random = () => number;

/** One kind of attack: the frames it sends (text frames as strings). */
type FrameKind = {
	name: string;
	frames(random: Random, honest: HonestIds): (Uint8Array | string)[];
};

/** Client ids of the honest clients, which an attacker learns from awareness and updates. */
type HonestIds = { clientIds: number[]; clocks: Map<number, number> };

function int(random: Random, below: number): number {
	return Math.floor(random() * below);
}

function bytes(random: Random, length: number): Uint8Array {
	return new Uint8Array(length).map(() => int(random, 256));
}

function flipBits(random: Random, data: Uint8Array): Uint8Array {
	const copy = data.slice();
	for (let i = 1 + int(random, 3); i > 0; i--)
		copy[int(random, copy.length)] ^= 1 << int(random, 8);
	return copy;
}

function varuints(values: number[]): Uint8Array {
	const encoder = encoding.createEncoder();
	for (const value of values) encoding.writeVarUint(encoder, value);
	return encoding.toUint8Array(encoder);
}

function concat(...parts: Uint8Array[]): Uint8Array {
	return new Uint8Array(Buffer.concat(parts));
}

function forgedClient(random: Random): number {
	return 1_000_000 + int(random, 1_000_000);
}

function junkItem(random: Random) {
	return { text: `junk${int(random, 1000)}`, origin: { root: 'text' } };
}

function step(random: Random): number {
	return random() < 0.5 ? 1 : 2;
}

const OVERSIZED = new Uint8Array(MAX_MESSAGE_BYTES + 16).fill(7);
const DEEP_JSON = deepJson(100_000);

const KINDS: FrameKind[] = [
	{ name: 'random bytes', frames: (r) => [bytes(r, 1 + int(r, 200))] },
	{ name: 'garbage varints', frames: (r) => [new Uint8Array(1 + int(r, 40)).fill(0xff)] },
	{ name: 'empty frame', frames: () => [new Uint8Array(0)] },
	{ name: 'text frame', frames: () => ['{"type":"sync"}'] },
	{
		name: 'truncated envelope',
		frames: (r) => {
			const frame = syncFrame(2, realUpdate(forgedClient(r)));
			return [frame.slice(0, 1 + int(r, frame.length - 1))];
		}
	},
	{
		name: 'truncated update',
		frames: (r) => {
			const update = realUpdate(forgedClient(r));
			return [syncFrame(step(r), update.slice(0, int(r, update.length)))];
		}
	},
	{
		name: 'bit-flipped update',
		frames: (r) => [syncFrame(step(r), flipBits(r, realUpdate(forgedClient(r))))]
	},
	{
		name: 'bit-flipped frame',
		frames: (r) => [flipBits(r, syncFrame(2, realUpdate(forgedClient(r))))]
	},
	{ name: 'huge length prefix', frames: (r) => [concat(varuints([0, 2, 2 ** 50]), bytes(r, 8))] },
	{ name: 'unknown type', frames: (r) => [varuints([4 + int(r, 1000), 0])] },
	{ name: 'unknown sync step', frames: (r) => [varuints([0, 3 + int(r, 100), 0])] },
	{
		name: 'client auth message',
		frames: () => [concat(varuints([2, 0, 4]), new Uint8Array([1, 2, 3, 4]))]
	},
	{
		name: 'trailing bytes',
		frames: (r) => [concat(syncFrame(2, realUpdate(forgedClient(r))), bytes(r, 1 + int(r, 8)))]
	},
	{ name: 'empty update', frames: (r) => [syncFrame(step(r), new Uint8Array(0))] },
	{ name: 'oversized frame', frames: () => [OVERSIZED] },
	{
		name: 'gap: clock far ahead',
		frames: (r) => [
			syncFrame(step(r), craftedUpdate(forgedClient(r), 1 + int(r, 2 ** 30), [junkItem(r)]))
		]
	},
	{
		name: 'gap: forged honest client id, clock far ahead',
		frames: (r, honest) => {
			const client = honest.clientIds[int(r, honest.clientIds.length)] ?? forgedClient(r);
			const ahead = (honest.clocks.get(client) ?? 0) + 100_000 + int(r, 1_000_000);
			return [syncFrame(step(r), craftedUpdate(client, ahead, [junkItem(r)]))];
		}
	},
	{
		name: 'gap: origin is a missing item',
		frames: (r) => [
			syncFrame(
				step(r),
				craftedUpdate(forgedClient(r), 0, [
					{ text: 'orphan', origin: { client: forgedClient(r), clock: int(r, 1000) } }
				])
			)
		]
	},
	{
		name: 'gap: huge deleted range of unknown items',
		frames: (r) => [
			syncFrame(
				step(r),
				craftedUpdate(
					forgedClient(r),
					0,
					[],
					[{ client: forgedClient(r), clock: int(r, 1000), len: 1 + int(r, 2 ** 31) }]
				)
			)
		]
	},
	{
		name: 'gap: deleted range past an honest client',
		frames: (r, honest) => {
			const client = honest.clientIds[int(r, honest.clientIds.length)] ?? forgedClient(r);
			const beyond = (honest.clocks.get(client) ?? 0) + 1_000_000;
			return [
				syncFrame(
					step(r),
					craftedUpdate(forgedClient(r), 0, [], [{ client, clock: beyond, len: 2 ** 30 }])
				)
			];
		}
	},
	{
		name: 'huge run length',
		frames: (r) => [
			syncFrame(
				step(r),
				runLengthUpdate(
					forgedClient(r),
					int(r, 2 ** 40),
					2 ** 33 + int(r, 2 ** 40),
					r() < 0.5 ? 'gc' : 'deleted'
				)
			)
		]
	},
	{
		name: 'huge struct count',
		frames: (r) => [syncFrame(step(r), concat(varuints([1, 2 ** 31, forgedClient(r), 0, 0, 3])))]
	},
	{
		name: 'deep JSON awareness',
		frames: (r) => [
			awarenessFrame(awarenessUpdate([{ clientId: forgedClient(r), clock: 1, json: DEEP_JSON }]))
		]
	},
	{
		name: 'awareness too large',
		frames: (r) => [
			awarenessFrame(
				awarenessUpdate([
					{ clientId: forgedClient(r), clock: 1, json: JSON.stringify({ pad: 'x'.repeat(20_000) }) }
				])
			)
		]
	},
	{
		name: 'awareness not JSON',
		frames: (r) => [
			awarenessFrame(awarenessUpdate([{ clientId: forgedClient(r), clock: 1, json: '{"a":' }]))
		]
	},
	{
		name: 'awareness claims an honest client id',
		frames: (r, honest) => [
			awarenessFrame(
				awarenessUpdate([
					{
						clientId: honest.clientIds[int(r, honest.clientIds.length)] ?? 1,
						clock: 2 ** 30,
						json: 'null'
					}
				])
			)
		]
	},
	{
		name: 'state vector garbage',
		frames: (r) => [syncFrame(0, concat(varuints([5]), bytes(r, 3)))]
	},
	{
		name: 'state vector far ahead',
		frames: (r) => [syncFrame(0, varuints([1, forgedClient(r), 2 ** 40]))]
	},
	{
		name: 'awareness flood',
		frames: (r) =>
			Array.from({ length: 450 }, (_, i) =>
				awarenessFrame(
					awarenessUpdate([{ clientId: 5000 + int(r, 3), clock: i + 1, json: '{"cell":"a"}' }])
				)
			)
	}
];

/** What the attackers sent and how the server answered. */
type AttackReport = {
	frames: number;
	connections: number;
	closeCodes: Map<number, number>;
	byKind: Map<string, number>;
};

async function attack(
	random: Random,
	honest: HonestIds,
	room: string,
	attacks: number,
	report: AttackReport
) {
	const kinds =
		process.env.FUZZ_DEEP_JSON === '0'
			? KINDS.filter((k) => k.name !== 'deep JSON awareness')
			: KINDS;
	let left = attacks;
	while (left > 0) {
		const raw = await openRawClient(target, room, seed.memberToken);
		report.connections++;
		for (let picks = 1 + int(random, 4); picks > 0 && left > 0; picks--) {
			const kind = kinds[int(random, kinds.length)];
			left--;
			report.byKind.set(kind.name, (report.byKind.get(kind.name) ?? 0) + 1);
			for (const frame of kind.frames(random, honest)) {
				if (raw.socket.readyState !== raw.socket.OPEN) break;
				raw.socket.send(frame, { binary: typeof frame !== 'string' });
				report.frames++;
			}
		}
		const code = await closedOrAnswered(raw);
		if (code === null) {
			raw.socket.close();
			await raw.closed;
			continue;
		}
		report.closeCodes.set(code, (report.closeCodes.get(code) ?? 0) + 1);
	}
}

/**
 * Asks the server for a sync step 2 behind everything sent so far: resolves with the close code
 * if the server closes the connection first, or null once the answer arrives (the server took
 * every frame without closing).
 */
async function closedOrAnswered(raw: RawClient): Promise<number | null> {
	const answered = new Promise<null>((resolve) => {
		raw.socket.on('message', (data) => {
			if (Buffer.isBuffer(data) && data[0] === 0 && data[1] === 1) resolve(null);
		});
	});
	if (raw.socket.readyState === raw.socket.OPEN) raw.socket.send(syncFrame(0, new Uint8Array([0])));
	return Promise.race([raw.closed, answered]);
}

/** A stock client that keeps writing new keys (and now and then text) until stopped. */
type Writer = { client: TestClient; written: string[]; stop(): void };

function startWriter(room: string, token: string, label: string): Writer {
	const client = connectClient(target, room, token);
	clients.push(client);
	const entries = client.doc.getMap<number>('entries');
	const text = client.doc.getText('text');
	const written: string[] = [];
	let n = 0;
	const timer = setInterval(() => {
		const key = `${label}-${n++}`;
		entries.set(key, n);
		if (n % 5 === 0) text.insert(0, label);
		written.push(key);
	}, 25);
	return { client, written, stop: () => clearInterval(timer) };
}

function entriesOf(doc: Y.Doc): Record<string, unknown> {
	return doc.getMap('entries').toJSON();
}

describe('fuzz', () => {
	it(
		`survives ${FRAMES} malformed frames while honest clients edit, and they converge on every edit`,
		async () => {
			const room = testRoom(seed.workspaceId);
			const writers = [
				startWriter(room, seed.adminToken, 'a'),
				startWriter(room, seed.memberToken, 'b'),
				startWriter(room, seed.adminToken, 'c')
			];
			await Promise.all(writers.map((writer) => writer.client.synced()));
			const honest: HonestIds = {
				clientIds: writers.map((w) => w.client.doc.clientID),
				clocks: new Map()
			};
			const pid = child?.child.pid ?? 0;
			const rssBefore = await residentBytes(pid);

			const report: AttackReport = {
				frames: 0,
				connections: 0,
				closeCodes: new Map(),
				byKind: new Map()
			};
			const refreshClocks = setInterval(() => {
				for (const writer of writers)
					honest.clocks.set(
						writer.client.doc.clientID,
						Y.getState(writer.client.doc.store, writer.client.doc.clientID)
					);
			}, 100);
			const started = performance.now();
			await Promise.all(
				Array.from({ length: ATTACKERS }, (_, i) =>
					attack(seededRandom(SEED + i), honest, room, Math.ceil(FRAMES / ATTACKERS), report)
				)
			);
			clearInterval(refreshClocks);
			for (const writer of writers) writer.stop();
			const attackMs = performance.now() - started;

			expect(child?.child.exitCode).toBeNull();
			await vi.waitFor(
				() => {
					const expected = entriesOf(writers[0].client.doc);
					for (const writer of writers) {
						expect(entriesOf(writer.client.doc)).toEqual(expected);
						expect(writer.client.doc.getText('text').toString()).toBe(
							writers[0].client.doc.getText('text').toString()
						);
					}
					for (const key of writers.flatMap((writer) => writer.written))
						expect(expected).toHaveProperty(key);
				},
				{ timeout: 20_000, interval: 100 }
			);
			const rssAfter = await residentBytes(pid);
			const codes = [...report.closeCodes.keys()];
			console.info(
				`fuzz: ${report.frames} frames (${FRAMES} attacks of ${report.byKind.size} kinds) on ${report.connections} connections in ${Math.round(attackMs)} ms; ` +
					`attacker closes ${JSON.stringify(Object.fromEntries(report.closeCodes))}; ` +
					`server RSS ${mb(rssBefore)} → ${mb(rssAfter)} MB`
			);
			for (const writer of writers) {
				expect(writer.client.doc.store.pendingStructs).toBeNull();
				expect(writer.client.doc.store.pendingDs).toBeNull();
			}
			for (const writer of writers) expect(writer.client.closeCodes).toEqual([]);

			// A fresh client gets what the server holds: every honest edit, nothing it cannot integrate.
			const fresh = connectClient(target, room, seed.adminToken);
			clients.push(fresh);
			await fresh.synced();
			expect(entriesOf(fresh.doc)).toEqual(entriesOf(writers[0].client.doc));
			expect(fresh.doc.store.pendingStructs).toBeNull();
			expect(fresh.doc.store.pendingDs).toBeNull();

			for (const code of codes) expect(ATTACKER_CODES).toContain(code);
			expect(report.closeCodes.size).toBeGreaterThan(2);
			expect(child?.child.exitCode).toBeNull();

			// What the honest clients got was stored before it was relayed: it survives kill -9.
			const converged = entriesOf(writers[0].client.doc);
			for (const writer of writers) writer.client.destroy();
			await child?.stop('SIGKILL');
			child = await startSyncProcess(port, env);
			const reloaded = connectClient(target, room, seed.memberToken);
			clients.push(reloaded);
			await reloaded.synced();
			expect(entriesOf(reloaded.doc)).toEqual(converged);
		},
		Math.max(120_000, FRAMES * 100)
	);
});

function mb(bytes: number | null): string {
	return bytes === null ? '?' : (bytes / 1024 / 1024).toFixed(0);
}
