// Postgres persistence of Yjs documents: an append-only update log plus one compacted snapshot
// per document. Loading reads both in one repeatable-read transaction, so a compaction that
// commits in between can never make rows vanish from what is loaded. Yjs updates are idempotent,
// so a row folded into the snapshot and still present in the log does no harm. This file is the
// only one that touches `ydoc_updates` and `ydoc_snapshots`; domain areas go through
// `./documents`.
import { asc, eq, inArray, lte, and, sql, type SQLWrapper } from 'drizzle-orm';
import * as Y from 'yjs';
import type { Db, DbOrTx, Tx } from '../db';
import { documents, ydocSnapshots, ydocUpdates } from '../db/schema';

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

/** Ids of document names, per database (test workers may hold several). A name's id never changes. */
const knownIds = new WeakMap<DbOrTx, Map<string, number>>();

function idCache(db: DbOrTx): Map<string, number> {
	let cache = knownIds.get(db);
	if (!cache) knownIds.set(db, (cache = new Map<string, number>()));
	return cache;
}

/** Ids of the documents `names` that exist (absent: never stored). */
async function findDocumentIds(tx: DbOrTx, names: string[]): Promise<Map<string, number>> {
	if (names.length === 0) return new Map();
	const rows = await tx
		.select({ id: documents.id, name: documents.name })
		.from(documents)
		.where(inArray(documents.name, names));
	return new Map(rows.map((row) => [row.name, row.id]));
}

/**
 * Ids of the documents `names`, creating those that do not exist yet. Ids read through `db` (not
 * inside a transaction that may still roll back) are remembered for the life of the process.
 */
async function documentIds(tx: DbOrTx, names: Iterable<string>): Promise<Map<string, number>> {
	const cacheable = !isTransaction(tx);
	const cache = cacheable ? idCache(tx) : new Map<string, number>();
	const ids = new Map<string, number>();
	const missing: string[] = [];
	for (const name of names) {
		const id = cache.get(name);
		if (id !== undefined) ids.set(name, id);
		else if (!ids.has(name)) missing.push(name);
	}
	if (missing.length === 0) return ids;
	await tx
		.insert(documents)
		.values(missing.map((name) => ({ name })))
		.onConflictDoNothing({ target: documents.name });
	for (const [name, id] of await findDocumentIds(tx, missing)) {
		ids.set(name, id);
		if (cacheable) cache.set(name, id);
	}
	return ids;
}

/** The id of the existing document `name`, or null when it was never stored. */
async function existingDocumentId(tx: DbOrTx, name: string): Promise<number | null> {
	const cached = knownIds.get(tx)?.get(name);
	if (cached !== undefined) return cached;
	return (await findDocumentIds(tx, [name])).get(name) ?? null;
}

function isTransaction(tx: DbOrTx): tx is Tx {
	return 'rollback' in tx;
}

async function readStored(tx: DbOrTx, docId: number | null) {
	if (docId === null) return { snapshot: null, log: [] };
	const [snapshot] = await tx
		.select({ state: ydocSnapshots.state })
		.from(ydocSnapshots)
		.where(eq(ydocSnapshots.docId, docId));
	const log = await tx
		.select({ id: ydocUpdates.id, update: ydocUpdates.update })
		.from(ydocUpdates)
		.where(eq(ydocUpdates.docId, docId))
		.orderBy(asc(ydocUpdates.id));
	return { snapshot: snapshot?.state ?? null, log };
}

/** Reads a document's snapshot and log in one consistent view. */
export async function loadStoredDocument(db: Db, docName: string): Promise<StoredDocument> {
	const { snapshot, log } = await db.transaction(
		async (tx) => readStored(tx, await existingDocumentId(tx, docName)),
		{ isolationLevel: 'repeatable read', accessMode: 'read only' }
	);
	return { snapshot, updates: log.map((row) => row.update) };
}

