// Migration 0019 gives every stored document an integer id: documents stored under the old
// schema (log and snapshot rows keyed by name) read back whole afterwards, on the database the
// suite runs on, and new updates go on after the migrated ones.
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
import { appendUpdates, compactStoredDocument, loadStoredDocument } from '$lib/server/sync/storage';
import { databaseUrlFor } from '../../utils/database-url';

type Opened = { db: Db; migrate: (folder: string) => Promise<unknown>; close: () => Promise<void> };

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
			migrate: (migrationsFolder) => migratePglite(database, { migrationsFolder }),
			close: () => client.close()
		};
	}
	const name = `${inject('runPrefix')}_ids_${Math.random().toString(36).slice(2, 8)}`;
	const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
	await admin.unsafe(`create database "${name}"`);
	await admin.end();
	const client = postgres(databaseUrlFor(adminUrl, name), { max: 2, onnotice: () => {} });
	const database = drizzlePostgres(client, { schema });
	closers.push(() => client.end());
	return {
		db: database,
		migrate: (migrationsFolder) => migratePostgres(database, { migrationsFolder }),
		close: () => client.end()
	};
}

function textUpdate(doc: Y.Doc, text: string): Uint8Array {
	const before = Y.encodeStateVector(doc);
	doc.getText('t').insert(doc.getText('t').length, text);
	return Y.encodeStateAsUpdate(doc, before);
}

beforeAll(async () => {
	// The migrations as they were before 0019: the same files, the journal cut after 0018.
	folder = await mkdtemp(join(tmpdir(), 'fb-migrations-'));
	oldMigrations = join(folder, 'drizzle');
	await cp(resolve('drizzle'), oldMigrations, { recursive: true });
	const journalPath = join(oldMigrations, 'meta', '_journal.json');
	const journal = JSON.parse(await readFile(journalPath, 'utf8')) as {
		entries: { idx: number }[];
	};
	journal.entries = journal.entries.filter((entry) => entry.idx <= 18);
	await writeFile(journalPath, JSON.stringify(journal));
});

afterAll(async () => {
	for (const close of closers) await close().catch(() => {});
	await rm(folder, { recursive: true, force: true });
});

describe('migration to document ids', () => {
	it('keeps documents stored by name readable, snapshots and logs alike, and appends after them', async () => {
		const { db, migrate } = await openEmptyDatabase();
		await migrate(oldMigrations);

		const logged = new Y.Doc();
		const loggedUpdates = [textUpdate(logged, 'hello '), textUpdate(logged, 'world')];
		const compacted = new Y.Doc();
		const snapshot = textUpdate(compacted, 'folded ');
		const afterSnapshot = textUpdate(compacted, 'and logged');
		const snapshotOnly = new Y.Doc();
		const onlySnapshot = textUpdate(snapshotOnly, 'just a snapshot');
		const names = ['ws:one:journey:log', 'ws:two:journey:compacted', 'ws:three:journey:snapshot'];
		for (const update of loggedUpdates)
			await db.execute(
				sql`insert into ydoc_updates (doc_name, update) values (${names[0]}, ${update})`
			);
		await db.execute(sql`insert into ydoc_snapshots (doc_name, state, last_update_id, byte_size)
			values (${names[1]}, ${snapshot}, 0, ${snapshot.length}),
				(${names[2]}, ${onlySnapshot}, 0, ${onlySnapshot.length})`);
		await db.execute(
			sql`insert into ydoc_updates (doc_name, update) values (${names[1]}, ${afterSnapshot})`
		);

		await migrate(resolve('drizzle'));

		const read = async (name: string) => {
			const stored = await loadStoredDocument(db, name);
			const doc = new Y.Doc();
			if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
			for (const update of stored.updates) Y.applyUpdate(doc, update);
			return { text: doc.getText('t').toJSON(), rows: stored.updates.length };
		};
		expect(await read(names[0])).toEqual({ text: 'hello world', rows: 2 });
		expect(await read(names[1])).toEqual({ text: 'folded and logged', rows: 1 });
		expect(await read(names[2])).toEqual({ text: 'just a snapshot', rows: 0 });

		await appendUpdates(db, [
			{ docName: names[0], update: textUpdate(logged, '!') },
			{ docName: 'ws:four:journey:new', update: textUpdate(new Y.Doc(), 'new') }
		]);
		expect(await read(names[0])).toEqual({ text: 'hello world!', rows: 3 });
		expect(await read('ws:four:journey:new')).toEqual({ text: 'new', rows: 1 });
		expect(await compactStoredDocument(db, names[1])).toMatchObject({ foldedRows: 1 });
		expect(await read(names[1])).toEqual({ text: 'folded and logged', rows: 0 });
		const rows = await db
			.select({ name: schema.documents.name })
			.from(schema.documents)
			.orderBy(schema.documents.id);
		expect(rows.map((row) => row.name)).toEqual([...names].sort().concat('ws:four:journey:new'));
	});
});
