import { describe, expect, it } from 'vitest';
import {
	parseAwarenessState,
	RoomPresence,
	type PresenceLimits
} from '$lib/server/sync/room-presence';
import { awarenessUpdate, deepJson } from '../../utils/sync-frames';

const limits: PresenceLimits = {
	maxClientIdsPerConnection: 4,
	maxAwarenessStateBytes: 16 * 1024,
	maxAwarenessDepth: 16,
	maxAwarenessValues: 512
};

function nested(depth: number): string {
	// An object holding arrays: the object is depth 1.
	return `{"a":${'['.repeat(depth - 1)}${']'.repeat(depth - 1)}}`;
}

function owner(id: string) {
	return { presenceUser: { id, name: id, color: '#000' }, clientIds: new Set<number>() };
}

describe('awareness state bounds', () => {
	it('takes a state as deep as the limit and refuses one level more', () => {
		expect(parseAwarenessState(nested(16), limits)).toEqual({ state: expect.any(Object) });
		expect(parseAwarenessState(nested(17), limits)).toBe('out-of-bounds');
	});

	it('refuses 100,000 levels before parsing them', () => {
		expect(
			parseAwarenessState(deepJson(100_000), { ...limits, maxAwarenessStateBytes: 1 << 20 })
		).toBe('out-of-bounds');
	});

	it('does not count brackets inside strings, escaped quotes included', () => {
		const json = JSON.stringify({ a: '[['.repeat(100), b: '\\"[{'.repeat(50) });
		expect(parseAwarenessState(json, limits)).toEqual({ state: JSON.parse(json) });
	});

	it('measures size in UTF-8 bytes', () => {
		// 9,000 Cyrillic letters: 9,000 UTF-16 units, 18,000 bytes.
		expect(parseAwarenessState(JSON.stringify({ a: 'ж'.repeat(9000) }), limits)).toBe(
			'out-of-bounds'
		);
		expect(parseAwarenessState(JSON.stringify({ a: 'ж'.repeat(8000) }), limits)).not.toBe(
			'out-of-bounds'
		);
	});

	it('counts every value: 512 are taken, 513 refused', () => {
		const list = (n: number) => JSON.stringify({ list: Array.from({ length: n }, () => 0) });
		expect(parseAwarenessState(list(510), limits)).not.toBe('out-of-bounds');
		expect(parseAwarenessState(list(511), limits)).toBe('out-of-bounds');
	});

	it('tells text that is not JSON apart', () => {
		expect(parseAwarenessState('{"a":', limits)).toBe('malformed');
	});
});

describe('RoomPresence.admit', () => {
	it('refuses a sender whose own state is out of bounds, and stores none of its update', () => {
		const presence = new RoomPresence(limits);
		const sender = owner('a');
		const update = awarenessUpdate([
			{ clientId: 1, clock: 1, json: '{"cell":"x"}' },
			{ clientId: 2, clock: 1, json: deepJson(100_000) }
		]);
		expect(presence.admit(update, sender)).toBe('out-of-bounds');
		expect(presence.size).toBe(0);
	});

	it("skips, unparsed, entries of client ids another connection owns (a stock client echoes its peers')", () => {
		const presence = new RoomPresence(limits);
		const first = owner('a');
		const second = owner('b');
		expect(
			presence.admit(awarenessUpdate([{ clientId: 1, clock: 1, json: '{}' }]), first)
		).not.toBeNull();
		const echo = awarenessUpdate([{ clientId: 1, clock: 2, json: deepJson(100_000) }]);
		expect(presence.admit(echo, second)).toBeNull();
		expect(presence.size).toBe(1);
	});

	it('lets no one claim the id of a peer that left by echoing its last relayed state', () => {
		const presence = new RoomPresence(limits);
		const leaving = owner('a');
		const echoing = owner('b');
		const relayed = presence.admit(
			awarenessUpdate([{ clientId: 9, clock: 3, json: '{}' }]),
			leaving
		);
		expect(relayed).not.toBeNull();
		presence.release(leaving);
		const serverClock = Date.now();
		const echo = awarenessUpdate([{ clientId: 9, clock: serverClock, json: '{"user":{}}' }]);
		expect(presence.admit(echo, echoing)).toBeNull();
		expect(echoing.clientIds.size).toBe(0);
		// The client itself, reconnecting with its own clock, takes its id back.
		expect(
			presence.admit(awarenessUpdate([{ clientId: 9, clock: 4, json: '{}' }]), owner('a'))
		).not.toBeNull();
	});
});
