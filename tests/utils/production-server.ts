// Extra production servers for end-to-end tests that need their own environment (ORIGIN, say):
// `node server.js` on the build the e2e global setup made, each on a free port against a fresh
// database (a new PostgreSQL database when DATABASE_URL is set, a new PGlite folder otherwise).
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, rm, rmdir, stat } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import postgres from 'postgres';
import { databaseUrlFor } from './database-url';

const repoRoot = resolve(import.meta.dirname, '../..');
/** The lock global-app.ts holds while it builds and copies the app. */
const BUILD_LOCK = join(tmpdir(), 'focusboard-e2e-build.lock');
/** Start-up migrates a fresh database; on a machine busy with other runs that can take minutes. */
const STARTUP_TIMEOUT_MS = 150_000;
const SHUTDOWN_TIMEOUT_MS = 15_000;

/**
 * A running production server; `url` is where to send requests, whatever ORIGIN says. `database`
 * is the environment that points at its database (DATA_DIR or DATABASE_URL).
 */
export type ProductionServer = {
	url: string;
	origin: string;
	database: NodeJS.ProcessEnv;
	stop: () => Promise<void>;
	/** The `node server.js` process, for tests that signal it themselves. */
	child: ChildProcess;
	/** What the process wrote so far (stdout and stderr). */
	output: () => string;
};

async function withBuildLock<T>(work: () => Promise<T>): Promise<T> {
	for (;;) {
		try {
			await mkdir(BUILD_LOCK);
			break;
		} catch {
			const age = await stat(BUILD_LOCK).then(
				(s) => Date.now() - s.mtimeMs,
				() => 0
			);
			if (age > 10 * 60_000) await rmdir(BUILD_LOCK).catch(() => {});
			await new Promise((next) => setTimeout(next, 500));
		}
	}
	try {
		return await work();
	} finally {
		await rmdir(BUILD_LOCK).catch(() => {});
	}
}

/**
 * A copy of `build/` of its own, so that a build started by another run does not change it
 * underneath; `prepare` (building the app, say) runs first, under the same lock.
 */
export async function copyBuild(
	prepare?: () => Promise<void>
): Promise<{ dir: string; remove: () => Promise<void> }> {
	const dir = await withBuildLock(async () => {
		await prepare?.();
		await mkdir(join(repoRoot, '.e2e-builds'), { recursive: true });
		const copy = await mkdtemp(join(repoRoot, '.e2e-builds', 'run-'));
		await cp(join(repoRoot, 'build'), copy, { recursive: true });
		return copy;
	});
	return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

function freePort(): Promise<number> {
	return new Promise((done, fail) => {
		const probe = createServer();
		probe.on('error', fail);
		probe.listen(0, '127.0.0.1', () => {
			const address = probe.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			probe.close(() => (port ? done(port) : fail(new Error('no free port'))));
		});
	});
}

/** A database of its own for a production server, and how to remove it. */
export type AppDatabase = { env: NodeJS.ProcessEnv; remove: () => Promise<void> };

/** A fresh database that servers started one after another can share (see `startProductionServer`). */
export async function freshDatabase(): Promise<AppDatabase> {
	const serverUrl = process.env.DATABASE_URL?.trim() ?? '';
	if (!serverUrl) {
		// In memory where the machine has /dev/shm: PGlite writes its files synchronously, so on a
		// disk busy with other work (the PostgreSQL run beside it) every write could stall the app.
		const dataDir = await mkdtemp(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'fb-e2e-'));
		return {
			env: { DATA_DIR: dataDir, DATABASE_URL: '' },
			remove: () => rm(dataDir, { recursive: true, force: true })
		};
	}
	const name = `fb_e2e_${randomBytes(4).toString('hex')}`;
	const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
	await admin.unsafe(`create database "${name}"`);
	return {
		env: { DATABASE_URL: databaseUrlFor(serverUrl, name) },
		remove: async () => {
			await admin.unsafe(`drop database if exists "${name}" with (force)`);
			await admin.end();
		}
	};
}

const hasExited = (child: ChildProcess) => child.exitCode !== null || child.signalCode !== null;

async function stopProcess(child: ChildProcess): Promise<void> {
	if (hasExited(child)) return;
	const exited = new Promise<void>((done) => child.once('exit', () => done()));
	child.kill('SIGTERM');
	const timer = setTimeout(() => child.kill('SIGKILL'), SHUTDOWN_TIMEOUT_MS);
	await exited;
	clearTimeout(timer);
}

async function waitUntilAnswering(url: string, child: ChildProcess, output: () => string) {
	const deadline = Date.now() + STARTUP_TIMEOUT_MS;
	while (Date.now() < deadline) {
		if (hasExited(child)) throw new Error(`the app exited during start-up:\n${output()}`);
		try {
			await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(2_000) });
			return;
		} catch {
			await new Promise((next) => setTimeout(next, 200));
		}
	}
	throw new Error(
		`the app did not answer on ${url} within ${STARTUP_TIMEOUT_MS / 1000} s:\n${output()}`
	);
}

/** More of a server's set-up. */
export type ProductionServerOptions = {
	/** Extra environment. */
	env?: (origin: string) => NodeJS.ProcessEnv;
	/** A database it uses but does not remove on stop. */
	database?: AppDatabase;
	/** Once it answers, what it writes to stderr goes to the console as it comes (it explains failing tests). */
	echoErrors?: boolean;
};

/**
 * Starts `node server.js` from `buildDir` with ORIGIN set by `originFor(port)`; the server listens
 * on 127.0.0.1 whatever ORIGIN names, as behind a proxy that ends TLS. On a fresh database of its
 * own, removed by `stop`, unless `database` is given (then the caller removes it).
 */
export async function startProductionServer(
	buildDir: string,
	originFor: (port: number) => string,
	options: ProductionServerOptions = {}
): Promise<ProductionServer> {
	const port = await freePort();
	const origin = originFor(port);
	const database = options.database ?? (await freshDatabase());
	let output = '';
	const child = spawn(process.execPath, ['server.js'], {
		cwd: repoRoot,
		env: {
			...process.env,
			...database.env,
			...options.env?.(origin),
			NODE_ENV: 'production',
			BUILD_DIR: buildDir,
			PORT: String(port),
			HOST: '127.0.0.1',
			ORIGIN: origin
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
	let answering = false;
	child.stderr?.on('data', (chunk: Buffer) => {
		output += chunk.toString();
		if (answering && options.echoErrors) process.stderr.write(`[app] ${chunk.toString()}`);
	});
	const stop = async () => {
		await stopProcess(child);
		if (!options.database) await database.remove();
	};
	const url = `http://127.0.0.1:${port}`;
	try {
		await waitUntilAnswering(url, child, () => output);
		answering = true;
	} catch (error) {
		await stop();
		throw error;
	}
	return { url, origin, database: database.env, stop, child, output: () => output };
}
