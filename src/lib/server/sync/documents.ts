// The stored Yjs documents as the rest of the server reads and writes them outside a room: read
// one, read many (decoded once per version), change one with no room open, seed a new one, remove
// one. The database is the store of record: an update is stored before it is broadcast, so what
// is read here holds everything anyone has seen. Table access is `./storage`'s alone.
import * as Y from 'yjs';
import type { Db, DbOrTx } from '../db';
import {
	appendUpdates,
	deleteStoredDocuments,
	insertUpdate,
	loadStoredDocument,
	storedUpdatesOf,
	storedVersions
} from './storage';

function applyAll(doc: Y.Doc, updates: Iterable<Uint8Array>): void {
	doc.transact(() => {
		for (const update of updates) Y.applyUpdate(doc, update);
	});
}

/** The stored document `name` (the caller destroys it). A stored update that does not apply throws. */
export async function loadDocument(db: Db, name: string): Promise<Y.Doc> {
	const stored = await loadStoredDocument(db, name);
	const doc = new Y.Doc();
	applyAll(doc, stored.snapshot ? [stored.snapshot, ...stored.updates] : stored.updates);
	return doc;
}

/** Reads something out of the stored document `name`. */
export async function readDocument<T>(db: Db, name: string, read: (doc: Y.Doc) => T): Promise<T> {
	const doc = await loadDocument(db, name);
	try {
		return read(doc);
	} finally {
		doc.destroy();
	}
}

/**
 * Changes the stored document `name` where no room has it open: what `fn` changes is appended to
 * its log as one update (nothing when it changes nothing).
 */
export async function changeStoredDocument(
	db: Db,
	name: string,
	fn: (doc: Y.Doc) => void
): Promise<void> {
	const doc = await loadDocument(db, name);
	const changes: Uint8Array[] = [];
	doc.on('update', (update: Uint8Array) => changes.push(update));
	try {
		fn(doc);
		if (changes.length === 0) return;
		await appendUpdates(db, [{ docName: name, update: Y.mergeUpdates(changes) }]);
	} finally {
		doc.destroy();
	}
}

/**
 * Stores a new document's first content as the first entry of its log, inside the transaction
 * that creates the object it belongs to, before anyone can open its room.
 */
export async function seedDocument(
	tx: DbOrTx,
	name: string,
	fill: (doc: Y.Doc) => void
): Promise<void> {
	const doc = new Y.Doc();
	try {
		fill(doc);
		await insertUpdate(tx, { docName: name, update: Y.encodeStateAsUpdate(doc) });
	} finally {
		doc.destroy();
	}
}

/** Removes a deleted object's stored documents. */
export function removeDocuments(tx: DbOrTx, names: string[]): Promise<void> {
	return deleteStoredDocuments(tx, names);
}

/** What a cached reader gives for one document. */
export type ReadDocument<T> = {
	/** What `decode` made of the document. Shared between callers: never change it. */
	value: T;
	/** The whole document as one Yjs update, for a page to start from before its room syncs. */
	update: Uint8Array;
};

const CACHE_SIZE = 200;

/**
 * Reads many stored documents at once, decoding a document again only when it changed since it
 * was last read. Versions and contents are read in one consistent view (repeatable read, as the
 * sync server loads documents), so a content is never cached under another version.
 */
export function cachedDocumentReader<T>(decode: (doc: Y.Doc) => T) {
	// Per database (test workers may hold several), by name, least recently used first.
	const caches = new WeakMap<Db, Map<string, ReadDocument<T> & { version: string }>>();

	function decodeUpdates(updates: Uint8Array[]): ReadDocument<T> {
		const doc = new Y.Doc({ gc: true });
		try {
			applyAll(doc, updates);
			return { value: decode(doc), update: Y.encodeStateAsUpdate(doc) };
		} finally {
			doc.destroy();
		}
	}

	return async function readDocuments(
		db: Db,
		names: string[]
	): Promise<Map<string, ReadDocument<T>>> {
		const results = new Map<string, ReadDocument<T>>();
		if (names.length === 0) return results;
		let cache = caches.get(db);
		if (!cache) caches.set(db, (cache = new Map<string, ReadDocument<T> & { version: string }>()));
		const known = cache;
		const { versions, updates } = await db.transaction(
			async (tx) => {
				const versions = await storedVersions(tx, names);
				const stale = names.filter((name) => known.get(name)?.version !== versions.get(name));
				return { versions, updates: await storedUpdatesOf(tx, stale) };
			},
			{ isolationLevel: 'repeatable read', accessMode: 'read only' }
		);
		for (const name of names) {
			const version = versions.get(name) ?? '';
			let entry = known.get(name);
			if (!entry || entry.version !== version)
				entry = { version, ...decodeUpdates(updates.get(name) ?? []) };
			// Most recently used last.
			known.delete(name);
			known.set(name, entry);
			results.set(name, { value: entry.value, update: entry.update });
		}
		while (known.size > CACHE_SIZE) known.delete(known.keys().next().value as string);
		return results;
	};
}
