// Postgres persistence of Yjs documents: an append-only update log plus one compacted snapshot
// per document. Loading reads both in one repeatable-read transaction, so a compaction that
// commits in between can never make rows vanish from what is loaded. Yjs updates are idempotent,
// so a row folded into the snapshot and still present in the log does no harm. This file is the
// only one that touches `ydoc_updates` and `ydoc_snapshots`; domain areas go through
// `./documents`.
import { asc, eq, inArray, lte, and, sql } from 'drizzle-orm';
import * as Y from 'yjs';
import type { Db, DbOrTx, Tx } from '../db';
import { ydocSnapshots, ydocUpdates } from '../db/schema';

/** What is stored of one document: its snapshot (if compacted before) and the log after it, oldest first. */
export type StoredDocument = {
	/** Compacted state, or null when the document was never compacted. */
	snapshot: Uint8Array | null;
	/** Logged updates not yet folded into the snapshot, in the order they were stored. */
	updates: Uint8Array[];
};

/** One update to append to a document's log. */
export type UpdateRow = { docName: string; update: Uint8Array };

/** What a compaction folded. */
export type CompactionResult = {
	/** Log rows folded into the snapshot and deleted. */
	foldedRows: number;
	/** Bytes of those rows. */
	foldedBytes: number;
	/** Size of the new snapshot. */
	snapshotBytes: number;
};

async function readStored(tx: DbOrTx, docName: string) {
	const [snapshot] = await tx
		.select({ state: ydocSnapshots.state })
		.from(ydocSnapshots)
		.where(eq(ydocSnapshots.docName, docName));
	const log = await tx
		.select({ id: ydocUpdates.id, update: ydocUpdates.update })
		.from(ydocUpdates)
		.where(eq(ydocUpdates.docName, docName))
		.orderBy(asc(ydocUpdates.id));
	return { snapshot: snapshot?.state ?? null, log };
}

/** Reads a document's snapshot and log in one consistent view. */
export async function loadStoredDocument(db: Db, docName: string): Promise<StoredDocument> {
	const { snapshot, log } = await db.transaction((tx) => readStored(tx, docName), {
		isolationLevel: 'repeatable read',
		accessMode: 'read only'
	});
	return { snapshot, updates: log.map((row) => row.update) };
}

function prepareAppendOne(db: Db) {
	return db
		.insert(ydocUpdates)
		.values({ docName: sql.placeholder('docName'), update: sql.placeholder('update') })
		.prepare('ydoc_append_update');
}

// Most flushes hold one update: a prepared statement spares building and parsing the query each time.
const appendOne = new WeakMap<Db, ReturnType<typeof prepareAppendOne>>();

/** Appends updates in one statement; rows get ids in the order given, which is arrival order. */
export async function appendUpdates(db: Db, rows: UpdateRow[]): Promise<void> {
	if (rows.length === 0) return;
	if (rows.length > 1) {
		await db.insert(ydocUpdates).values(rows);
		return;
	}
	let prepared = appendOne.get(db);
	if (!prepared) {
		prepared = prepareAppendOne(db);
		appendOne.set(db, prepared);
	}
	await prepared.execute(rows[0]);
}

/**
 * Folds a document's log into its snapshot: applies snapshot and log to a fresh Y.Doc and
 * re-encodes it (Y.mergeUpdates is superlinear on long logs), then deletes exactly the rows it
 * read. Repeatable read keeps rows committed meanwhile out of both the fold and the delete.
 * Throws, changing nothing, when a stored update does not apply.
 */
export async function compactStoredDocument(
	db: Db,
	docName: string
): Promise<CompactionResult | null> {
	return db.transaction(
		async (tx) => {
			const { snapshot, log } = await readStored(tx, docName);
			if (log.length === 0) return null;
			const doc = new Y.Doc();
			let foldedBytes = 0;
			try {
				doc.transact(() => {
					if (snapshot) Y.applyUpdate(doc, snapshot);
					for (const row of log) {
						Y.applyUpdate(doc, row.update);
						foldedBytes += row.update.length;
					}
				});
				const state = Y.encodeStateAsUpdate(doc);
				const lastUpdateId = log[log.length - 1].id;
				await tx
					.insert(ydocSnapshots)
					.values({ docName, state, lastUpdateId, byteSize: state.length })
					.onConflictDoUpdate({
						target: ydocSnapshots.docName,
						set: { state, lastUpdateId, byteSize: state.length, updatedAt: sql`now()` }
					});
				await tx
					.delete(ydocUpdates)
					.where(and(eq(ydocUpdates.docName, docName), lte(ydocUpdates.id, lastUpdateId)));
				return { foldedRows: log.length, foldedBytes, snapshotBytes: state.length };
			} finally {
				doc.destroy();
			}
		},
		{ isolationLevel: 'repeatable read' }
	);
}

/**
 * What each stored document holds, in a form that changes whenever it does: the update its
 * snapshot runs to, and how many updates its log has and the newest. Counting catches an update
 * with a smaller id that commits after a larger one; a compaction changes the snapshot's update.
 */
export async function storedVersions(tx: Tx, names: string[]): Promise<Map<string, string>> {
	if (names.length === 0) return new Map();
	const snapshots = await tx
		.select({ docName: ydocSnapshots.docName, through: ydocSnapshots.lastUpdateId })
		.from(ydocSnapshots)
		.where(inArray(ydocSnapshots.docName, names));
	const logs = await tx
		.select({
			docName: ydocUpdates.docName,
			count: sql<number>`count(*)::int`,
			newest: sql<string>`max(${ydocUpdates.id})::text`
		})
		.from(ydocUpdates)
		.where(inArray(ydocUpdates.docName, names))
		.groupBy(ydocUpdates.docName);
	const through = new Map(snapshots.map((row) => [row.docName, row.through]));
	const log = new Map(logs.map((row) => [row.docName, `${row.count}/${row.newest}`]));
	return new Map(
		names.map((name) => [name, `${through.get(name) ?? '-'}:${log.get(name) ?? '0'}`])
	);
}

/** The snapshot and log rows of each document, oldest first, by name (documents with none are absent). */
export async function storedUpdatesOf(tx: Tx, names: string[]): Promise<Map<string, Uint8Array[]>> {
	const updates = new Map<string, Uint8Array[]>();
	if (names.length === 0) return updates;
	const snapshots = await tx
		.select({ docName: ydocSnapshots.docName, state: ydocSnapshots.state })
		.from(ydocSnapshots)
		.where(inArray(ydocSnapshots.docName, names));
	const log = await tx
		.select({ docName: ydocUpdates.docName, update: ydocUpdates.update })
		.from(ydocUpdates)
		.where(inArray(ydocUpdates.docName, names))
		.orderBy(asc(ydocUpdates.id));
	for (const row of snapshots) updates.set(row.docName, [row.state]);
	for (const row of log) {
		const list = updates.get(row.docName);
		if (list) list.push(row.update);
		else updates.set(row.docName, [row.update]);
	}
	return updates;
}

/** Deletes everything stored of the documents `names`. */
export async function deleteStoredDocuments(tx: DbOrTx, names: string[]): Promise<void> {
	if (names.length === 0) return;
	await tx.delete(ydocUpdates).where(inArray(ydocUpdates.docName, names));
	await tx.delete(ydocSnapshots).where(inArray(ydocSnapshots.docName, names));
}

/** Appends one update inside the caller's transaction (seeding a document with its first content). */
export async function insertUpdate(tx: DbOrTx, row: UpdateRow): Promise<void> {
	await tx.insert(ydocUpdates).values(row);
}
