// Integration global setup. With DATABASE_URL set, it creates one migrated template database for
// the run; each test file then gets its own copy (see fresh-database.ts). Without it, every
// test file uses its own in-memory PGlite, loaded from a dump of one migrated here.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
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
		/** Migrated template database to copy per test file. */
		templateDatabase: string;
		/** Prefix of every database this run creates, so teardown can drop leftovers. */
		runPrefix: string;
		/** Dump of a migrated PGlite that each test file loads, or '' on PostgreSQL. */
		pgliteTemplate: string;
	}
}

/** Migrates one in-memory PGlite and dumps it to a file that every test file's database loads. */
async function pgliteTemplate(project: TestProject) {
	const client = new PGlite('memory://');
	await migratePglite(drizzlePglite(client), { migrationsFolder: resolve('drizzle') });
	const dump = await client.dumpDataDir('none');
	await client.close();
	const dir = await mkdtemp(join(tmpdir(), 'fb-pglite-template-'));
	const file = join(dir, 'template.tar');
	await writeFile(file, Buffer.from(await dump.arrayBuffer()));
	project.provide('pgliteTemplate', file);
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
		for (const { datname } of rows) await admin.unsafe(`drop database if exists "${datname}" with (force)`);
		await admin.end();
	};
}
