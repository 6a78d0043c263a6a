// npm run bench:sync — runs every scenario against our server, the reference y-websocket server
// and Hocuspocus, one server process at a time on loopback, and writes bench/results/sync.json
// and the table in BENCHMARKS.md. Needs PostgreSQL: BENCH_DATABASE_URL (or DATABASE_URL) names
// a server the run may create and drop the `focusboard_bench` database on. With REDIS_URL, the
// two-instance scenario also runs (ours only: two instances sharing rooms over that Redis).
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { format, resolveConfig } from 'prettier';
import { cpus, totalmem } from 'node:os';
import postgres from 'postgres';
import { readParams } from './params';
import { startServer, type ServerKind } from './servers';
import { freePort } from '../../tests/utils/sync-process';
import type { ScenarioContext } from './scenarios/context';
import { steadyRelay } from './scenarios/relay';
import { hotRoom } from './scenarios/hot-room';
import { saturation } from './scenarios/saturation';
import { coldLoad } from './scenarios/cold-load';
import { persistence } from './scenarios/persistence';
import { churn } from './scenarios/churn';
import { twoInstances } from './scenarios/two-instances';
import { writeReport } from './report';
import { durableCommitMs } from './commit-probe';
import { combineRounds, type Json } from './rounds';

const params = readParams();
const serverUrl =
	process.env.BENCH_DATABASE_URL ??
	process.env.DATABASE_URL ??
	'postgres://postgres@127.0.0.1:5432/postgres';
const databaseName = 'focusboard_bench';
const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
await admin.unsafe(`drop database if exists ${databaseName} with (force)`);
await admin.unsafe(`create database ${databaseName}`);
const databaseUrl = new URL(serverUrl);
databaseUrl.pathname = `/${databaseName}`;
process.env.DATABASE_URL = databaseUrl.toString();

// The app's modules read DATABASE_URL when loaded, so only now.
const { migrateDatabase, closeDatabase } = await import('../../src/lib/server/db');
const { createAdmin } = await import('../../tests/utils/factories');
await migrateDatabase();
const account = await createAdmin('Bench Admin');
const sql = postgres(databaseUrl.toString(), { max: 4, onnotice: () => {} });
await sql`create table if not exists hocuspocus_documents (name text primary key, data bytea not null)`;
for (const table of ['documents', 'ydoc_updates', 'ydoc_snapshots', 'hocuspocus_documents']) {
	// Table growth then counts every byte written, old row versions included.
	await sql.unsafe(
		`alter table ${table} set (autovacuum_enabled = false, toast.autovacuum_enabled = false)`
	);
}

// BENCH_OURS_LIMITS (JSON) sets further limits of ours for a diagnostic run, e.g. '{"maxBatchesInFlight":1}'.
const oursOverrides = {
	// Per-connection rate limit raised so the saturation steps measure the server, not the limit.
	limits: {
		maxMessagesPerSecond: 100_000,
		messageBurst: 100_000,
		...(JSON.parse(process.env.BENCH_OURS_LIMITS ?? '{}') as Record<string, number>)
	},
	timings: { idleUnloadMs: params.churn.idleUnloadMs }
};

const scenarios = { steadyRelay, hotRoom, saturation, persistence, coldLoad, churn, twoInstances };
const redisUrl = process.env.REDIS_URL?.trim() ?? '';
/** Scenarios over two instances of ours sharing rooms through Redis. */
const overRedis = new Set<string>(['twoInstances']);
/** Scenarios whose goals are ratios between the servers: run in rounds, the servers taking turns. */
const inRounds = new Set<string>(['steadyRelay', 'saturation']);

/** Why `name` does not run against `kind`, or null when it does. */
function notRunBecause(name: string, kind: ServerKind): string | null {
	if (!overRedis.has(name)) return null;
	if (kind !== 'ours') return 'no multi-instance mode';
	return redisUrl ? null : 'REDIS_URL was not set';
}

const selected = (process.env.BENCH_SCENARIOS ?? Object.keys(scenarios).join(',')).split(',');
const results: Record<string, Record<string, unknown>> = {};
const startedAt = new Date();

