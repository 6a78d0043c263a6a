// Postgres persistence of Yjs documents: an append-only update log plus one compacted snapshot
// per document. Loading reads both in one repeatable-read transaction, so a compaction that
// commits in between can never make rows vanish from what is loaded. Yjs updates are idempotent,
// so a row folded into the snapshot and still present in the log does no harm.
import { asc, eq, lte, and, sql } from 'drizzle-orm';
import * as Y from 'yjs';
import type { Db, DbOrTx } from '../db';
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
