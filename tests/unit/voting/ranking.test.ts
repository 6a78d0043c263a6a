import { describe, expect, it } from 'vitest';
import { rankByTotal } from '$lib/server/voting/results';

describe('ranking vote totals', () => {
	it('puts the most dots first, keeps list order among equals, and lets equals share a rank', () => {
		const ranked = rankByTotal([
			{ id: 'a', position: 0, total: 2 },
			{ id: 'b', position: 1, total: 5 },
			{ id: 'c', position: 2, total: 2 },
			{ id: 'd', position: 3, total: 0 }
		]);
		expect(ranked.map((item) => [item.id, item.rank])).toEqual([
			['b', 1],
			['a', 2],
			['c', 2],
			['d', 4]
		]);
	});

	it('ranks nothing as nothing', () => {
		expect(rankByTotal([])).toEqual([]);
	});
});
