// Runs before each integration test file: points the app's db module at a database of its own
// (a copy of the migrated template on PostgreSQL, or an in-memory PGlite) and drops it after.
import { afterAll, inject } from 'vitest';
import postgres from 'postgres';
import { databaseUrlFor } from './database-url';

const adminUrl = inject('adminDatabaseUrl');
let dropDatabase: (() => Promise<void>) | undefined;

if (adminUrl) {
	const name = `${inject('runPrefix')}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
	const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
	await admin.unsafe(`create database "${name}" template "${inject('templateDatabase')}"`);
	process.env.DATABASE_URL = databaseUrlFor(adminUrl, name);
	dropDatabase = async () => {
		await admin.unsafe(`drop database if exists "${name}" with (force)`);
		await admin.end();
	};
} else {
	delete process.env.DATABASE_URL;
	process.env.DATA_DIR = 'memory://';
	process.env.PGLITE_TEMPLATE = inject('pgliteTemplate');
}

const { migrateDatabase, closeDatabase } = await import('$lib/server/db');
await migrateDatabase();

afterAll(async () => {
	await closeDatabase();
	await dropDatabase?.();
});
