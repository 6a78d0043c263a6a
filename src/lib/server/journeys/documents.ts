// Journey map documents as stored by the sync server (snapshot + update log per room name). The
// database is the store of record: an update is stored before it is broadcast, so what is read
// here holds everything anyone has seen. New maps are seeded here, in the transaction that
// creates their row, before anyone can open the room.
import { asc, inArray } from 'drizzle-orm';
import * as Y from 'yjs';
import { readMap, type JourneyMapState } from '$lib/journeys/doc';
import type { Db, Tx } from '../db';
import { ydocSnapshots, ydocUpdates } from '../db/schema';
import { journeyRoomName } from './rooms';

type MapRef = { id: string; workspaceId: string };

/**
 * The stored documents of `maps` as Y.Docs, read in one consistent view (repeatable read, as the
 * sync server loads them). The caller destroys them; `read` gets each doc, and what it returns is
 * kept by map id (the docs are destroyed after).
 */
export async function readStoredMaps<T>(
	db: Db,
	maps: MapRef[],
	read: (doc: Y.Doc, map: MapRef) => T
): Promise<Map<string, T>> {
	const results = new Map<string, T>();
	if (maps.length === 0) return results;
	const names = maps.map(journeyRoomName);
	const { snapshots, log } = await db.transaction(
		async (tx) => ({
			snapshots: await tx
				.select({ docName: ydocSnapshots.docName, state: ydocSnapshots.state })
				.from(ydocSnapshots)
				.where(inArray(ydocSnapshots.docName, names)),
			log: await tx
				.select({ docName: ydocUpdates.docName, update: ydocUpdates.update })
				.from(ydocUpdates)
				.where(inArray(ydocUpdates.docName, names))
				.orderBy(asc(ydocUpdates.id))
		}),
		{ isolationLevel: 'repeatable read', accessMode: 'read only' }
	);
	const updates = new Map<string, Uint8Array[]>();
	for (const row of snapshots) updates.set(row.docName, [row.state]);
	for (const row of log) {
		const list = updates.get(row.docName);
		if (list) list.push(row.update);
		else updates.set(row.docName, [row.update]);
	}
	for (const map of maps) {
		const doc = new Y.Doc({ gc: true });
		try {
			doc.transact(() => {
				for (const update of updates.get(journeyRoomName(map)) ?? []) Y.applyUpdate(doc, update);
			});
			results.set(map.id, read(doc, map));
		} finally {
			doc.destroy();
		}
	}
	return results;
}

/** The stored state of each map, by map id. */
export function loadMapStates(db: Db, maps: MapRef[]): Promise<Map<string, JourneyMapState>> {
	return readStoredMaps(db, maps, (doc) => readMap(doc));
}

/** The stored state of one map. */
export async function loadMapState(db: Db, map: MapRef): Promise<JourneyMapState> {
	const states = await loadMapStates(db, [map]);
	const state = states.get(map.id);
	if (!state) throw new Error(`journey map ${map.id} was not read`);
	return state;
}

/** Stores a new map's first content as the first entry of its room's log (inside the creating transaction). */
export async function seedMapDocument(
	tx: Tx,
	map: MapRef,
	fill: (doc: Y.Doc) => void
): Promise<void> {
	const doc = new Y.Doc();
	try {
		fill(doc);
		await tx
			.insert(ydocUpdates)
			.values({ docName: journeyRoomName(map), update: Y.encodeStateAsUpdate(doc) });
	} finally {
		doc.destroy();
	}
}

/** Removes a deleted map's stored document. */
export async function deleteMapDocument(tx: Tx, map: MapRef): Promise<void> {
	const name = journeyRoomName(map);
	await tx.delete(ydocUpdates).where(inArray(ydocUpdates.docName, [name]));
	await tx.delete(ydocSnapshots).where(inArray(ydocSnapshots.docName, [name]));
}
