// The first client update after a map's room loads is checked like every later one: the server
// has not asked for the document's root maps yet, so they are plain types until the check does.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { CARD_TEXT_MAX, cardText, laneOfKind, readMap, STAGE_NAME_MAX } from '$lib/journeys/doc';
import { journeyRoomName } from '$lib/server/journeys/rooms';
import { registerRoomKinds } from '$lib/server/room-kinds';
import { sessionGuestSync } from '$lib/server/sessions/sync-guests';
import { RoomKindRegistry } from '$lib/server/sync';
import { connectClient, type TestClient } from '../../utils/sync-client';
import { startTestServer, type TestSyncServer } from '../../utils/sync-server';
import { journeyWorld } from './world';

let server: TestSyncServer;
const clients: TestClient[] = [];

beforeAll(async () => {
	const kinds = new RoomKindRegistry();
	registerRoomKinds(kinds);
	server = await startTestServer({ kinds, ...sessionGuestSync });
});

afterAll(async () => {
	for (const client of clients) client.destroy();
	await server.close();
});

describe('the journey room right after it loads', () => {
	it('cuts back an over-long card and stage name sent in the first update', async () => {
		const world = await journeyWorld();
		const room = journeyRoomName(world.map);
		const writer = connectClient(server, room, world.accounts.anna.token);
		const watcher = connectClient(server, room, world.accounts.maria.token);
		clients.push(writer, watcher);
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
