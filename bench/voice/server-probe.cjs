// Diagnostic, for finding what holds up the voice bench's server on PGlite:
//   BENCH_DRIVERS=pglite NODE_OPTIONS="--require ./bench/voice/server-probe.cjs" node --import tsx bench/voice/run.ts
// In the server process only (server.js), it times every synchronous PGlite call (wall and CPU),
// reads pg_stat_checkpointer and the WAL position every 3 s and keeps the garbage collector's
// pauses; on SIGTERM (the bench stopping the server) it prints them to standard error.
if (process.argv[1]?.endsWith('server.js')) {
	const t0 = performance.now();
	const gcs = [];
	const calls = [];
	let instance;
	// The ESM build the server imports; patched once loaded, every PGlite call after that is timed.
	void import('@electric-sql/pglite').then(({ PGlite }) => {
		const original = PGlite.prototype.execProtocolRawSync;
		PGlite.prototype.execProtocolRawSync = function (message) {
			// eslint-disable-next-line @typescript-eslint/no-this-alias -- the probe queries the server's database
			instance ??= this;
			const start = performance.now();
			const cpu = process.cpuUsage();
			try {
				return original.call(this, message);
			} finally {
				const used = process.cpuUsage(cpu);
				calls.push([
					Math.round(start - t0),
					performance.now() - start,
					(used.user + used.system) / 1000
				]);
			}
		};
	});
	const stats = [];
	setInterval(async () => {
		if (!instance) return;
		const r = await instance.query(
			`select pg_current_wal_lsn()::text as lsn, (select num_timed||'/'||num_requested||'/'||num_done from pg_stat_checkpointer) as ckpt, (select buffers_clean||'/'||maxwritten_clean from pg_stat_bgwriter) as bgw`
		);
		stats.push([Math.round(performance.now() - t0), r.rows[0]]);
	}, 3000).unref();
	new PerformanceObserver((list) => {
		for (const e of list.getEntries())
			gcs.push([Math.round(e.startTime - t0), Math.round(e.duration * 10) / 10, e.detail?.kind]);
	}).observe({ entryTypes: ['gc'] });
	const q = (sorted, p) => sorted[Math.max(0, Math.ceil(sorted.length * p) - 1)]?.toFixed(1);
	const report = () => {
		const big = gcs.filter((g) => g[1] > 10);
		const total = gcs.reduce((s, g) => s + g[1], 0);
		const wall = calls.map((c) => c[1]).sort((a, b) => a - b);
		const cpu = calls.map((c) => c[2]).sort((a, b) => a - b);
		const topCpu = [...calls]
			.sort((a, b) => b[2] - a[2])
			.slice(0, 12)
			.map((c) => [c[0], +c[1].toFixed(1), +c[2].toFixed(1)]);
		const w = (s) => process.stderr.write(`[diag] ${s}\n`);
		w(
			`pglite calls ${calls.length}: wall p50 ${q(wall, 0.5)} p99 ${q(wall, 0.99)} max ${q(wall, 1)}; cpu p50 ${q(cpu, 0.5)} p99 ${q(cpu, 0.99)} max ${q(cpu, 1)}`
		);
		w(`pglite calls, top by cpu (t, wall, cpu ms): ${JSON.stringify(topCpu)}`);
		w(`stats: ${JSON.stringify(stats)}`);
		w(
			`gc count ${gcs.length}, total ${Math.round(total)} ms; kinds ${JSON.stringify(gcs.reduce((m, g) => ((m[g[2]] = (m[g[2]] ?? 0) + 1), m), {}))}; >10ms: ${JSON.stringify(big)}`
		);
		w(
			`rss ${Math.round(process.memoryUsage().rss / 1e6)} MB, heap ${Math.round(process.memoryUsage().heapUsed / 1e6)} MB, external ${Math.round(process.memoryUsage().external / 1e6)} MB, cpu total ${JSON.stringify(process.cpuUsage())}`
		);
	};
	process.once('SIGTERM', report);
}
