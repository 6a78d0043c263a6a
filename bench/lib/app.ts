// What the benchmarks that load the production app share: a loopback port, the production entry
// (`node server.js`) started and stopped, a fresh database for each run, and child scripts.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';

/** A TCP port nobody listens on right now. */
export function freePort(): Promise<number> {
	return new Promise((resolvePort, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			server.close(() => resolvePort(port));
		});
	});
}

/** Runs a Node child to completion and returns its standard output. */
export function runChild(args: string[], env: NodeJS.ProcessEnv): Promise<string> {
	return new Promise((resolveRun, reject) => {
		const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'inherit'] });
		let out = '';
		child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
		child.once('exit', (code) =>
			code === 0 ? resolveRun(out) : reject(new Error(`${args.join(' ')} exited with ${code}`))
		);
	});
}

/** The last line a seed script printed, parsed as JSON. */
export function lastJsonLine<T>(output: string): T {
	return JSON.parse(output.trim().split('\n').at(-1) ?? '{}') as T;
}

export type AppServer = { child: ChildProcess; origin: string; stop(): Promise<void> };

/** Starts the production entry (`node server.js`) on a loopback port; resolves once it listens. */
export async function startServer(env: NodeJS.ProcessEnv): Promise<AppServer> {
	const port = await freePort();
	const origin = `http://127.0.0.1:${port}`;
	const child = spawn(process.execPath, ['server.js'], {
		env: { ...env, PORT: String(port), HOST: '127.0.0.1', ORIGIN: origin, NODE_ENV: 'production' },
		stdio: ['ignore', 'pipe', 'inherit']
	});
	await new Promise<void>((ready, reject) => {
		const timer = setTimeout(() => reject(new Error('server did not start within 60 s')), 60_000);
		child.stdout?.on('data', (chunk: Buffer) => {
			if (chunk.toString().includes('listening')) {
				clearTimeout(timer);
				ready();
			}
		});
		child.once('exit', (code) => reject(new Error(`server exited with ${code} before listening`)));
	});
	return {
		child,
		origin,
		async stop() {
			if (child.exitCode !== null) return;
			const exited = new Promise((done) => child.once('exit', done));
			child.kill('SIGTERM');
			const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
			await exited;
			clearTimeout(timer);
		}
	};
}

export type Driver = 'pglite' | 'postgres';

/**
 * A fresh database for one run: a new database on the server of `adminUrl` for postgres, a new
 * PGlite folder otherwise. Returns the environment the app and seed scripts need, and its removal.
 */
export async function freshDatabase(
	driver: Driver,
	adminUrl: string | undefined,
	label: string
): Promise<{ env: NodeJS.ProcessEnv; remove(): Promise<void> }> {
	const env: NodeJS.ProcessEnv = { ...process.env };
	if (driver === 'postgres' && adminUrl) {
		const name = `fb_bench_${label}_${randomBytes(4).toString('hex')}`;
		const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
		await admin.unsafe(`create database "${name}"`);
		const url = new URL(adminUrl);
		url.pathname = `/${name}`;
		env.DATABASE_URL = url.toString();
		delete env.DATA_DIR;
		return {
			env,
			async remove() {
				await admin.unsafe(`drop database if exists "${name}" with (force)`);
				await admin.end();
			}
		};
	}
	const dir = await mkdtemp(join(tmpdir(), `fb-bench-${label}-`));
	env.DATA_DIR = dir;
	delete env.DATABASE_URL;
	return { env, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** Replaces the `## <title>` section of a Markdown file (or appends it), leaving the others as they are. */
export function replaceSection(text: string, title: string, section: string): string {
	const heading = new RegExp(`^## ${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`, 'm');
	const start = text.search(heading);
	if (start < 0) return `${text.trimEnd()}${text.trim() ? '\n\n' : ''}${section}`;
	const rest = text.slice(start + 1);
	const next = rest.search(/^## /m);
	const end = next < 0 ? text.length : start + 1 + next;
	return `${text.slice(0, start)}${section}${next < 0 ? '' : `\n${text.slice(end)}`}`;
}
