// npm run bench:sync-instances — cross-instance delivery against one instance, in the same run:
// in each of ROOMS rooms a writer sends timestamped updates at RATE per second in all, and a
// reader in the same room receives them, connected to the same instance (one instance) or to a
// second instance sharing the rooms over Redis (two instances). Reports delivery latency
// p50/p99, delivered updates per second and updates lost. Needs PostgreSQL (BENCH_DATABASE_URL or
// DATABASE_URL, a server the run may create and drop `focusboard_bench_two` on) and REDIS_URL.
import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import postgres from 'postgres';
import { Samples } from './metrics';

const serverUrl =
	process.env.BENCH_DATABASE_URL ??
	process.env.DATABASE_URL ??
	'postgres://postgres@127.0.0.1:5432/postgres';
if (!process.env.REDIS_URL) throw new Error('REDIS_URL is required');
const rooms = Number(process.env.ROOMS ?? 20);
const rates = (process.env.RATES ?? '400,1600').split(',').map(Number);
const seconds = Number(process.env.SECONDS ?? 10);

const databaseName = 'focusboard_bench_two';
const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
await admin.unsafe(`drop database if exists ${databaseName} with (force)`);
await admin.unsafe(`create database ${databaseName}`);
const databaseUrl = new URL(serverUrl);
databaseUrl.pathname = `/${databaseName}`;
process.env.DATABASE_URL = databaseUrl.toString();

// These read DATABASE_URL when loaded, so only now.
const { startInstances } = await import('../../tests/utils/scale-instances');
const { connectClient } = await import('../../tests/utils/sync-client');
const { testRoom } = await import('../../tests/utils/sync-server');

const group = await startInstances(2);
const { seed } = group;
type Result = {
	mode: string;
	rate: number;
	p50: number | null;
	p99: number | null;
	deliveredPerSecond: number;
	lost: number;
};
const results: Result[] = [];

async function run(mode: 'one instance' | 'two instances', rate: number): Promise<Result> {
	const [a, b] = group.instances;
	const pairs = Array.from({ length: rooms }, () => {
		const room = testRoom(seed.workspaceId);
		const writer = connectClient(a.target, room, seed.adminToken);
		const reader = connectClient((mode === 'one instance' ? a : b).target, room, seed.adminToken);
		return { writer, reader };
	});
	await Promise.all(pairs.flatMap(({ writer, reader }) => [writer.synced(), reader.synced()]));
	const samples = new Samples();
	let sent = 0;
	for (const { reader } of pairs) {
		reader.doc.getMap<number>('bench').observe((event) => {
			const now = performance.now();
			for (const key of event.keysChanged as Set<string>) {
				const at = event.target.get(key);
				if (typeof at === 'number') samples.add(now - at);
			}
		});
	}
	const perTick = (rate * 10) / 1000;
	let carry = 0;
	let n = 0;
	const began = performance.now();
	const timer = setInterval(() => {
		carry += perTick;
		for (; carry >= 1; carry--) {
			const { writer } = pairs[n % pairs.length];
			writer.doc.getMap<number>('bench').set(`k${n++}`, performance.now());
			sent++;
		}
	}, 10);
	await new Promise((next) => setTimeout(next, seconds * 1000));
	clearInterval(timer);
	const sentFor = (performance.now() - began) / 1000;
	// Stragglers get two seconds.
	await new Promise((next) => setTimeout(next, 2000));
	for (const { writer, reader } of pairs) {
		writer.destroy();
		reader.destroy();
	}
	return {
		mode,
		rate,
		p50: samples.percentile(50),
		p99: samples.percentile(99),
		deliveredPerSecond: Math.round(samples.count / sentFor),
		lost: sent - samples.count
	};
}

try {
	for (const rate of rates) {
		for (const mode of ['one instance', 'two instances'] as const) {
			const result = await run(mode, rate);
			results.push(result);
			console.log(JSON.stringify(result));
		}
	}
} finally {
	await group.stop();
	await admin.unsafe(`drop database if exists ${databaseName} with (force)`);
	await admin.end();
}
writeFileSync(
	'bench/results/sync-instances.json',
	JSON.stringify(
		{ ranAt: new Date().toISOString(), cpus: cpus().length, rooms, seconds, results },
		null,
		'\t'
	) + '\n'
);
process.exit(0);
