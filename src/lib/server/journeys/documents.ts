// Journey map documents as stored by the sync server (snapshot + update log per room name). The
// database is the store of record: an update is stored before it is broadcast, so what is read
// here holds everything anyone has seen. New maps are seeded here, in the transaction that
// creates their row, before anyone can open the room.
import { asc, inArray, sql } from 'drizzle-orm';
import * as Y from 'yjs';
import { readMap, type JourneyMapState } from '$lib/journeys/doc';
import type { Db, Tx } from '../db';
import { ydocSnapshots, ydocUpdates } from '../db/schema';
import { journeyRoomName } from './rooms';

type MapRef = { id: string; workspaceId: string };

/** A map's stored document as the pages and the register use it. */
type StoredMap = {
	/** What the document holds. Shared between callers: never change it. */
	state: JourneyMapState;
	/** The whole document as one Yjs update, for a page to start from before its room syncs. */
	update: Uint8Array;
};

/**
 * What a stored document holds, in a form that changes whenever it does: the update its snapshot
 * runs to, and how many updates its log has and the newest. Counting catches an update with a
 * smaller id that commits after a larger one; a compaction changes the snapshot's update.
 */
async function storedVersions(tx: Tx, names: string[]): Promise<Map<string, string>> {
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

/** The snapshot and log rows of each document, oldest first, by room name. */
async function storedUpdates(tx: Tx, names: string[]): Promise<Map<string, Uint8Array[]>> {
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

function decodeMap(updates: Uint8Array[]): StoredMap {
	const doc = new Y.Doc({ gc: true });
	try {
		doc.transact(() => {
			for (const update of updates) Y.applyUpdate(doc, update);
		});
		return { state: readMap(doc), update: Y.encodeStateAsUpdate(doc) };
	} finally {
		doc.destroy();
	}
}

const CACHE_SIZE = 200;
// Per database (test workers may hold several), by map id, least recently used first.
const caches = new WeakMap<Db, Map<string, StoredMap & { version: string }>>();

/**
 * The stored documents of `maps`, by map id. The register reads every map of a workspace on each
 * request and a map page its own: a document that has not changed since it was last read is not
 * decoded again. Versions and contents are read in one consistent view (repeatable read, as the
 * sync server loads documents), so a content is never cached under another version.
 */
async function readStoredMaps(db: Db, maps: MapRef[]): Promise<Map<string, StoredMap>> {
	const results = new Map<string, StoredMap>();
	if (maps.length === 0) return results;
	let cache = caches.get(db);
	if (!cache) caches.set(db, (cache = new Map()));
	const known = cache;
	const { versions, updates } = await db.transaction(
		async (tx) => {
			const versions = await storedVersions(tx, maps.map(journeyRoomName));
			const stale = maps
				.map(journeyRoomName)
				.filter((name, i) => known.get(maps[i].id)?.version !== versions.get(name));
			return { versions, updates: await storedUpdates(tx, stale) };
		},
		{ isolationLevel: 'repeatable read', accessMode: 'read only' }
	);
	for (const map of maps) {
		const name = journeyRoomName(map);
		const version = versions.get(name) ?? '';
		let entry = known.get(map.id);
		if (!entry || entry.version !== version)
			entry = { version, ...decodeMap(updates.get(name) ?? []) };
		// Most recently used last.
		known.delete(map.id);
		known.set(map.id, entry);
		results.set(map.id, { state: entry.state, update: entry.update });
	}
	while (known.size > CACHE_SIZE) known.delete(known.keys().next().value as string);
	return results;
}

/** The stored state of each map, by map id (shared: callers must not change them). */
export async function loadMapStates(db: Db, maps: MapRef[]): Promise<Map<string, JourneyMapState>> {
	const stored = await readStoredMaps(db, maps);
	return new Map([...stored].map(([id, map]) => [id, map.state]));
}

/** The stored document of one map as one Yjs update, for a page to render before its room syncs. */
export async function loadMapUpdate(db: Db, map: MapRef): Promise<Uint8Array> {
	const stored = (await readStoredMaps(db, [map])).get(map.id);
	if (!stored) throw new Error(`journey map ${map.id} was not read`);
	return stored.update;
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
