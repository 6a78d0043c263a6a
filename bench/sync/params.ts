// Benchmark parameters. Defaults are the scenarios scaled down so one run of all three
// servers takes about ten minutes on two cores; every number can be raised back through env vars
// (BENCH_FULL=1 restores the sizes). The parameters used are written into the results.

function number(name: string, scaled: number, full: number): number {
	const value = process.env[name];
	if (value !== undefined && value !== '') return Number(value);
	return process.env.BENCH_FULL === '1' ? full : scaled;
}

/** Everything a run is parameterised by. */
export function readParams() {
	return {
		servers: (process.env.BENCH_SERVERS ?? 'ours,reference,hocuspocus')
			.split(',')
			.map((name) => name.trim()),
		/** Rounds of the scenarios with ratio goals (steady relay, saturation), the servers taking turns. */
		rounds: number('BENCH_ROUNDS', 3, 3),
		relay: {
			documents: number('BENCH_RELAY_DOCS', 150, 500),
			clientsPerDocument: 3,
			updatesPerSecondPerClient: 2,
			warmupSeconds: number('BENCH_RELAY_WARMUP_S', 3, 5),
			seconds: number('BENCH_RELAY_S', 20, 60),
			/** Share of documents whose clients are full Y.Doc clients (latency is reported from those). */
			fullClientShare: 0.1
		},
		hotRoom: {
			clients: number('BENCH_HOT_CLIENTS', 100, 100),
			writers: 5,
			updatesPerSecondPerWriter: number('BENCH_HOT_UPDATES_HZ', 2, 2),
			cursorHz: 5,
			seconds: number('BENCH_HOT_S', 12, 30)
		},
		saturation: {
			documents: 50,
			clientsPerDocument: 2,
			/** Per-client rates tried in turn, updates per second. */
			rates: (process.env.BENCH_SAT_RATES ?? '5,10,20,40,80,160,320').split(',').map(Number),
			stepSeconds: number('BENCH_SAT_STEP_S', 4, 10),
			p99LimitMs: 50
		},
		persistence: {
			documents: number('BENCH_PERSIST_DOCS', 40, 100),
			documentBytes: number('BENCH_PERSIST_DOC_BYTES', 20_000, 20_000),
			clientsPerDocument: 2,
			updatesPerSecondPerClient: 2,
			seconds: number('BENCH_PERSIST_S', 25, 120)
		},
		coldLoad: {
			sizesBytes: [10_000, 160_000, 1_600_000],
			uncompactedUpdates: [0, 500, 5_000],
			repetitions: number('BENCH_COLD_REPS', 3, 5)
		},
		churn: {
			clients: number('BENCH_CHURN_CLIENTS', 200, 200),
			documentNames: number('BENCH_CHURN_DOCS', 10_000, 10_000),
			seconds: number('BENCH_CHURN_S', 45, 600),
			warmupSeconds: number('BENCH_CHURN_WARMUP_S', 10, 60),
			/** Our idle-unload time during the benchmark (production default: 30 s). */
			idleUnloadMs: number('BENCH_IDLE_UNLOAD_MS', 3_000, 30_000)
		},
		twoInstances: {
			/** Rooms, each with one writer on the first instance and one reader. */
			documents: number('BENCH_INSTANCES_DOCS', 20, 20),
			/** Updates per second offered by all writers together, tried in turn. */
			rates: (process.env.BENCH_INSTANCES_RATES ?? '400,1600').split(',').map(Number),
			warmupSeconds: 1,
			seconds: number('BENCH_INSTANCES_S', 8, 30)
		}
	};
}

/** The parameters of a run. */
export type BenchParams = ReturnType<typeof readParams>;
