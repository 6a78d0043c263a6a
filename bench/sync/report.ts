// Writes the side-by-side tables and the goal checks of a run into BENCHMARKS.md, between
// markers, so the hand-written analysis around them survives a re-run.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { median } from './rounds';

const START = '<!-- bench:sync:start -->';
const END = '<!-- bench:sync:end -->';
const KINDS = ['ours', 'reference', 'hocuspocus'] as const;

type Json = { [key: string]: unknown };

function get(value: unknown, path: string): unknown {
	let current: unknown = value;
	for (const key of path.split('.')) {
		if (typeof current !== 'object' || current === null) return undefined;
		current = (current as Json)[key];
	}
	return current;
}

function cell(value: unknown): string {
	if (value === undefined || value === null) return 'n/a';
	if (typeof value === 'number')
		return Number.isInteger(value) ? value.toLocaleString('en-US') : String(value);
	return typeof value === 'string' ? value : JSON.stringify(value);
}

function row(results: Json, label: string, path: string): string {
	return `| ${label} | ${KINDS.map((kind) => cell(get(results[kind], path))).join(' | ')} |`;
}

function ratio(a: unknown, b: unknown): number | null {
	return typeof a === 'number' && typeof b === 'number' && b > 0
		? Math.round((a / b) * 100) / 100
		: null;
}

/** The rounds of a scenario (empty when it ran once). */
function roundsOf(results: Json | undefined, scenario: string): Json[] {
	const rounds = get(results, `${scenario}.rounds`);
	return Array.isArray(rounds) ? (rounds as Json[]) : [];
}

/** Round by round, ours's figure at `path` over the reference's in the same round. */
function roundRatios(ours: Json, reference: Json, scenario: string, path: string): number[] {
	const theirs = roundsOf(reference, scenario);
	return roundsOf(ours, scenario)
		.slice(0, theirs.length)
		.map((round, i) => ratio(get(round, path), get(theirs[i], path)))
		.filter((value): value is number => value !== null);
}

/** A ratio goal's figure: the median of the rounds' ratios, or the one run's ratio; and the rounds'. */
function goalRatio(ours: Json, reference: Json, scenario: string, path: string) {
	const rounds = roundRatios(ours, reference, scenario, path);
	const value =
		rounds.length > 0
			? Math.round(median(rounds) * 100) / 100
			: ratio(get(ours, `${scenario}.${path}`), get(reference, `${scenario}.${path}`));
	return { value, rounds };
}

/** `; rounds: a, b, c` for a goal's detail, or nothing for a single run. */
function perRound(values: unknown[]): string {
	return values.length > 1 ? `; rounds: ${values.map(cell).join(', ')}` : '';
}

function goal(name: string, met: boolean | null, detail: string): string {
	return `| ${name} | ${met === null ? 'not measured' : met ? 'met' : '**missed**'} | ${detail} |`;
}

/** `one / two` of the same metric for one instance and for two. */
function pair(step: Json, metric: string): string {
	return `${cell(get(step, `oneInstance.${metric}`))} / ${cell(get(step, `twoInstances.${metric}`))}`;
}

/** The two-instance table (ours only), or why there is none. */
function twoInstancesLines(ours: Json | undefined): string[] {
	const intro =
		'Two instances of ours over Redis: in each room a writer on the first instance and a reader on the same instance (one), then on a second instance sharing the room over Redis, so that every update crosses Redis (two); fresh rooms for each. The reference and Hocuspocus have no multi-instance mode.';
	const result = get(ours, 'twoInstances');
	if (typeof result !== 'object' || result === null) return ['', `${intro} Not in this run.`];
	const { notRun, error, rooms, steps } = result as Json;
	if (notRun !== undefined) return ['', `${intro} Not run: ${cell(notRun)}.`];
	if (error !== undefined) return ['', `${intro} Failed: ${cell(error)}.`];
	return [
		'',
		`${intro} ${cell(rooms)} rooms:`,
		'',
		'| offered updates / s | sent / s, one / two | p50 ms, one / two | p99 ms, one / two | delivered / s, one / two | lost, one / two | p99 two / one |',
		'| --- | --- | --- | --- | --- | --- | --- |',
		...(Array.isArray(steps) ? (steps as Json[]) : []).map(
			(step) =>
				`| ${cell(step.offeredPerSecond)} | ${pair(step, 'sentPerSecond')} | ${pair(step, 'p50')} | ${pair(step, 'p99')} | ${pair(step, 'deliveredPerSecond')} | ${pair(step, 'lost')} | ${cell(step.p99TwoOverOne)} |`
		)
	];
}

/** What the rounds of the scenarios with ratio goals mean, when there were several. */
function roundsLine(output: Json): string[] {
	const rounds = get(output, 'params.rounds');
	if (typeof rounds !== 'number' || rounds < 2) return [];
	return [
		'',
		`Steady relay and saturation ran in ${rounds} rounds, the servers taking turns (ours, reference, Hocuspocus, ours, …), so that each round of one meets the same machine as a round of the others: this machine's speed drifts between minutes. Their figures below are the medians of the rounds, figure by figure; every round is in \`bench/results/sync.json\`, and the goals give each round's ratio.`
	];
}

