// End-to-end global setup: builds the production app once, starts `node server.js` on a free port
// against a fresh database (a new PostgreSQL database when DATABASE_URL is set, a new PGlite folder
// otherwise) and hands its URL to the test files. Without Chromium it provides no URL and the
// end-to-end files skip themselves (with CI set, the run fails instead).
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { accessSync, constants, existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, rm, rmdir, stat } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import postgres from 'postgres';
import type { TestProject } from 'vitest/node';
import { databaseUrlFor } from './database-url';

declare module 'vitest' {
	export interface ProvidedContext {
		/** Origin of the running production app, or '' when the end-to-end tests are skipped. */
		appUrl: string;
		/** Chromium executable the tests launch. */
		chromiumPath: string;
	}
}

/** Where the app and its build live. */
const repoRoot = resolve(import.meta.dirname, '../..');
/** How long the server may take to migrate and answer its first request. */
const STARTUP_TIMEOUT_MS = 120_000;
/** How long the server may take to exit after SIGTERM before it is killed. */
const SHUTDOWN_TIMEOUT_MS = 15_000;

/** The Chromium to use: CHROMIUM_PATH when set, else the Debian package's; undefined unless it is executable. */
function findChromium(): string | undefined {
	const candidate = process.env.CHROMIUM_PATH?.trim() || '/usr/bin/chromium';
	try {
		accessSync(candidate, constants.X_OK);
		return candidate;
	} catch {
		return undefined;
	}
}

/** Runs a command to completion; its output is printed only when it fails. */
function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
	return new Promise((done, fail) => {
		const child = spawn(command, args, { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
		let output = '';
		child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
		child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
		child.on('error', fail);
		child.on('exit', (code, signal) => {
			if (code === 0) return done();
			process.stderr.write(output);
			fail(new Error(`${command} ${args.join(' ')} failed (${signal ?? `exit ${code}`})`));
		});
	});
}

/** A TCP port nobody listens on right now. */
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

/** Resolves once the process has exited (at once if it already has). */
function exited(child: ChildProcess): Promise<void> {
	if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
	return new Promise((done) => child.once('exit', () => done()));
}

/** Polls GET / until the server answers at all; fails early if the server process dies. */
async function waitUntilAnswering(url: string, server: ChildProcess): Promise<void> {
	const deadline = Date.now() + STARTUP_TIMEOUT_MS;
	while (Date.now() < deadline) {
		if (server.exitCode !== null || server.signalCode !== null)
			throw new Error(
				`the app exited during start-up (${server.signalCode ?? `exit ${server.exitCode}`})`
			);
		try {
			await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(2_000) });
			return;
		} catch {
			await new Promise((next) => setTimeout(next, 200));
		}
	}
	throw new Error(`the app did not answer on ${url} within ${STARTUP_TIMEOUT_MS / 1000} s`);
}

/** A fresh database for the app: a new PostgreSQL database or a new PGlite folder, and how to remove it. */
async function freshDatabase(): Promise<{ env: NodeJS.ProcessEnv; remove: () => Promise<void> }> {
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

/** Held while one test run builds and copies the app, so runs started side by side do not clobber it. */
const BUILD_LOCK = join(tmpdir(), 'focusboard-e2e-build.lock');

/** Waits for the build lock; a lock older than ten minutes is left over from a killed run. */
async function lockBuild(): Promise<void> {
	for (;;) {
		try {
			await mkdir(BUILD_LOCK);
			return;
		} catch {
			const age = await stat(BUILD_LOCK).then(
				(s) => Date.now() - s.mtimeMs,
				() => 0
			);
			if (age > 10 * 60_000) await rmdir(BUILD_LOCK).catch(() => {});
			await new Promise((next) => setTimeout(next, 500));
		}
	}
}

/**
 * Builds the app (unless E2E_SKIP_BUILD=1) and copies `build/` to a folder of this run's own,
 * inside the repository so the build's imports still find `node_modules`.
 */
async function privateBuild(): Promise<string> {
	await lockBuild();
	try {
		// vitest sets NODE_ENV=test, which would build Svelte's development runtime: the tests drive
		// the build that ships.
		if (process.env.E2E_SKIP_BUILD !== '1')
			await run('npx', ['vite', 'build'], { ...process.env, NODE_ENV: 'production' });
		await mkdir(join(repoRoot, '.e2e-builds'), { recursive: true });
		const copy = await mkdtemp(join(repoRoot, '.e2e-builds', 'run-'));
		await cp(join(repoRoot, 'build'), copy, { recursive: true });
		return copy;
	} finally {
		await rmdir(BUILD_LOCK).catch(() => {});
	}
}

/** Stops the server: SIGTERM, then SIGKILL if it does not exit in time. */
async function stopServer(server: ChildProcess): Promise<void> {
	if (server.exitCode !== null || server.signalCode !== null) return;
	server.kill('SIGTERM');
	const timer = setTimeout(() => server.kill('SIGKILL'), SHUTDOWN_TIMEOUT_MS);
	await exited(server);
	clearTimeout(timer);
}

export default async function setup(project: TestProject) {
	project.provide('appUrl', '');
	project.provide('chromiumPath', '');
	const chromiumPath = findChromium();
	if (!chromiumPath) {
		const missing = `no Chromium at ${process.env.CHROMIUM_PATH?.trim() || '/usr/bin/chromium'}; install it with \`apt-get update && apt-get install -y chromium\` (or set CHROMIUM_PATH)`;
		// On a laptop the end-to-end layer may be left out; in CI a missing browser is a failure.
		if (process.env.CI) throw new Error(`e2e tests cannot run: ${missing}`);
		console.warn(`e2e tests skipped: ${missing}`);
		return;
	}

	const buildDir = await privateBuild();

	const port = await freePort();
	const appUrl = `http://127.0.0.1:${port}`;
	const database = await freshDatabase();
	let output = '';
	let started = false;
	let server: ChildProcess | undefined;
	const cleanUp = async () => {
		if (server) await stopServer(server);
		await database.remove();
		await rm(buildDir, { recursive: true, force: true });
	};

	try {
		server = spawn(process.execPath, ['server.js'], {
			cwd: repoRoot,
			env: {
				...process.env,
				...database.env,
				NODE_ENV: 'production',
				BUILD_DIR: buildDir,
				PORT: String(port),
				HOST: '127.0.0.1',
				ORIGIN: appUrl
			},
			stdio: ['ignore', 'pipe', 'pipe']
		});
		server.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
		// Server errors during the run explain failing tests, so they go to the console as they come.
		server.stderr?.on('data', (chunk: Buffer) => {
			output += chunk.toString();
			if (started) process.stderr.write(`[app] ${chunk.toString()}`);
		});
		await waitUntilAnswering(appUrl, server);
		started = true;
	} catch (error) {
		process.stderr.write(`--- app output ---\n${output}\n------------------\n`);
		await cleanUp();
		throw error;
	}

	project.provide('appUrl', appUrl);
	project.provide('chromiumPath', chromiumPath);

	return async () => {
		const stopped = server;
		await cleanUp();
		if (stopped && stopped.exitCode !== 0)
			process.stderr.write(
				`--- app exited with ${stopped.signalCode ?? stopped.exitCode} ---\n${output}\n`
			);
	};
}
