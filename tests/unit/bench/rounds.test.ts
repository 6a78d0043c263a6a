// The sync benchmark's rounds: figures combine as medians, failed rounds are left out, and the
// ratio goals are judged round by round.
import { describe, expect, it } from 'vitest';
import { combineRounds, medianOfRounds } from '../../../bench/sync/rounds';
import { renderReport } from '../../../bench/sync/report';

function relay(cpu: number, p99: number) {
	return { serverCpuMsPerDelivered: cpu, latencyMs: { full: { p99 } }, dropped: 0 };
}

describe('medianOfRounds', () => {
	it('takes the median of each numeric figure, nested ones too, and the first round for the rest', () => {
		const combined = medianOfRounds([
			{ cpu: 3, nested: { p99: 10 }, steps: [1], label: 'a' },
			{ cpu: 1, nested: { p99: 30 }, steps: [2], label: 'b' },
			{ cpu: 2, nested: { p99: 20 }, steps: [3], label: 'c' }
		]);
		expect(combined).toEqual({ cpu: 2, nested: { p99: 20 }, steps: [1], label: 'a' });
	});

	it('averages the two middle figures of an even number of rounds', () => {
		expect(medianOfRounds([{ cpu: 1 }, { cpu: 4 }, { cpu: 2 }, { cpu: 10 }])).toEqual({ cpu: 3 });
	});
});

describe('combineRounds', () => {
	it('keeps a single run as it is', () => {
		expect(combineRounds([{ cpu: 1 }])).toEqual({ cpu: 1 });
	});

	it('leaves failed rounds out of the medians but keeps every round', () => {
		const rounds = [{ cpu: 5 }, { error: 'timed out' }, { cpu: 7 }, { cpu: 6 }];
		expect(combineRounds(rounds)).toEqual({ cpu: 6, rounds });
	});

	it('reports the first failure when every round failed', () => {
		expect(combineRounds([{ error: 'one' }, { error: 'two' }])).toEqual({ error: 'one' });
	});
});

describe('the goals of a run in rounds', () => {
	const output = (ours: number[][], reference: number[][]) => ({
		date: '2026-12-07T00:00:00.000Z',
		machine: {},
		params: { rounds: ours.length },
		durableCommit: { count: 400, p50: 0.3, p99: 1 },
		results: {
			ours: { steadyRelay: combineRounds(ours.map(([cpu, p99]) => relay(cpu, p99))) },
			reference: { steadyRelay: combineRounds(reference.map(([cpu, p99]) => relay(cpu, p99))) }
		}
	});

	it('judges CPU on the median of the rounds’ ratios, not on the ratio of the medians', () => {
		// Ratios per round 2.0, 1.2, 1.4 (median 1.4, met); medians 0.2 / 0.1 = 2.0 would miss it.
		const report = renderReport(
			output(
				[
					[0.2, 5],
					[0.12, 5],
					[0.28, 5]
				],
				[
					[0.1, 5],
					[0.1, 5],
					[0.2, 5]
				]
			)
		);
		const line = report.split('\n').find((l) => l.includes('server CPU per delivered update'));
		expect(line).toContain('| met |');
		expect(line).toContain('ours / reference = 1.4');
		expect(line).toContain('rounds: 2, 1.2, 1.4');
		expect(report).toContain('ran in 3 rounds');
	});

	it('counts the rounds in which steady-relay p99 stays within the floor', () => {
		const report = renderReport(
			output(
				[
					[0.1, 8],
					[0.1, 6],
					[0.1, 20]
				],
				[
					[0.1, 5],
					[0.1, 5],
					[0.1, 5]
				]
			)
		);
		const line = report.split('\n').find((l) => l.includes('steady-relay p99'));
		// Floor 5 + 2 × 1 = 7 ms: round 2 within it, rounds 1 and 3 not; the median (8 ms) misses.
		expect(line).toContain('**missed**');
		expect(line).toContain('met in 1 of 3 rounds');
	});
});
