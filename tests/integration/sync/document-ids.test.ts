// Migration 0019 gives every stored document an integer id: documents stored under the old
// schema (log and snapshot rows keyed by name) read back whole afterwards, on the database the
// suite runs on, and new updates go on after the migrated ones.
import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import * as Y from 'yjs';
import * as schema from '$lib/server/db/schema';
import { appendUpdates, compactStoredDocument, loadStoredDocument } from '$lib/server/sync/storage';
import { textUpdate, useOldSchemaDatabases } from '../../utils/old-schema-database';

const openOldSchemaDatabase = useOldSchemaDatabases(18);

describe('migration to document ids', () => {
	it('keeps documents stored by name readable, snapshots and logs alike, and appends after them', async () => {
		const { db, migrateToLatest } = await openOldSchemaDatabase();

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

		await migrateToLatest();

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
