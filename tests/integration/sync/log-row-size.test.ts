// Migration 0020 slims the log row (no primary key on `id`, no `created_at`, one index on
// `doc_id`): logs stored before it read back whole and in order afterwards, on the database the
// suite runs on, new updates go on after them, and compaction folds old and new rows alike.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { sql } from 'drizzle-orm';
import * as Y from 'yjs';
import type { Db } from '$lib/server/db';
import * as schema from '$lib/server/db/schema';
import {
	appendUpdates,
	compactStoredDocument,
	documentIdOf,
	loadStoredDocument
} from '$lib/server/sync/storage';
import { databaseUrlFor } from '../../utils/database-url';

type Opened = { db: Db; migrate: (folder: string) => Promise<unknown> };

let folder: string;
let oldMigrations: string;
const closers: (() => Promise<void>)[] = [];

/** A fresh, empty database of the kind the suite runs on. */
async function openEmptyDatabase(): Promise<Opened> {
	const adminUrl = inject('adminDatabaseUrl');
	if (!adminUrl) {
		const client = new PGlite();
		const database = drizzlePglite(client, { schema });
		closers.push(() => client.close());
		return {
			// Both drivers' drizzle databases answer the same queries; the app's type names one.
			db: database as unknown as Db,
			migrate: (migrationsFolder) => migratePglite(database, { migrationsFolder })
		};
	}
	const name = `${inject('runPrefix')}_rowsize_${Math.random().toString(36).slice(2, 8)}`;
	const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
	await admin.unsafe(`create database "${name}"`);
	await admin.end();
	const client = postgres(databaseUrlFor(adminUrl, name), { max: 2, onnotice: () => {} });
	const database = drizzlePostgres(client, { schema });
	closers.push(() => client.end());
	return {
		db: database,
		migrate: (migrationsFolder) => migratePostgres(database, { migrationsFolder })
	};
}

function textUpdate(doc: Y.Doc, text: string): Uint8Array {
	const before = Y.encodeStateVector(doc);
	doc.getText('t').insert(doc.getText('t').length, text);
	return Y.encodeStateAsUpdate(doc, before);
}

async function readText(db: Db, name: string) {
	const stored = await loadStoredDocument(db, name);
	const doc = new Y.Doc();
	if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
	for (const update of stored.updates) Y.applyUpdate(doc, update);
	return { text: doc.getText('t').toJSON(), rows: stored.updates.length };
}

beforeAll(async () => {
	// The migrations as they were before 0020: the same files, the journal cut after 0019.
	folder = await mkdtemp(join(tmpdir(), 'fb-migrations-'));
	oldMigrations = join(folder, 'drizzle');
	await cp(resolve('drizzle'), oldMigrations, { recursive: true });
	const journalPath = join(oldMigrations, 'meta', '_journal.json');
	const journal = JSON.parse(await readFile(journalPath, 'utf8')) as {
		entries: { idx: number }[];
	};
	journal.entries = journal.entries.filter((entry) => entry.idx <= 19);
	await writeFile(journalPath, JSON.stringify(journal));
});

afterAll(async () => {
	for (const close of closers) await close().catch(() => {});
	await rm(folder, { recursive: true, force: true });
});

describe('migration to the slim log row', () => {
	it('keeps logs stored before it readable in order, appends after them and compacts them', async () => {
		const { db, migrate } = await openEmptyDatabase();
		await migrate(oldMigrations);

		// Two documents' rows interleaved, as the store queue writes them; each one's text
		// depends on its order (an insert at the end of the text so far).
		const names = ['ws:one:journey:a', 'ws:two:journey:b'];
		const docs = [new Y.Doc(), new Y.Doc()];
		const words = ['one ', 'two ', 'three ', 'four '];
		for (const word of words)
			for (const [i, name] of names.entries()) {
				const docId = await documentIdOf(db, name);
				const update = textUpdate(docs[i], `${i}${word}`);
				await db.execute(
					sql`insert into ydoc_updates (doc_id, update, created_at) values (${docId}, ${update}, now())`
				);
			}
		const ids = async () =>
			rowsOf(await db.execute(sql`select id from ydoc_updates order by id`)).map((row) =>
				String(row.id)
			);
		const before = await ids();

		await migrate(resolve('drizzle'));

		const expected = (i: number) => words.map((word) => `${i}${word}`).join('');
		expect(await readText(db, names[0])).toEqual({ text: expected(0), rows: 4 });
		expect(await readText(db, names[1])).toEqual({ text: expected(1), rows: 4 });
		// Rows keep their ids; the update Y.Doc sees in `loadStoredDocument` is in that order.
		const stored = await loadStoredDocument(db, names[0]);
		const replay = new Y.Doc();
		for (const update of stored.updates) {
			Y.applyUpdate(replay, update);
			expect(replay.store.pendingStructs).toBeNull();
		}
		expect(await ids()).toEqual(before);

		const columns = await db.execute(
			sql`select column_name from information_schema.columns where table_name = 'ydoc_updates' order by ordinal_position`
		);
		expect(rowsOf(columns).map((row) => row.column_name)).toEqual(['id', 'update', 'doc_id']);
		const indexes = await db.execute(
			sql`select indexname, indexdef from pg_indexes where tablename = 'ydoc_updates'`
		);
		expect(rowsOf(indexes).map((row) => row.indexname)).toEqual(['ydoc_updates_doc_idx']);

		await appendUpdates(db, [
			{ docName: names[0], update: textUpdate(docs[0], 'five') },
			{ docName: names[1], update: textUpdate(docs[1], 'five') }
		]);
		expect(await readText(db, names[0])).toEqual({ text: `${expected(0)}five`, rows: 5 });
		expect(await compactStoredDocument(db, names[0])).toMatchObject({ foldedRows: 5 });
		expect(await readText(db, names[0])).toEqual({ text: `${expected(0)}five`, rows: 0 });
		expect(await readText(db, names[1])).toEqual({ text: `${expected(1)}five`, rows: 5 });
	});
});

/** The rows of a raw query's result (postgres.js returns them as the result, PGlite in `rows`). */
function rowsOf(result: unknown): Record<string, unknown>[] {
	const withRows = result as { rows?: Record<string, unknown>[] };
	return withRows.rows ?? (result as Record<string, unknown>[]);
}