/**
 * Appends updates in one statement (the same text every time, so the driver prepares it once):
 * rows get ids in the order given, which is arrival order.
 */
export async function appendUpdates(db: DbOrTx, rows: UpdateRow[]): Promise<void> {
	if (rows.length === 0) return;
	const ids = await documentIds(
		db,
		rows.map((row) => row.docName)
	);
	// One statement text for any batch, so each driver prepares it once: the rows travel as three
	// integer arrays (document, offset, length) over one bytea holding every update back to back.
	// Both drivers send a Uint8Array as bytea as it is, and an integer array as short text;
	// unnest yields the rows in array order, and their ids are drawn one by one as they come.
	const docIds: number[] = [];
	const offsets: number[] = [];
	const lengths: number[] = [];
	let total = 0;
	for (const row of rows) {
		const id = ids.get(row.docName);
		if (id === undefined) throw new Error(`no document id for ${row.docName}`);
		docIds.push(id);
		offsets.push(total + 1);
		lengths.push(row.update.length);
		total += row.update.length;
	}
	const blob = rows.length === 1 ? rows[0].update : new Uint8Array(total);
	if (rows.length > 1) {
		let at = 0;
		for (const row of rows) {
			blob.set(row.update, at);
			at += row.update.length;
		}
	}
	const values = {
		blob,
		docIds: intArray(docIds),
		offsets: intArray(offsets),
		lengths: intArray(lengths)
	};
	if (isTransaction(db)) {
		await appendQuery(db, {
			blob: sql`${blob}`,
			docIds: sql`${values.docIds}`,
			offsets: sql`${values.offsets}`,
			lengths: sql`${values.lengths}`
		});
		return;
	}
	let prepared = preparedAppends.get(db);
	if (!prepared) {
		prepared = appendQuery(db, {
			blob: sql.placeholder('blob'),
			docIds: sql.placeholder('docIds'),
			offsets: sql.placeholder('offsets'),
			lengths: sql.placeholder('lengths')
		}).prepare('ydoc_append_updates');
		preparedAppends.set(db, prepared);
	}
	await prepared.execute(values);
}

type AppendParams = Record<'blob' | 'docIds' | 'offsets' | 'lengths', SQLWrapper>;

function appendQuery(db: DbOrTx, p: AppendParams) {
	return db.insert(ydocUpdates).select(
		// drizzle names every column of the table, so the select gives them all, in order.
		sql`select nextval('ydoc_updates_id_seq'), d, substring(${p.blob}::bytea from o for l)
			from unnest(${p.docIds}::integer[], ${p.offsets}::integer[], ${p.lengths}::integer[]) as t(d, o, l)`
	);
}

// Built once per database: drizzle then neither builds nor escapes the query text on every store.
const preparedAppends = new WeakMap<
	DbOrTx,
	ReturnType<ReturnType<typeof appendQuery>['prepare']>
>();

/** An integer array as Postgres's text form, which both drivers pass as it is. */
function intArray(values: number[]): string {
	return `{${values.join(',')}}`;
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
			const docId = await existingDocumentId(tx, docName);
			if (docId === null) return null;
			const { snapshot, log } = await readStored(tx, docId);
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
					.values({ docId, state, lastUpdateId, byteSize: state.length })
					.onConflictDoUpdate({
						target: ydocSnapshots.docId,
						set: { state, lastUpdateId, byteSize: state.length, updatedAt: sql`now()` }
					});
				await tx
					.delete(ydocUpdates)
					.where(and(eq(ydocUpdates.docId, docId), lte(ydocUpdates.id, lastUpdateId)));
				return { foldedRows: log.length, foldedBytes, snapshotBytes: state.length };
			} finally {
				doc.destroy();
			}
		},
		{ isolationLevel: 'repeatable read' }
	);
}

/** Names of the documents `ids`. */
function namesOf(ids: Map<string, number>): Map<number, string> {
	return new Map([...ids].map(([name, id]) => [id, name]));
}

