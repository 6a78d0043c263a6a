// Integration global setup. With DATABASE_URL set, it creates one migrated template database for
// the run; each test worker then gets its own copy (see fresh-database.ts). Without it, one PGlite
// data directory is migrated here and each worker opens a copy of it. The teardown removes them all.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import postgres from 'postgres';
import { drizzle } from 'drizzle-orm/postgres-js';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import type { TestProject } from 'vitest/node';
import { databaseUrlFor } from './database-url';

declare module 'vitest' {
	export interface ProvidedContext {
		/** Admin URL of the PostgreSQL server, or '' when the suite runs on PGlite. */
		adminDatabaseUrl: string;
		/** Migrated template database to copy per test worker. */
		templateDatabase: string;
		/** Prefix of every database this run creates, so teardown can drop leftovers. */
		runPrefix: string;
		/** Data directory of a migrated PGlite that each test worker copies, or '' on PostgreSQL. */
		pgliteTemplate: string;
	}
}

/** Migrates one PGlite data directory (in shared memory where there is some) for the test workers to copy. */
async function pgliteTemplate(project: TestProject) {
	const dir = await mkdtemp(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'fb-pglite-'));
	const dataDir = join(dir, 'template');
	const client = new PGlite(dataDir);
	await migratePglite(drizzlePglite(client), { migrationsFolder: resolve('drizzle') });
	await client.close();
	project.provide('pgliteTemplate', dataDir);
	return () => rm(dir, { recursive: true, force: true });
}

export default async function setup(project: TestProject) {
	const adminUrl = process.env.DATABASE_URL?.trim() ?? '';
	const runPrefix = `fb_t_${randomBytes(4).toString('hex')}`;
	project.provide('adminDatabaseUrl', adminUrl);
	project.provide('runPrefix', runPrefix);
	project.provide('templateDatabase', '');
	project.provide('pgliteTemplate', '');
	if (!adminUrl) return pgliteTemplate(project);

	const template = `${runPrefix}_template`;
	const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
	await admin.unsafe(`create database "${template}"`);
	const client = postgres(databaseUrlFor(adminUrl, template), { max: 1, onnotice: () => {} });
	await migrate(drizzle(client), { migrationsFolder: resolve('drizzle') });
	await client.end();
	project.provide('templateDatabase', template);

	return async () => {
		const rows = await admin<{ datname: string }[]>`
			select datname from pg_database where datname like ${runPrefix + '%'}`;
		for (const { datname } of rows)
			await admin.unsafe(`drop database if exists "${datname}" with (force)`);
		await admin.end();
	};
}
