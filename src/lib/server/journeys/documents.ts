// Journey map documents as the pages and the register read them from the document store
// (sync/documents.ts). New maps are seeded here, in the transaction that creates their row,
// before anyone can open the room.
import type * as Y from 'yjs';
import { readMap, type JourneyMapState } from '$lib/journeys/doc';
import type { Db, Tx } from '../db';
import {
	cachedDocumentReader,
	removeDocuments,
	seedDocument,
	type ReadDocument
} from '../sync/documents';
import { journeyRoomName } from './rooms';

type MapRef = { id: string; workspaceId: string };

// The register reads every map of a workspace on each request and a map page its own: a document
// that has not changed since it was last read is not decoded again.
const readMapDocuments = cachedDocumentReader(readMap);

/** The stored documents of `maps`, by map id. */
async function readStoredMaps(
	db: Db,
	maps: MapRef[]
): Promise<Map<string, ReadDocument<JourneyMapState>>> {
	const stored = await readMapDocuments(db, maps.map(journeyRoomName));
	const results = new Map<string, ReadDocument<JourneyMapState>>();
	for (const map of maps) {
		const document = stored.get(journeyRoomName(map));
		if (document) results.set(map.id, document);
	}
	return results;
}

/** The stored state of each map, by map id (shared: callers must not change them). */
export async function loadMapStates(db: Db, maps: MapRef[]): Promise<Map<string, JourneyMapState>> {
	const stored = await readStoredMaps(db, maps);
	return new Map([...stored].map(([id, map]) => [id, map.value]));
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
export function seedMapDocument(tx: Tx, map: MapRef, fill: (doc: Y.Doc) => void): Promise<void> {
	return seedDocument(tx, journeyRoomName(map), fill);
}

/** Removes a deleted map's stored document. */
export function deleteMapDocument(tx: Tx, map: MapRef): Promise<void> {
	return removeDocuments(tx, [journeyRoomName(map)]);
}