/**
 * What each stored document holds, in a form that changes whenever it does: the update its
 * snapshot runs to, and how many updates its log has and the newest. Counting catches an update
 * with a smaller id that commits after a larger one; a compaction changes the snapshot's update.
 */
export async function storedVersions(tx: Tx, names: string[]): Promise<Map<string, string>> {
	if (names.length === 0) return new Map();
	const ids = await findDocumentIds(tx, names);
	const idList = [...ids.values()];
	const nameOf = namesOf(ids);
	const snapshots =
		idList.length === 0
			? []
			: await tx
					.select({ docId: ydocSnapshots.docId, through: ydocSnapshots.lastUpdateId })
					.from(ydocSnapshots)
					.where(inArray(ydocSnapshots.docId, idList));
	const logs =
		idList.length === 0
			? []
			: await tx
					.select({
						docId: ydocUpdates.docId,
						count: sql<number>`count(*)::int`,
						newest: sql<string>`max(${ydocUpdates.id})::text`
					})
					.from(ydocUpdates)
					.where(inArray(ydocUpdates.docId, idList))
					.groupBy(ydocUpdates.docId);
	const through = new Map(snapshots.map((row) => [nameOf.get(row.docId), row.through]));
	const log = new Map(logs.map((row) => [nameOf.get(row.docId), `${row.count}/${row.newest}`]));
	return new Map(
		names.map((name) => [name, `${through.get(name) ?? '-'}:${log.get(name) ?? '0'}`])
	);
}

/** The snapshot and log rows of each document, oldest first, by name (documents with none are absent). */
export async function storedUpdatesOf(tx: Tx, names: string[]): Promise<Map<string, Uint8Array[]>> {
	const updates = new Map<string, Uint8Array[]>();
	if (names.length === 0) return updates;
	const ids = await findDocumentIds(tx, names);
	if (ids.size === 0) return updates;
	const idList = [...ids.values()];
	const nameOf = namesOf(ids);
	const snapshots = await tx
		.select({ docId: ydocSnapshots.docId, state: ydocSnapshots.state })
		.from(ydocSnapshots)
		.where(inArray(ydocSnapshots.docId, idList));
	const log = await tx
		.select({ docId: ydocUpdates.docId, update: ydocUpdates.update })
		.from(ydocUpdates)
		.where(inArray(ydocUpdates.docId, idList))
		.orderBy(asc(ydocUpdates.id));
	for (const row of snapshots) updates.set(nameOf.get(row.docId) ?? '', [row.state]);
	for (const row of log) {
		const name = nameOf.get(row.docId) ?? '';
		const list = updates.get(name);
		if (list) list.push(row.update);
		else updates.set(name, [row.update]);
	}
	return updates;
}

/**
 * Deletes everything stored of the documents `names`. Their `documents` rows stay: a name's id
 * never changes, so no process (or cache) can hold a stale one.
 */
export async function deleteStoredDocuments(tx: DbOrTx, names: string[]): Promise<void> {
	if (names.length === 0) return;
	const idList = [...(await findDocumentIds(tx, names)).values()];
	if (idList.length === 0) return;
	await tx.delete(ydocUpdates).where(inArray(ydocUpdates.docId, idList));
	await tx.delete(ydocSnapshots).where(inArray(ydocSnapshots.docId, idList));
}

/** Appends one update inside the caller's transaction (seeding a document with its first content). */
export async function insertUpdate(tx: DbOrTx, row: UpdateRow): Promise<void> {
	await appendUpdates(tx, [row]);
}

/** The id of the document `name`, created if it has none yet (for tests and tools that write rows). */
export async function documentIdOf(tx: DbOrTx, name: string): Promise<number> {
	const id = (await documentIds(tx, [name])).get(name);
	if (id === undefined) throw new Error(`no document id for ${name}`);
	return id;
}
