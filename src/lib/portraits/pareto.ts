// The Pareto view: portraits ordered by their share of value, with the running total, and the few
// that together make ~80% of it marked. Shares are percent of the company's revenue or profit
// with two decimals; sums are taken in hundredths so 0.1 + 0.2 stays exact.
import { PARETO_THRESHOLD } from './model';

/** What the view needs of a portrait. */
export type ParetoInput = { id: string; name: string; valueShare: number | null };

/** One bar of the chart. */
export type ParetoRow = {
	id: string;
	name: string;
	/** Its own share, percent. */
	valueShare: number;
	/** Running total up to and including this portrait, percent. */
	cumulative: number;
	/** One of the fewest portraits that together reach the threshold. */
	vitalFew: boolean;
};

/** The whole view. */
export type ParetoView = {
	/** Portraits with a known share, largest first (ties by name). */
	rows: ParetoRow[];
	/** Portraits without a share, by name: shown apart, not charted. */
	unknown: { id: string; name: string }[];
	/** Sum of all known shares, percent. */
	total: number;
	/** True when the shares add up to more than 100% (the figures contradict each other). */
	overHundred: boolean;
	/** True when the charted portraits together reach the threshold. */
	reachesThreshold: boolean;
	/** How many portraits are marked, and what share of the charted ones that is (percent). */
	vitalFewCount: number;
	vitalFewPercentOfPortraits: number;
	/** What the marked portraits make together, percent. */
	vitalFewShare: number;
	/** The threshold used, percent. */
	threshold: number;
};

const toHundredths = (percent: number) => Math.round(percent * 100);
const fromHundredths = (hundredths: number) => hundredths / 100;

/**
 * Orders portraits by value share, largest first, with the running total. The "vital few" are the
 * shortest run from the top whose total reaches `threshold` percent of the company's value; when
 * all of them together do not reach it, none is marked.
 */
export function paretoView(portraits: ParetoInput[], threshold = PARETO_THRESHOLD): ParetoView {
	const byName = (a: { name: string; id: string }, b: { name: string; id: string }) =>
		a.name.localeCompare(b.name) || a.id.localeCompare(b.id);
	const known = portraits
		.filter(
			(portrait): portrait is ParetoInput & { valueShare: number } => portrait.valueShare !== null
		)
		.map((portrait) => ({ ...portrait, hundredths: toHundredths(portrait.valueShare) }))
		.sort((a, b) => b.hundredths - a.hundredths || byName(a, b));
	const unknown = portraits
		.filter((portrait) => portrait.valueShare === null)
		.map(({ id, name }) => ({ id, name }))
		.sort(byName);
	const target = toHundredths(threshold);
	const total = known.reduce((sum, portrait) => sum + portrait.hundredths, 0);
	const reachesThreshold = known.length > 0 && total >= target;
	let running = 0;
	let reached = false;
	const rows = known.map((portrait) => {
		const vitalFew = reachesThreshold && !reached;
		running += portrait.hundredths;
		if (running >= target) reached = true;
		return {
			id: portrait.id,
			name: portrait.name,
			valueShare: fromHundredths(portrait.hundredths),
			cumulative: fromHundredths(running),
			vitalFew
		};
	});
	const vital = rows.filter((row) => row.vitalFew);
	return {
		rows,
		unknown,
		total: fromHundredths(total),
		overHundred: total > 100_00,
		reachesThreshold,
		vitalFewCount: vital.length,
		vitalFewPercentOfPortraits: rows.length ? Math.round((vital.length / rows.length) * 100) : 0,
		vitalFewShare: vital.length ? vital[vital.length - 1].cumulative : 0,
		threshold
	};
}
