import * as Y from 'yjs';
import { db } from '$lib/server/db';
import { loadStoredDocument } from '$lib/server/sync/storage';

/** The document of `room` as stored (snapshot and log), read past the sync server. */
export async function storedDocument(room: string): Promise<Y.Doc> {
	const stored = await loadStoredDocument(db, room);
	const doc = new Y.Doc();
	if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
	for (const update of stored.updates) Y.applyUpdate(doc, update);
	return doc;
}