/** The markdown of one run. */
export function renderReport(output: Json): string {
	const results = output.results as Json;
	const machine = output.machine as Json;
	const ours = results.ours as Json;
	const reference = results.reference as Json;
	const hocus = results.hocuspocus as Json;
	const lines = [
		START,
		`Run of ${String(output.date).slice(0, 16).replace('T', ' ')} UTC, ${cell(output.durationSeconds)} s in all, on ${cell(machine.cpu)} × ${cell(machine.cores)} cores, ${cell(machine.memoryGiB)} GiB, Node ${cell(machine.node)}, ${cell(machine.postgres)} (${JSON.stringify(machine.postgresSettings)}). Load generator in the same machine; loopback only. Parameters: \`bench/results/sync.json\` → \`params\`.`,
		...roundsLine(output),
		'',
		'| scenario / metric | ours (Postgres persistence on) | reference @y/websocket-server 0.1.1 (no persistence) | Hocuspocus 3 + Database (Postgres) |',
		'| --- | --- | --- | --- |',
		row(results, '**steady relay** clients', 'steadyRelay.clients'),
		row(results, 'delivered updates / s', 'steadyRelay.deliveredPerSecond'),
		row(results, 'latency p50 ms (full Y.Doc clients)', 'steadyRelay.latencyMs.full.p50'),
		row(results, 'latency p99 ms (full Y.Doc clients)', 'steadyRelay.latencyMs.full.p99'),
		row(results, 'latency p99 ms (all clients)', 'steadyRelay.latencyMs.all.p99'),
		row(results, 'dropped updates', 'steadyRelay.dropped'),
		row(results, 'server CPU ms / delivered update', 'steadyRelay.serverCpuMsPerDelivered'),
		row(
			results,
			'server + Postgres CPU ms / delivered update',
			'steadyRelay.serverAndPostgresCpuMsPerDelivered'
		),
		row(results, 'server RSS MiB (end)', 'steadyRelay.serverRssMiB'),
		row(results, 'load generator CPU ms', 'steadyRelay.loadgenCpuMs'),
		row(results, '**hot room** update fan-out p99 ms', 'hotRoom.latencyMs.updatesAll.p99'),
		row(results, 'cursor (awareness) fan-out p99 ms', 'hotRoom.latencyMs.cursors.p99'),
		row(results, 'dropped updates', 'hotRoom.dropped'),
		row(results, 'server CPU ms total', 'hotRoom.serverCpuMs'),
		row(results, 'server CPU ms / delivered message', 'hotRoom.serverCpuMsPerDeliveredMessage'),
		row(
			results,
			'**saturation** delivered updates / s with p99 ≤ 50 ms',
			'saturation.best.deliveredPerSecond'
		),
		row(results, 'at updates / s per client', 'saturation.best.ratePerClient'),
		row(
			results,
			'**persistence** (20 KB documents) table bytes / update byte',
			'persistence.tableBytesPerUpdateByte'
		),
		row(results, 'WAL bytes / update byte (cluster-wide)', 'persistence.walBytesPerUpdateByte'),
		row(results, 'transactions', 'persistence.transactions'),
		row(results, 'longest time an update sat unsaved, ms', 'persistence.maxUnsavedMs'),
		row(
			results,
			'persistence (steady relay, empty documents) table bytes / update byte',
			'steadyRelay.persistence.tableBytesPerUpdateByte'
		),
		row(results, '**churn** connect-edit-leave cycles / s', 'churn.cyclesPerSecond'),
		row(results, 'RSS growth after warm-up, MiB', 'churn.rssGrowthAfterWarmupMiB'),
		row(results, 'documents in memory once idle', 'churn.documentsInMemoryWhenIdle'),
		'',
		'Cold load, time to first sync in ms (median; ours: snapshot + uncompacted log; Hocuspocus: full state; reference: keeps nothing):',
		'',
		'| document | uncompacted updates | ours | Hocuspocus |',
		'| --- | --- | --- | --- |'
	];
	const oursCold = Array.isArray(ours?.coldLoad) ? (ours.coldLoad as Json[]) : [];
	const hocusCold = Array.isArray(hocus?.coldLoad) ? (hocus.coldLoad as Json[]) : [];
	oursCold.forEach((entry, i) => {
		lines.push(
			`| ${cell(entry.documentKiB)} KiB | ${cell(entry.uncompactedUpdates)} | ${cell(get(entry, 'firstSyncMs.median'))} | ${cell(get(hocusCold[i], 'firstSyncMs.median'))} |`
		);
	});

	// A ratio goal is judged on the median of the rounds' ratios: each pairs runs minutes apart at most.
	const { value: cpuRatio, rounds: cpuRatios } = goalRatio(
		ours,
		reference,
		'steadyRelay',
		'serverCpuMsPerDelivered'
	);
	const oursP99 = get(ours, 'steadyRelay.latencyMs.full.p99');
	const referenceP99 = get(reference, 'steadyRelay.latencyMs.full.p99');
	const commitP99 = get(output, 'durableCommit.p99');
	const floorOf = (p99: unknown) =>
		typeof p99 === 'number' && typeof commitP99 === 'number'
			? Math.round((p99 + 2 * commitP99) * 100) / 100
			: null;
	const p99Floor = floorOf(referenceP99);
	const referenceRounds = roundsOf(reference, 'steadyRelay');
	const p99Rounds = roundsOf(ours, 'steadyRelay')
		.slice(0, referenceRounds.length)
		.map((round, i) => {
			const mine = get(round, 'latencyMs.full.p99');
			const floor = floorOf(get(referenceRounds[i], 'latencyMs.full.p99'));
			return typeof mine === 'number' && floor !== null ? mine <= floor : null;
		});
	const p99MetRounds =
		p99Rounds.length > 1
			? `; met in ${p99Rounds.filter(Boolean).length} of ${p99Rounds.length} rounds`
			: '';
	const { value: saturationRatio, rounds: saturationRatios } = goalRatio(
		ours,
		reference,
		'saturation',
		'best.deliveredPerSecond'
	);
	const bytesRatio = ratio(
		get(ours, 'persistence.tableBytesPerUpdateByte'),
		get(hocus, 'persistence.tableBytesPerUpdateByte')
	);
	const unsaved = get(ours, 'persistence.maxUnsavedMs');
	const drops = ['steadyRelay.dropped', 'hotRoom.dropped', 'persistence.dropped'].map((path) =>
		get(ours, path)
	);
	const idle = get(ours, 'churn.documentsInMemoryWhenIdle');
	lines.push(
		'',
		`Durable single-row commit on the same PostgreSQL, measured in this run (${cell(get(output, 'durableCommit.count'))} autocommit inserts of 30 bytes): p50 ${cell(get(output, 'durableCommit.p50'))} ms, p99 ${cell(commitP99)} ms.`,
		'',
		'| goal (issue 15, ratios within this run) | result | numbers |',
		'| --- | --- | --- |',
		goal(
			'saturation ≥ 1× reference',
			saturationRatio === null ? null : saturationRatio >= 1,
			`ours / reference = ${cell(saturationRatio)} (delivered updates / s with p99 ≤ 50 ms${perRound(saturationRatios)})`
		),
		goal(
			'steady-relay p99 ≤ reference p99 + 2 durable commits p99',
			typeof oursP99 === 'number' && p99Floor !== null ? oursP99 <= p99Floor : null,
			`${cell(oursP99)} ms vs ${cell(referenceP99)} + 2 × ${cell(commitP99)} = ${cell(p99Floor)} ms (full clients${p99MetRounds})`
		),
		goal(
			'server CPU per delivered update ≤ 1.5× reference',
			cpuRatio === null ? null : cpuRatio <= 1.5,
			`ours / reference = ${cell(cpuRatio)} (server process, steady relay${perRound(cpuRatios)})`
		),
		goal(
			'database bytes per update ≤ 0.5× Hocuspocus',
			bytesRatio === null ? null : bytesRatio <= 0.5,
			`ours / Hocuspocus = ${cell(bytesRatio)} (persistence scenario, table bytes)`
		),
		goal(
			'no update unsaved > 1 s; none broadcast unsaved',
			typeof unsaved === 'number' ? unsaved <= 1000 : null,
			`longest ${cell(unsaved)} ms; relay waits for the store by construction (tests: restart.test.ts)`
		),
		goal(
			'zero drops',
			drops.every((d) => d === 0),
			`relay / hot room / persistence: ${drops.map(cell).join(' / ')}`
		),
		goal(
			'idle documents leave memory',
			typeof idle === 'number' ? idle === 0 : null,
			`${cell(idle)} left (reference: ${cell(get(reference, 'churn.documentsInMemoryWhenIdle'))})`
		),
		...twoInstancesLines(ours),
		END
	);
	return lines.join('\n');
}

/** Replaces the generated part of BENCHMARKS.md (or creates the file). */
export function writeReport(output: Json): void {
	const path = 'BENCHMARKS.md';
	const generated = renderReport(output);
	const current = existsSync(path) ? readFileSync(path, 'utf8') : '';
	const start = current.indexOf(START);
	const end = current.indexOf(END);
	const next =
		start >= 0 && end > start
			? current.slice(0, start) + generated + current.slice(end + END.length)
			: `${current.trimEnd()}\n\n## Sync server\n\n\`npm run bench:sync\` (code in \`bench/sync/\`, raw numbers in \`bench/results/sync.json\`).\n\n${generated}\n`;
	writeFileSync(path, next);
}
