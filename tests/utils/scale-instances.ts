// Several app instances (tests/utils/scale-child.ts) on one PostgreSQL database and one Redis, for
// the many-instances tests, and the rule for when those tests run: on PostgreSQL with REDIS_URL
// set; skipped otherwise, except under CI with a DATABASE_URL, where a missing REDIS_URL fails.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, startSyncProcess, type SyncProcess } from './sync-process';
import type { ScaleSeed } from './scale-child';
import type { ClientTarget } from './sync-client';

const databaseUrl = process.env.DATABASE_URL?.trim() ?? '';
const redisUrl = process.env.REDIS_URL?.trim() ?? '';

/** True when the many-instances tests can run: a PostgreSQL server and a Redis. */
export const canRunInstances = /^postgres(ql)?:\/\//.test(databaseUrl) && redisUrl !== '';

/** True under CI with a PostgreSQL run but no Redis: the tests must fail, not skip. */
export const redisMissingInCi = Boolean(process.env.CI) && databaseUrl !== '' && redisUrl === '';

/** One running instance. */
export type Instance = { port: number; target: ClientTarget; http: string; process: SyncProcess };

/** A group of instances sharing a database and a Redis. */
export type InstanceGroup = {
	seed: ScaleSeed;
	instances: Instance[];
	/** Starts one more instance (or again on `port`). */
	start(port?: number): Promise<Instance>;
	/** Stops every instance and removes the seed folder. */
	stop(): Promise<void>;
};

/** Starts `count` instances one after another against `redis` (REDIS_URL by default), with a prefix of their own. */
export async function startInstances(count: number, redis = redisUrl): Promise<InstanceGroup> {
	const dir = mkdtempSync(join(tmpdir(), 'fb-scale-'));
	const env = {
		DATABASE_URL: databaseUrl,
		REDIS_URL: redis,
		REDIS_PREFIX: `fb-test-${randomBytes(4).toString('hex')}:`,
		SEED_FILE: join(dir, 'seed.json')
	};
	const instances: Instance[] = [];
	const start = async (port?: number) => {
		const chosen = port ?? (await freePort());
		const child = await startSyncProcess(chosen, env, 'tests/utils/scale-child.ts');
		const instance: Instance = {
			port: chosen,
			http: `http://127.0.0.1:${chosen}`,
			target: { url: `ws://127.0.0.1:${chosen}/sync`, origin: `http://127.0.0.1:${chosen}` },
			process: child
		};
		instances.push(instance);
		return instance;
	};
	for (let i = 0; i < count; i++) await start();
	const seed: ScaleSeed = JSON.parse(readFileSync(env.SEED_FILE, 'utf8'));
	return {
		seed,
		instances,
		start,
		async stop() {
			await Promise.all(instances.map((instance) => instance.process.stop('SIGTERM')));
			rmSync(dir, { recursive: true, force: true });
		}
	};
}

/** A redis-server of the test's own on a free port, to stop and start again. */
export type PrivateRedis = {
	url: string;
	kill(): Promise<void>;
	start(): Promise<void>;
};

/** Starts a private redis-server (no persistence). */
export async function startPrivateRedis(): Promise<PrivateRedis> {
	const port = await freePort();
	let child: ChildProcess | null = null;
	const start = () =>
		new Promise<void>((resolve, reject) => {
			const server = spawn(
				'redis-server',
				['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
				{ stdio: ['ignore', 'pipe', 'pipe'] }
			);
			child = server;
			let output = '';
			server.stdout?.on('data', (chunk: Buffer) => {
				output += chunk.toString();
				if (output.includes('Ready to accept connections')) resolve();
			});
			server.once('exit', (code) =>
				reject(new Error(`redis-server exited with ${code}: ${output}`))
			);
		});
	const kill = async () => {
		const server = child;
		if (!server || server.exitCode !== null || server.signalCode !== null) return;
		const exited = new Promise((resolve) => server.once('exit', resolve));
		server.kill('SIGKILL');
		await exited;
	};
	await start();
	return { url: `redis://127.0.0.1:${port}`, kill, start };
}

/** Reads a server-sent event stream; `text()` is what arrived so far. */
export function openEventStream(
	url: string,
	headers: Record<string, string> = {}
): { text(): string; close(): void } {
	const controller = new AbortController();
	let received = '';
	void fetch(url, { signal: controller.signal, headers })
		.then(async (response) => {
			const reader = response.body?.getReader();
			const decoder = new TextDecoder();
			for (;;) {
				const chunk = await reader?.read();
				if (!chunk || chunk.done) return;
				received += decoder.decode(chunk.value, { stream: true });
			}
		})
		.catch(() => {});
	return { text: () => received, close: () => controller.abort() };
}
