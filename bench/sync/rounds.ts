// Scenarios whose goals are ratios run in rounds, the servers taking turns, because this machine's
// speed drifts between minutes (the same build's CPU ratio moved from 1.34x to 2.06x between runs):
// a round of each server sits next to a round of the others in time. A scenario's reported figures
// are then the median of its rounds, figure by figure; every round stays in the results.

export type Json = { [key: string]: unknown };

/** The median of `values` (not empty). */
export function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function isObject(value: unknown): value is Json {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Each numeric figure the median of the rounds (an odd number of rounds gives a figure one of them
 * measured); other values (lists, text, missing figures) are the first round's.
 */
export function medianOfRounds(rounds: Json[]): Json {
	const combined: Json = {};
	for (const [key, first] of Object.entries(rounds[0])) {
		const values = rounds.map((round) => round[key]);
		if (values.every((value): value is number => typeof value === 'number'))
			combined[key] = Math.round(median(values) * 10_000) / 10_000;
		else if (values.every(isObject)) combined[key] = medianOfRounds(values);
		else combined[key] = first;
	}
	return combined;
}

/** A scenario's result over its rounds: the medians, each round, or the first failure if all failed. */
export function combineRounds(rounds: Json[]): Json {
	if (rounds.length === 1) return rounds[0];
	const measured = rounds.filter(
		(round) => round.error === undefined && round.notRun === undefined
	);
	if (measured.length === 0) return rounds[0];
	return { ...medianOfRounds(measured), rounds };
}
