// Stored journey map documents as the register and exports read them: a map whose stored document
// did not change is not decoded again, and any stored change (a new update, a compaction, an
// update committed late with a smaller id) is read.
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addStage, readMap } from '$lib/journeys/doc';
import { db } from '$lib/server/db';
import { ydocUpdates } from '$lib/server/db/schema';
import { loadMapStates, loadMapUpdate } from '$lib/server/journeys/documents';
import { journeyRoomName } from '$lib/server/journeys/rooms';
import { appendUpdates, compactStoredDocument, documentIdOf } from '$lib/server/sync/storage';
import { journeyWorld } from './world';

/** An update that adds a stage named `name` to the map as stored now. */
async function stageUpdate(map: { id: string; workspaceId: string }, name: string) {
	const doc = new Y.Doc();
	Y.applyUpdate(doc, await loadMapUpdate(db, map));
	const before = Y.encodeStateVector(doc);
	addStage(doc, name);
	const update = Y.encodeStateAsUpdate(doc, before);
	doc.destroy();
	return update;
}

const stageNames = async (map: { id: string; workspaceId: string }) =>
	(await loadMapStates(db, [map])).get(map.id)?.stages.map((stage) => stage.name);

describe('stored journey map documents', () => {
	it('reuses the state of an unchanged map and reads every stored change', async () => {
		const { map } = await journeyWorld();
		const first = (await loadMapStates(db, [map])).get(map.id);
		expect(first?.stages.length).toBeGreaterThan(0);
		// Unchanged: the very same state, not decoded again.
		expect((await loadMapStates(db, [map])).get(map.id)).toBe(first);

		await appendUpdates(db, [
			{ docName: journeyRoomName(map), update: await stageUpdate(map, 'Home visit') }
		]);
		expect(await stageNames(map)).toContain('Home visit');

		// Compaction changes how it is stored, not what it holds.
		const beforeCompaction = (await loadMapStates(db, [map])).get(map.id);
		expect(await compactStoredDocument(db, journeyRoomName(map))).not.toBeNull();
		const compacted = (await loadMapStates(db, [map])).get(map.id);
		expect(compacted).toEqual(beforeCompaction);

		// An update stored with an id below the newest (a transaction that committed late).
		const late = await stageUpdate(map, 'Follow-up call');
		await appendUpdates(db, [
			{ docName: journeyRoomName(map), update: await stageUpdate(map, 'Second opinion') }
		]);
		expect(await stageNames(map)).toContain('Second opinion');
		const [{ id: newest }] = await db
			.insert(ydocUpdates)
			.values({ docId: await documentIdOf(db, journeyRoomName(map)), update: late })
			.returning({ id: ydocUpdates.id });
		// Below every other row of the log, as a late commit leaves it: the newest id is unchanged.
		await db.update(ydocUpdates).set({ id: -newest }).where(eq(ydocUpdates.id, newest));
		expect(await stageNames(map)).toEqual(
			expect.arrayContaining(['Home visit', 'Second opinion', 'Follow-up call'])
		);
	});

	it('gives the stored document as one update a page can start from', async () => {
		const { map } = await journeyWorld();
		await appendUpdates(db, [
			{ docName: journeyRoomName(map), update: await stageUpdate(map, 'Home visit') }
		]);
		const doc = new Y.Doc();
		Y.applyUpdate(doc, await loadMapUpdate(db, map));
		expect(readMap(doc)).toEqual((await loadMapStates(db, [map])).get(map.id));
		doc.destroy();
	});
});
