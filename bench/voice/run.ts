// `npm run bench:voice`: the public answer page of a customer questionnaire under a steady 200
// answers/s (and, for the record, as fast as it goes), each answer from another client address as
// on a real counter card, against a production server on loopback; and the time to compute a
// touchpoint's figures over 100,000 answers. Both databases when DATABASE_URL is set. Writes
// bench/results/voice.json and the "Customer answers" section of BENCHMARKS.md.
import { readFile, writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import autocannon, { type Result } from 'autocannon';
import { format, resolveConfig } from 'prettier';
import {
	freshDatabase,
	lastJsonLine,
	replaceSection,
	runChild,
	startServer,
	type Driver
} from '../lib/app';

const RATE = Number(process.env.BENCH_RATE ?? 200);
const CONNECTIONS = 20;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const RESULTS_FILE = resolve('bench/results/voice.json');
const BENCHMARKS_FILE = resolve('BENCHMARKS.md');
const GOALS = { answersPerSecond: RATE, p99Ms: 100, figuresMs: 200 };
/** What is known about the results, kept in BENCHMARKS.md when the section is written again. */
const NOTES = `The figures: they read tallies per touchpoint, month and level (and per criterion for ratings)
that a statement-level trigger on \`customer_answers\` keeps (migrations 0016–0017, backfilled;
\`tests/integration/voice/tallies.test.ts\` checks them against counting the answers): a few rows,
1–7 ms over 100,000 answers, against 1.4–2.2 s when they counted the answers themselves.

The answer page. A quiet run (load average under 2.2) before this round held 200 answers/s on both
databases with no error, p99 73 ms on PostgreSQL (met) and 195 ms on PGlite (missed). This round cut
the work each answer costs: the page kept its questionnaire's row (subject, criteria, open) for 2 s in
the process (forgotten when one is opened or closed) instead of reading it twice per answer (the form
action and the page's load after it); the insert itself checks that the questionnaire is still open
(\`INSERT … SELECT … WHERE closed_at IS NULL\`), so a closed one is refused even while another instance
keeps it; and a \`POST /q/<token>\` no longer waits for the reader pages' \`pg_notify\` round trip, since
an answer changes nothing a reader page shows. Per answer that leaves one database statement (it was
four). The rate limit is a per-process token bucket, so it has no statement to merge. The tally
trigger was measured in-process on PGlite (600 answers through \`submitAnswer\`, load average near 9):
2.3–2.4 ms per answer with it and 2.3 ms without, so it was left as it is.

The tail on PGlite. Before 2026-12-07 the p99 here was autocannon's: under a set rate autocannon 8
corrects its latency histogram for coordinated omission with an expected interval of
\`Math.ceil(1 / rate)\` where \`rate\` is a connection's answers per second, i.e. 1 ms, so it records an
answer of n ms as n samples (n, n−1, …, 1 ms): its p99 is that of time spent waiting, weighted by
length, and an answer held up for 200 ms counts as much as ten of 20 ms. Flat out it
corrects nothing, which is why PGlite's p99 flat out (85 ms at 510 answers/s) came out below its p99
at a steady 200/s (195–242 ms) although the second is the lighter load. \`bench/voice/latency-check.ts\`
shows it on a loopback server (2,000 answers, 50,255 samples, the sum of their response times 51,310
ms). The percentiles are now taken over the answers' own response times, with the correction redone
at the interval a connection keeps (100 ms); autocannon's figure is kept beside them in
\`bench/results/voice.json\` (\`autocannonP99Ms\`) and in the verdict lines. What the server does under
the load was measured on PGlite with a diagnostic hook in the server process (\`bench/voice/server-probe.cjs\`: wall and CPU time of
every synchronous PGlite call, \`pg_stat_checkpointer\` and \`pg_current_wal_lsn()\` every 3 s, the
garbage collector's pauses), two runs at load average 9–12: no checkpoint ran (PGlite starts
Postgres single-user: no checkpointer, so \`checkpoint_timeout\` never fires, and \`max_wal_size\` is
1 GB while the answers write 2–2.5 KB of WAL each, 4.8 MB over a run, so one would come after
about 20 minutes of a steady 200 answers/s, inside the request that fills it; a \`CHECKPOINT\` after
40,000 inserts into a 12 MB table took 72 ms at load average 8–13, so that one would hold every
answer for a fraction of a second once in 20 minutes, too rare to move a p99); PGlite's calls took
0.3 ms of CPU at the median and 4.2–4.5 ms at p99 during the load, and the only ones over 50 ms
(117–195 ms) fell in the server's first seconds and the warm-up before the measured load; the
collector ran about 80 scavenges and 5 mark-compacts per run, 2 s of the server's 23 s of CPU.
PGlite also starts Postgres with \`-F\` (\`fsync\` off): when the page thanks, the answer's commit is
in the WAL file in the system's cache, which outlives the process but not a power cut; that is as
it was, PostgreSQL's is on disk.
No stall of the server itself was found to fix; the p99 by the new measure on a quiet machine is
what the next run gives.

The run in the table (2026-12-07 15:30 UTC, load average under 3, nothing else running) missed on
both databases, PostgreSQL included, where the run of 14:00 met it (p99 72 ms, 776 answers/s flat
out). It is the machine, not the code: the build of 14:00 (commit c326652), run again right after it
with \`BENCH_DRIVERS=pglite\`, answered 180/s at a steady 200 with p50 108 ms and 219/s flat out, as
the current build did (195/s, p50 93 ms; 385/s flat out). The cores were about half as fast as at
14:00 that afternoon; the sync benchmark's absolute CPU figures rose alike for all three servers.
The goal stands open until a run on a machine like that of 14:00 shows it.`;

type Seed = { token: string; answers: number; figuresMs: number[] };
type Load = {
	requestsPerSecond: number;
	/** Percentiles of the answers' response times (see `answerLoad`). */
	p50Ms: number;
	p99Ms: number;
	/** autocannon's own p99, which under a set rate counts a response of n ms as about n samples. */
	autocannonP99Ms: number;
	non2xx: number;
	errors: number;
};
type Measured = {
	driver: Driver;
	steady: Load;
	flatOut: Load;
	answers: number;
	figuresMedianMs: number;
	/** The machine's 1-minute load average before and after the steady load (other work shares it). */
	loadAverage: { before: number; after: number };
};

const median = (values: number[]) =>
	[...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** The value at or below which `share` of the sorted `values` lie (nearest rank). */
const percentile = (sorted: number[], share: number) =>
	sorted[Math.max(0, Math.ceil(sorted.length * share) - 1)] ?? 0;

/**
 * Posts answers for SECONDS from CONNECTIONS connections, at `rate` answers/s overall or as fast as
 * they go, and takes the percentiles over the answers' response times recorded here. autocannon 8's
 * own histogram under a set rate is not usable for them: it corrects for coordinated omission with
 * an expected interval of `Math.ceil(1 / rate)` where `rate` is a connection's answers per second,
 * i.e. 1 ms, so it records a response of n ms as n samples (n, n−1, …, 1 ms) and its p99 is that
 * of time spent waiting, weighted by length, not of answers (it is kept as `autocannonP99Ms`). The
 * correction here uses the interval a connection is meant to keep (1000 × CONNECTIONS / rate ms):
 * an answer that took longer than it stands also for the answers its connection could not send
 * meanwhile. autocannon sends a connection's share of each second's answers at the start of that
 * second, each as soon as the previous one is answered, so a server that falls behind also shows
 * as fewer answers per second.
 */
async function answerLoad(origin: string, token: string, rate?: number): Promise<Load> {
	let next = 0;
	const responseTimes: number[] = [];
	const run = autocannon({
		url: `${origin}/q/${token}`,
		method: 'POST',
		connections: CONNECTIONS,
		duration: SECONDS,
		...(rate ? { overallRate: rate } : {}),
		headers: { 'content-type': 'application/x-www-form-urlencoded', origin },
		requests: [
			{
				setupRequest(request) {
					next += 1;
					const address = `10.${(next >> 16) & 255}.${(next >> 8) & 255}.${next & 255}`;
					return {
						...request,
						headers: { ...request.headers, 'x-forwarded-for': address },
						body: `level=${['below', 'indifferent', 'meets', 'exceeds'][next % 4]}&rating_availability=${1 + (next % 5)}&comment=${encodeURIComponent('Ответили быстро, записали сразу.')}`
					};
				}
			}
		]
	});
	const interval = rate ? (1000 * CONNECTIONS) / rate : Infinity;
	run.on('response', (_client, _status, _bytes, ms) => {
		responseTimes.push(ms);
		for (let missed = ms - interval; missed >= interval; missed -= interval)
			responseTimes.push(missed);
	});
	const result: Result = await run;
	const sorted = responseTimes.sort((a, b) => a - b);
	return {
		requestsPerSecond: Math.round(result.requests.average),
		p50Ms: Math.round(percentile(sorted, 0.5)),
		p99Ms: Math.round(percentile(sorted, 0.99)),
		autocannonP99Ms: result.latency.p99,
		non2xx: result.non2xx,
		errors: result.errors
	};
}

async function measure(driver: Driver, adminUrl: string | undefined): Promise<Measured> {
	const database = await freshDatabase(driver, adminUrl, 'voice');
	try {
		console.log(`voice bench (${driver}): seeding…`);
		const seed = lastJsonLine<Seed>(
			await runChild(['--import', 'tsx', 'bench/voice/seed.ts'], database.env)
		);
		const server = await startServer({
			...database.env,
			ADDRESS_HEADER: 'x-forwarded-for',
			XFF_DEPTH: '1'
		});
		try {
			await answerLoad(server.origin, seed.token, 50);
			console.log(`voice bench (${driver}): ${RATE} answers/s for ${SECONDS} s…`);
			const before = Math.round(loadavg()[0] * 10) / 10;
			const steady = await answerLoad(server.origin, seed.token, RATE);
			const after = Math.round(loadavg()[0] * 10) / 10;
			console.log(`voice bench (${driver}): as fast as it goes for ${SECONDS} s…`);
			const flatOut = await answerLoad(server.origin, seed.token);
			return {
				driver,
				steady,
				flatOut,
				answers: seed.answers,
				figuresMedianMs: Math.round(median(seed.figuresMs)),
				loadAverage: { before, after }
			};
		} finally {
			await server.stop();
		}
	} finally {
		await database.remove();
	}
}

const available: Driver[] = process.env.DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
/** BENCH_DRIVERS=pglite (or postgres) measures one database, BENCH_RATE another rate: printed, no file written. */
const only = process.env.BENCH_DRIVERS?.split(',').map((name) => name.trim());
const drivers = only ? available.filter((driver) => only.includes(driver)) : available;
const results: Measured[] = [];
for (const driver of drivers) results.push(await measure(driver, process.env.DATABASE_URL));
if (only || process.env.BENCH_RATE) {
	console.log(JSON.stringify(results, null, '\t'));
	process.exit(0);
}
const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, Node ${process.version}`;
await writeFile(
	RESULTS_FILE,
	`${JSON.stringify({ date: new Date().toISOString(), machine, goals: GOALS, results }, null, '\t')}\n`
);

const met = (ok: boolean) => (ok ? 'met' : '**missed**');
const rows = results.map(
	(r) =>
		`| ${r.driver} | ${r.steady.requestsPerSecond} | ${r.steady.p50Ms} ms | ${r.steady.p99Ms} ms | ${r.steady.non2xx + r.steady.errors} | ${r.flatOut.requestsPerSecond} | ${r.flatOut.p99Ms} ms | ${r.figuresMedianMs} ms |`
);
const verdicts = results.map(
	(r) =>
		`- ${r.driver}: ${r.steady.requestsPerSecond >= RATE * 0.95 ? `${RATE} answers/s held` : `${r.steady.requestsPerSecond} of the ${RATE} answers/s asked for`} with p99 ${r.steady.p99Ms} ms (goal < ${GOALS.p99Ms} ms; autocannon's own figure, which weights each answer by its length, ${r.steady.autocannonP99Ms} ms): ${met(r.steady.requestsPerSecond >= RATE * 0.95 && r.steady.p99Ms < GOALS.p99Ms && r.steady.non2xx + r.steady.errors === 0)}; figures over ${r.answers.toLocaleString('en')} answers in ${r.figuresMedianMs} ms (goal < ${GOALS.figuresMs} ms): ${met(r.figuresMedianMs < GOALS.figuresMs)}; machine load average (1 min) ${r.loadAverage.before} before and ${r.loadAverage.after} after the steady load, on ${cpus().length} cores shared with other work.`
);
const section = [
	'## Customer answers',
	'',
	`\`npm run bench:voice\` (code in \`bench/voice/\`, raw numbers in \`bench/results/voice.json\`): a customer questionnaire's public page (\`POST /q/<token>\`, a server-rendered form action that validates, rate-limits per address and stores the answer) under a steady ${RATE} answers/s from ${CONNECTIONS} connections, each answer from another client address as on a counter card in a clinic, then as fast as it goes (p50 and p99 over the answers' own response times, see below); and the time to compute a touchpoint's figures (four levels, ratings, months) over ${results[0]?.answers.toLocaleString('en')} stored answers (median of 7). Machine: ${machine}; run of ${new Date().toISOString().slice(0, 10)}, ${SECONDS} s per load.`,
	'',
	'| database | answers/s (steady) | p50 | p99 | errors | answers/s (flat out) | p99 (flat out) | figures |',
	'| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
	...rows,
	'',
	...verdicts,
	'',
	NOTES,
	''
].join('\n');
const current = await readFile(BENCHMARKS_FILE, 'utf8');
const config = await resolveConfig(BENCHMARKS_FILE);
await writeFile(
	BENCHMARKS_FILE,
	await format(replaceSection(current, 'Customer answers', section), {
		...config,
		filepath: BENCHMARKS_FILE
	})
);
console.log(section);
