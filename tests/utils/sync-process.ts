// Starts and stops tests/utils/sync-child.ts as a real server process. It is spawned as
// `node --import tsx …`, not through `npx tsx`, so that the pid we signal is the server itself:
// `kill -9` of a wrapper would leave the server running.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { resolve } from 'node:path';

/** A running sync server process. */
export type SyncProcess = {
	child: ChildProcess;
	/** Resolves with the exit code (null when killed by a signal). */
	exited: Promise<number | null>;
	/** Sends `signal` and waits for the process to end. */
	stop(signal: 'SIGTERM' | 'SIGKILL'): Promise<number | null>;
};

/** A loopback port that was free a moment ago (a restarted server must come back on the same one). */
export function freePort(): Promise<number> {
	return new Promise((resolvePort, reject) => {
		const probe = createServer();
		probe.once('error', reject);
		probe.listen(0, '127.0.0.1', () => {
			const address = probe.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			probe.close(() => resolvePort(port));
		});
	});
}

/** Starts the child (`script`, sync-child.ts unless told) on `port` with `env`; resolves once it listens. */
export function startSyncProcess(
	port: number,
	env: Record<string, string | undefined>,
	script = 'tests/utils/sync-child.ts'
): Promise<SyncProcess> {
	const child = spawn(process.execPath, ['--import', 'tsx', resolve(script)], {
		env: { ...process.env, ...env, PORT: String(port) },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	const exited = new Promise<number | null>((resolveExit) =>
		child.once('exit', (code) => resolveExit(code))
	);
	let stderr = '';
	child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
	return new Promise((resolveStart, reject) => {
		child.stdout?.on('data', (chunk: Buffer) => {
			if (!chunk.toString().includes('ready')) return;
			resolveStart({
				child,
				exited,
				stop(signal) {
					child.kill(signal);
					return exited;
				}
			});
		});
		void exited.then((code) =>
			reject(new Error(`sync child exited with ${code} before it was ready:\n${stderr}`))
		);
	});
}
