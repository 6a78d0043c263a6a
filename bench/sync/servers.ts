// Starts each server under test as a child process on a loopback port, so its CPU and memory
// can be read from /proc apart from the load generator's.
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import type { Framing } from './protocol';

/** The servers compared. */
export type ServerKind = 'ours' | 'reference' | 'hocuspocus';

/** A server under test, running. */
export type RunningServer = {
	kind: ServerKind;
	pid: number;
	framing: Framing;
	/** WebSocket URL for a room. */
	urlFor(room: string): string;
	/** Headers a client sends (ours: session cookie and Origin). */
	headers: Record<string, string>;
	/** The server's own counters. */
	stats(): Promise<Record<string, number>>;
	stop(): Promise<void>;
};

/** How to reach the database and authenticate with ours. */
export type ServerSetup = {
	databaseUrl: string;
	sessionToken: string;
	port: number;
	oursOverrides: object;
	/** Ours only: share rooms with other instances over this Redis; null: one process. */
	redis: { url: string; prefix: string } | null;
};

const ENTRY: Record<ServerKind, string> = {
	ours: 'bench/sync/servers/ours.ts',
	reference: 'bench/sync/servers/reference.ts',
	hocuspocus: 'bench/sync/servers/hocuspocus.ts'
};

/** Starts `kind`; resolves once it listens. */
export async function startServer(kind: ServerKind, setup: ServerSetup): Promise<RunningServer> {
	// BENCH_SERVER_NODE_ARGS, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof", profiles the server alone.
	const nodeArgs = process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
	const child: ChildProcess = spawn(
		process.execPath,
		[...nodeArgs, '--import', 'tsx', resolve(ENTRY[kind])],
		{
			env: {
				...process.env,
				PORT: String(setup.port),
				DATABASE_URL: setup.databaseUrl,
				BENCH_SYNC_OVERRIDES: JSON.stringify(setup.oursOverrides),
				// Set or emptied here, never inherited: only the scenarios over Redis use it.
				REDIS_URL: setup.redis?.url ?? '',
				REDIS_PREFIX: setup.redis?.prefix ?? '',
				NODE_ENV: 'production'
			},
			stdio: ['ignore', 'pipe', 'inherit']
		}
	);
	await new Promise<void>((resolveReady, reject) => {
		child.stdout?.on('data', (chunk: Buffer) => {
			if (chunk.toString().includes('ready')) resolveReady();
		});
		child.once('exit', (code) =>
			reject(new Error(`${kind} exited with ${String(code)} before it was ready`))
		);
	});
	const base = `127.0.0.1:${setup.port}`;
	const origin = `http://${base}`;
	return {
		kind,
		pid: child.pid ?? 0,
		framing: kind === 'hocuspocus' ? 'hocuspocus' : 'y-websocket',
		urlFor: (room) => (kind === 'ours' ? `ws://${base}/sync/${room}` : `ws://${base}/${room}`),
		headers:
			kind === 'ours'
				? { Origin: origin, Cookie: `fb_session=${setup.sessionToken}` }
				: { Origin: origin },
		async stats() {
			const response = await fetch(`${origin}/stats`);
			return (await response.json()) as Record<string, number>;
		},
		async stop() {
			if (child.exitCode !== null) return;
			const exited = new Promise((resolveExit) => child.once('exit', resolveExit));
			child.kill('SIGTERM');
			const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
			await exited;
			clearTimeout(timer);
		}
	};
}
