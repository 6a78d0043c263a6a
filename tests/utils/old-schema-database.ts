// For migration tests: a fresh, empty database of the kind the suite runs on, migrated first only
// up to an older migration (the same files, the journal cut after it) and then to the latest.
import { afterAll, beforeAll, inject } from 'vitest';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import * as Y from 'yjs';
import type { Db } from '$lib/server/db';
import * as schema from '$lib/server/db/schema';
import { databaseUrlFor } from './database-url';

/** A database with the schema as it was, and the step to today's. */
export type OldSchemaDatabase = { db: Db; migrateToLatest: () => Promise<unknown> };

/**
 * Opens databases migrated up to migration `lastIndex` (its `idx` in drizzle's journal); each is
 * closed, and the cut migrations removed, after the file's tests.
 */
export function useOldSchemaDatabases(lastIndex: number): () => Promise<OldSchemaDatabase> {
	let folder = '';
	let oldMigrations = '';
	const closers: (() => Promise<void>)[] = [];

	beforeAll(async () => {
		folder = await mkdtemp(join(tmpdir(), 'fb-migrations-'));
		oldMigrations = join(folder, 'drizzle');
		await cp(resolve('drizzle'), oldMigrations, { recursive: true });
		const journalPath = join(oldMigrations, 'meta', '_journal.json');
		const journal = JSON.parse(await readFile(journalPath, 'utf8')) as {
			entries: { idx: number }[];
		};
		journal.entries = journal.entries.filter((entry) => entry.idx <= lastIndex);
		await writeFile(journalPath, JSON.stringify(journal));
	});

	afterAll(async () => {
		for (const close of closers) await close().catch(() => {});
		await rm(folder, { recursive: true, force: true });
	});

	return async () => {
		const adminUrl = inject('adminDatabaseUrl');
		if (!adminUrl) {
			const client = new PGlite();
			const database = drizzlePglite(client, { schema });
			closers.push(() => client.close());
			await migratePglite(database, { migrationsFolder: oldMigrations });
			return {
				// Both drivers' drizzle databases answer the same queries; the app's type names one.
				db: database as unknown as Db,
				migrateToLatest: () => migratePglite(database, { migrationsFolder: resolve('drizzle') })
			};
		}
		const name = `${inject('runPrefix')}_old_${Math.random().toString(36).slice(2, 8)}`;
		const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
		await admin.unsafe(`create database "${name}"`);
		await admin.end();
		const client = postgres(databaseUrlFor(adminUrl, name), { max: 2, onnotice: () => {} });
		const database = drizzlePostgres(client, { schema });
		closers.push(() => client.end());
		await migratePostgres(database, { migrationsFolder: oldMigrations });
		return {
			db: database,
			migrateToLatest: () => migratePostgres(database, { migrationsFolder: resolve('drizzle') })
		};
	};
}

/** An update that appends `text` to the document's text `t`. */
export function textUpdate(doc: Y.Doc, text: string): Uint8Array {
	const before = Y.encodeStateVector(doc);
	doc.getText('t').insert(doc.getText('t').length, text);
	return Y.encodeStateAsUpdate(doc, before);
}
