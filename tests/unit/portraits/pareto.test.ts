import { describe, expect, it } from 'vitest';
import { paretoView } from '$lib/portraits/pareto';

const portrait = (id: string, valueShare: number | null, name = id) => ({ id, name, valueShare });

describe('Pareto view', () => {
	it('orders by value share with the running total and marks the few that reach 80%', () => {
		const view = paretoView([
			portrait('c', 10),
			portrait('a', 45.5),
			portrait('d', 4.5),
			portrait('b', 30),
			portrait('e', 10, 'Another ten')
		]);
		expect(
			view.rows.map((row) => [row.name, row.valueShare, row.cumulative, row.vitalFew])
		).toEqual([
			['a', 45.5, 45.5, true],
			['b', 30, 75.5, true],
			// Ties are ordered by name; the first to cross 80% belongs to the few.
			['Another ten', 10, 85.5, true],
			['c', 10, 95.5, false],
			['d', 4.5, 100, false]
		]);
		expect(view.total).toBe(100);
		expect(view.reachesThreshold).toBe(true);
		expect(view.vitalFewCount).toBe(3);
		expect(view.vitalFewPercentOfPortraits).toBe(60);
		expect(view.vitalFewShare).toBe(85.5);
		expect(view.overHundred).toBe(false);
	});

	it('stops marking at exactly the threshold', () => {
		const view = paretoView([portrait('a', 50), portrait('b', 30), portrait('c', 20)]);
		expect(view.rows.map((row) => row.vitalFew)).toEqual([true, true, false]);
		expect(view.vitalFewShare).toBe(80);
	});

	it('adds decimal shares exactly', () => {
		const view = paretoView([portrait('a', 0.1), portrait('b', 0.2), portrait('c', 79.7)]);
		expect(view.rows.map((row) => row.cumulative)).toEqual([79.7, 79.9, 80]);
		expect(view.rows.every((row) => row.vitalFew)).toBe(true);
	});

	it('marks none when the known shares do not reach the threshold, and keeps unknown shares apart', () => {
		const view = paretoView([
			portrait('a', 40),
			portrait('z', null, 'Zeta'),
			portrait('b', 20),
			portrait('y', null, 'Alpha')
		]);
		expect(view.rows.map((row) => row.id)).toEqual(['a', 'b']);
		expect(view.rows.some((row) => row.vitalFew)).toBe(false);
		expect(view.reachesThreshold).toBe(false);
		expect(view.total).toBe(60);
		expect(view.unknown).toEqual([
			{ id: 'y', name: 'Alpha' },
			{ id: 'z', name: 'Zeta' }
		]);
	});

	it('flags shares that add up to more than 100%', () => {
		const view = paretoView([portrait('a', 70), portrait('b', 50)]);
		expect(view.overHundred).toBe(true);
		expect(view.total).toBe(120);
		expect(view.rows.map((row) => row.vitalFew)).toEqual([true, true]);
	});

	it('is empty without portraits', () => {
		const view = paretoView([]);
		expect(view).toMatchObject({
			rows: [],
			unknown: [],
			total: 0,
			reachesThreshold: false,
			vitalFewCount: 0
		});
	});
});