/** Runs `scenario` once against a fresh server of `kind`. */
async function runOnce(
	name: string,
	scenario: (context: ScenarioContext) => Promise<unknown>,
	kind: ServerKind
): Promise<unknown> {
	const setup = {
		databaseUrl: databaseUrl.toString(),
		sessionToken: account.token,
		oursOverrides,
		redis: overRedis.has(name)
			? { url: redisUrl, prefix: `focusboard-bench-${randomBytes(4).toString('hex')}:` }
			: null
	};
	const server = await startServer(kind, { ...setup, port: await freePort() });
	const context: ScenarioContext = {
		server,
		params,
		sql,
		workspaceId: account.workspaceId,
		startPeer: async () => startServer(kind, { ...setup, port: await freePort() })
	};
	try {
		return await scenario(context);
	} catch (error) {
		return { error: String(error) };
	} finally {
		await server.stop();
	}
}

// Scenario by scenario, the servers back to back (in rounds where the goal is a ratio, see
// ./rounds): on a shared machine, what else runs then weighs on all of them alike.
for (const kind of params.servers as ServerKind[]) results[kind] = {};
for (const [name, scenario] of Object.entries(scenarios)) {
	if (!selected.includes(name)) continue;
	const rounds = inRounds.has(name) ? Math.max(1, params.rounds) : 1;
	const runs = new Map<ServerKind, unknown[]>();
	for (let round = 1; round <= rounds; round++) {
		for (const kind of params.servers as ServerKind[]) {
			const reason = notRunBecause(name, kind);
			if (reason) {
				if (kind === 'ours' && round === 1) results[kind][name] = { notRun: reason };
				if (round === 1) console.log(`${name} ${kind}: not run (${reason})`);
				continue;
			}
			const began = performance.now();
			runs.set(kind, [...(runs.get(kind) ?? []), await runOnce(name, scenario, kind)]);
			const label = rounds > 1 ? ` (round ${round} of ${rounds})` : '';
			console.log(`${name} ${kind}${label}: ${Math.round((performance.now() - began) / 1000)} s`);
		}
	}
	for (const [kind, list] of runs)
		results[kind][name] = list.length === 1 ? list[0] : combineRounds(list as Json[]);
}

console.log('durable single-row commits…');
const durableCommit = await durableCommitMs(sql);
const [{ version }] = await sql<{ version: string }[]>`select version()`;
const settings = await sql<{ name: string; setting: string }[]>`
	select name, setting from pg_settings where name in ('synchronous_commit', 'fsync', 'shared_buffers', 'wal_level')`;
const output = {
	date: startedAt.toISOString(),
	durationSeconds: Math.round((Date.now() - startedAt.getTime()) / 1000),
	machine: {
		cpu: cpus()[0]?.model ?? 'unknown',
		cores: cpus().length,
		memoryGiB: Math.round(totalmem() / 2 ** 30),
		node: process.version,
		postgres: version.split(' on ')[0],
		postgresSettings: Object.fromEntries(settings.map((row) => [row.name, row.setting]))
	},
	versions: {
		reference: '@y/websocket-server 0.1.1 (its bundled ws 6, persistence off)',
		hocuspocus: '@hocuspocus/server and @hocuspocus/extension-database 3.x on ws 8',
		ours: `src/lib/server/sync with overrides ${JSON.stringify(oursOverrides)}`
	},
	params,
	durableCommit,
	results
};
writeFileSync('bench/results/sync.json', `${JSON.stringify(output, null, '\t')}\n`);
writeReport(output);
// The generated tables come out unaligned; Prettier's layout keeps `npm run lint` clean.
const benchmarks = await readFile('BENCHMARKS.md', 'utf8');
await writeFile(
	'BENCHMARKS.md',
	await format(benchmarks, {
		...(await resolveConfig('BENCHMARKS.md')),
		filepath: 'BENCHMARKS.md'
	})
);
await sql.end();
await closeDatabase();
await admin.end();
console.log('wrote bench/results/sync.json and BENCHMARKS.md');
