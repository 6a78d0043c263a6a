// The README's demo: `npm run seed:demo` beside a running server. On the embedded database two
// processes cannot share one folder (each would keep its own copy), so the seeder refuses, says
// what to do, and writes nothing; done as it says (stop, seed, start), the printed accounts sign
// in. On PostgreSQL it seeds while the server runs, and the accounts sign in at once.
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
	copyBuild,
	freshDatabase,
	startProductionServer,
	type ProductionServer,
	type AppDatabase
} from '../../utils/production-server';

const repoRoot = resolve(import.meta.dirname, '../../..');
const onPglite = !process.env.DATABASE_URL?.trim();
const STARTUP_MS = 180_000;
const TEST_MS = 4 * STARTUP_MS;

/** Runs the seeder as `npm run seed:demo` does, against `database`. */
function seedDemo(
	database: AppDatabase
): Promise<{ code: number | null; stdout: string; stderr: string }> {
	return new Promise((done, fail) => {
		const child = spawn(process.execPath, ['--import', 'tsx', 'src/lib/server/demo/cli.ts'], {
			cwd: repoRoot,
			env: { ...process.env, DATA_DIR: '', DATABASE_URL: '', ...database.env },
			stdio: ['ignore', 'pipe', 'pipe']
		});
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
		child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
		child.on('error', fail);
		child.on('exit', (code) => done({ code, stdout, stderr }));
	});
}

/** Signs in as the demo facilitator the way the sign-in form does; true when the server lets them in. */
async function demoSignIn(server: ProductionServer): Promise<boolean> {
	const response = await fetch(new URL('/signin', server.url), {
		method: 'POST',
		redirect: 'manual',
		headers: {
			origin: server.origin,
			accept: 'text/html',
			'content-type': 'application/x-www-form-urlencoded'
		},
		body: new URLSearchParams({ email: 'georgi@northwind.example', password: 'focusboard-demo' })
	});
	return (
		response.status === 303 &&
		response.headers.getSetCookie().some((c) => c.startsWith('fb_session='))
	);
}

describe.skipIf(!inject('appUrl'))('npm run seed:demo beside a running server', () => {
	let build: Awaited<ReturnType<typeof copyBuild>> | undefined;
	let database: AppDatabase | undefined;
	let server: ProductionServer | undefined;
	beforeAll(async () => {
		build = await copyBuild();
		database = await freshDatabase();
		server = await startProductionServer(build.dir, (port) => `http://localhost:${port}`, {
			database
		});
	}, 2 * STARTUP_MS);
	afterAll(async () => {
		await server?.stop();
		await database?.remove();
		await build?.remove();
	}, STARTUP_MS);

	it.runIf(onPglite)(
		'refuses on the embedded database the server uses, says what to do, and works once done',
		async () => {
			if (!server || !database || !build) throw new Error('the server did not start');
			const refused = await seedDemo(database);
			expect(refused.code).toBe(1);
			expect(refused.stderr).toContain('The Focusboard server (process');
			expect(refused.stderr).toContain('Stop the server');
			expect(refused.stdout).not.toContain('georgi@northwind.example');
			expect(await demoSignIn(server)).toBe(false);

			await server.stop();
			const seeded = await seedDemo(database);
			expect(seeded.stderr).toBe('');
			expect(seeded.code).toBe(0);
			expect(seeded.stdout).toContain('georgi@northwind.example');
			server = await startProductionServer(build.dir, (port) => `http://localhost:${port}`, {
				database
			});
			expect(await demoSignIn(server)).toBe(true);
		},
		TEST_MS
	);

	it.runIf(!onPglite)(
		'seeds a PostgreSQL database while the server runs, and the accounts sign in at once',
		async () => {
			if (!server || !database) throw new Error('the server did not start');
			const seeded = await seedDemo(database);
			expect(seeded.code).toBe(0);
			expect(seeded.stdout).toContain('georgi@northwind.example');
			expect(await demoSignIn(server)).toBe(true);
		},
		TEST_MS
	);
});
