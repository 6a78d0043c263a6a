// The first client update after a map's room loads is checked like every later one: the server
// has not asked for the document's root maps yet, so they are plain types until the check does.
import { describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { CARD_TEXT_MAX, cardText, laneOfKind, readMap, STAGE_NAME_MAX } from '$lib/journeys/doc';
import { journeyRoomName } from '$lib/server/journeys/rooms';
import { useAppSyncServer } from '../../utils/app-sync-server';
import { journeyWorld } from './world';

const sync = useAppSyncServer();

describe('the journey room right after it loads', () => {
	it('cuts back an over-long card and stage name sent in the first update', async () => {
		const world = await journeyWorld();
		const room = journeyRoomName(world.map);
		const writer = sync.connect(room, world.accounts.anna.token);
		const watcher = sync.connect(room, world.accounts.maria.token);
		await Promise.all([writer.synced(), watcher.synced()]);
		const state = readMap(writer.doc);
		const laneId = laneOfKind(state, 'actions')?.id ?? '';
		const [first] = state.stages;

		writer.doc.transact(() => {
			const card = new Y.Map<unknown>();
			card.set('lane', laneId);
			card.set('stage', first.id);
			card.set('order', 1);
			card.set('text', new Y.Text('x'.repeat(3000)));
			writer.doc.getMap('cards').set('pasted', card);
			writer.doc.getMap('stages').set('extra', new Y.Map([['name', 'S'.repeat(300)]]));
		});

		const seen = (doc: Y.Doc) => ({
			card: cardText(doc, 'pasted')?.length,
			stage: (doc.getMap('stages').get('extra') as Y.Map<unknown> | undefined)?.get('name')
		});
		const expected = { card: CARD_TEXT_MAX, stage: 'S'.repeat(STAGE_NAME_MAX) };
		await vi.waitFor(() => expect(seen(watcher.doc)).toEqual(expected));
		await vi.waitFor(() => expect(seen(writer.doc)).toEqual(expected));
	});
});
