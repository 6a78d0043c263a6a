// End-to-end global setup: builds the production app once, starts `node server.js` on a free port
// against a fresh database (a new PostgreSQL database when DATABASE_URL is set, a new PGlite folder
// otherwise) and hands its URL to the test files. Without Chromium it provides no URL and the
// end-to-end files skip themselves (with CI set, the run fails instead).
import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { copyBuild, startProductionServer, type ProductionServer } from './production-server';

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

/** Builds the app unless E2E_SKIP_BUILD=1. */
async function buildApp(): Promise<void> {
	if (process.env.E2E_SKIP_BUILD === '1') return;
	// vitest sets NODE_ENV=test, which would build Svelte's development runtime: the tests drive
	// the build that ships.
	await run('npx', ['vite', 'build'], { ...process.env, NODE_ENV: 'production' });
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

	// A copy of the build of this run's own, inside the repository so its imports find node_modules.
	const build = await copyBuild(buildApp);
	let server: ProductionServer;
	try {
		server = await startProductionServer(build.dir, (port) => `http://127.0.0.1:${port}`, {
			echoErrors: true
		});
	} catch (error) {
		await build.remove();
		throw error;
	}

	project.provide('appUrl', server.url);
	project.provide('chromiumPath', chromiumPath);

	return async () => {
		await server.stop();
		await build.remove();
		const { child } = server;
		if (child.exitCode !== 0)
			process.stderr.write(
				`--- app exited with ${child.signalCode ?? child.exitCode} ---\n${server.output()}\n`
			);
	};
}
