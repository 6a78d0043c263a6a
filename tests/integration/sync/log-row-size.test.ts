// Migration 0020 slims the log row (no primary key on `id`, no `created_at`, one index on
// `doc_id`): logs stored before it read back whole and in order afterwards, on the database the
// suite runs on, new updates go on after them, and compaction folds old and new rows alike.
import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import * as Y from 'yjs';
import type { Db } from '$lib/server/db';
import {
	appendUpdates,
	compactStoredDocument,
	documentIdOf,
	loadStoredDocument
} from '$lib/server/sync/storage';
import { textUpdate, useOldSchemaDatabases } from '../../utils/old-schema-database';

const openOldSchemaDatabase = useOldSchemaDatabases(19);

async function readText(db: Db, name: string) {
	const stored = await loadStoredDocument(db, name);
	const doc = new Y.Doc();
	if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
	for (const update of stored.updates) Y.applyUpdate(doc, update);
	return { text: doc.getText('t').toJSON(), rows: stored.updates.length };
}

describe('migration to the slim log row', () => {
	it('keeps logs stored before it readable in order, appends after them and compacts them', async () => {
		const { db, migrateToLatest } = await openOldSchemaDatabase();

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

		await migrateToLatest();

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
