// Runs before each integration test file. The files of a worker share their modules (`isolate:
// false` in vite.config.ts: evaluating the app's modules again for every file cost more than the
// tests themselves), so they share the app's db module too, pointed here, once per worker, at a
// database of its own: a copy of the migrated template on PostgreSQL, or a copy of the migrated
// PGlite data directory. Tests make their own workspaces and accounts, so they never see each
// other's rows; the global teardown drops what was made.
import { inject } from 'vitest';
import { cp } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import postgres from 'postgres';
import { databaseUrlFor } from './database-url';

const WORKER_DATABASE = Symbol.for('focusboard.tests.database');
const holder = globalThis as { [WORKER_DATABASE]?: Promise<void> };

async function openWorkerDatabase(): Promise<void> {
	const adminUrl = inject('adminDatabaseUrl');
	const name = `${inject('runPrefix')}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
	if (adminUrl) {
		const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
		await admin.unsafe(`create database "${name}" template "${inject('templateDatabase')}"`);
		await admin.end();
		process.env.DATABASE_URL = databaseUrlFor(adminUrl, name);
	} else {
		const template = inject('pgliteTemplate');
		const dataDir = join(dirname(template), name);
		await cp(template, dataDir, { recursive: true });
		delete process.env.DATABASE_URL;
		process.env.DATA_DIR = dataDir;
	}
	const { migrateDatabase } = await import('$lib/server/db');
	await migrateDatabase();
}

holder[WORKER_DATABASE] ??= openWorkerDatabase();
await holder[WORKER_DATABASE];
