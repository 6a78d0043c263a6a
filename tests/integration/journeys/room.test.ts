// The `journey` room with real y-websocket clients against a real sync server: members write,
// readers only read, a locked map is read-only for everyone and locking downgrades connections
// already open, a guest of a linked session is admitted and a guest of another session is not.
import { eq } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import {
	addTextCard,
	addTouchpointCard,
	CARD_TEXT_MAX,
	cardText,
	laneOfKind,
	onTouchpointChanged,
	readMap,
	renameStage,
	STAGE_NAME_MAX
} from '$lib/journeys/doc';
import { db } from '$lib/server/db';
import { touchpoints } from '$lib/server/db/schema';
import { loadMapState, loadMapUpdate } from '$lib/server/journeys/documents';
import {
	createMap,
	linkMapToSession,
	setMapLocked,
	unlinkMapFromSession,
	deleteMap
} from '$lib/server/journeys/maps';
import { journeyRoomName } from '$lib/server/journeys/rooms';
import { GUEST_COOKIE } from '$lib/server/sessions/guests';
import {
	changeTouchpoint,
	createTouchpoint,
	deleteTouchpoint
} from '$lib/server/touchpoints/touchpoints';
import { removeMember } from '$lib/server/workspaces/members';
import { CloseCode } from '$lib/sync/close-codes';
import { browserHeaders, upgradeStatus, type TestClient } from '../../utils/sync-client';
import { useAppSyncServer } from '../../utils/app-sync-server';
import { journeyWorld } from './world';

// The domain reauthorizes through the `Rooms` port: here, the test server.
const app = useAppSyncServer();
const member = (room: string, token: string): TestClient => app.connect(room, token);
const guest = (room: string, token: string): TestClient => app.connect(room, token, GUEST_COOKIE);

function firstStageAndLane(doc: Y.Doc) {
	const state = readMap(doc);
	const lane = laneOfKind(state, 'pain');
	if (!lane) throw new Error('no pain lane');
	return { stageId: state.stages[0].id, laneId: lane.id };
}

/** Waits until the stored document says what `check` wants. */
async function storedSatisfies(
	map: { id: string; workspaceId: string },
	check: (text: string[]) => boolean
) {
	await vi.waitFor(
		async () => {
			const state = await loadMapState(db, map);
			const texts = state.cards.flatMap((card) => (card.kind === 'text' ? [card.text] : []));
			expect(check(texts)).toBe(true);
		},
		{ timeout: 5000 }
	);
}

describe('the journey room', () => {
	it('lets members write, stored before anyone else sees it; the server seeded the grid', async () => {
		const world = await journeyWorld();
		const room = journeyRoomName(world.map);
		const anna = member(room, world.accounts.anna.token);
		const maria = member(room, world.accounts.maria.token);
		await Promise.all([anna.synced(), maria.synced()]);
		expect(readMap(anna.doc).stages).toHaveLength(6);
		const { stageId, laneId } = firstStageAndLane(anna.doc);
		addTextCard(anna.doc, laneId, stageId, 'Nobody picks up the phone');
		await vi.waitFor(() => expect(readMap(maria.doc).cards).toHaveLength(1));
		await storedSatisfies(world.map, (texts) => texts.includes('Nobody picks up the phone'));
	});

	it('gives readers the map read-only: their edits are dropped and never stored', async () => {
		const world = await journeyWorld();
		const room = journeyRoomName(world.map);
		const rita = member(room, world.accounts.reader.token);
		const anna = member(room, world.accounts.anna.token);
		await Promise.all([rita.synced(), anna.synced()]);
		await vi.waitFor(() => expect(rita.denied.length).toBeGreaterThan(0));
		const { stageId, laneId } = firstStageAndLane(rita.doc);
		addTextCard(rita.doc, laneId, stageId, 'Reader was here');
		renameStage(rita.doc, stageId, 'Hijacked');
		addTextCard(anna.doc, laneId, stageId, 'Member was here');
		await storedSatisfies(world.map, (texts) => texts.includes('Member was here'));
		await vi.waitFor(() => expect(readMap(rita.doc).cards.length).toBeGreaterThanOrEqual(2));
		const state = await loadMapState(db, world.map);
		expect(state.cards.map((card) => (card.kind === 'text' ? card.text : ''))).toEqual([
			'Member was here'
		]);
		expect(state.stages[0].name).toBe('First contact');
		expect(readMap(anna.doc).stages[0].name).toBe('First contact');
	});

	it('makes a locked map read-only for everyone, downgrading connections already open', async () => {
		const world = await journeyWorld();
		const room = journeyRoomName(world.map);
		const anna = member(room, world.accounts.anna.token);
		await anna.synced();
		expect(anna.denied).toEqual([]);
		await setMapLocked(db, world.accounts.facilitator.userId, world.workspaceId, world.mapId, true);
		await vi.waitFor(() => expect(anna.closeCodes).toContain(CloseCode.AccessChanged));
		// The client reconnects on its own and is now told it is read-only.
		await vi.waitFor(() => expect(anna.denied.length).toBeGreaterThan(0), { timeout: 5000 });
		const admin = member(room, world.accounts.admin.token);
		await admin.synced();
		await vi.waitFor(() => expect(admin.denied.length).toBeGreaterThan(0));
		const { stageId, laneId } = firstStageAndLane(anna.doc);
		addTextCard(anna.doc, laneId, stageId, 'Written while locked');
		addTextCard(admin.doc, laneId, stageId, 'Admin wrote while locked');
		// Gone before the unlock: their local copies cannot be sent again once they may write.
		anna.destroy();
		admin.destroy();
		await setMapLocked(
			db,
			world.accounts.facilitator.userId,
			world.workspaceId,
			world.mapId,
			false
		);
		const maria = member(room, world.accounts.maria.token);
		await maria.synced();
		addTextCard(maria.doc, laneId, stageId, 'After unlocking');
		await storedSatisfies(world.map, (texts) => texts.includes('After unlocking'));
		const texts = (await loadMapState(db, world.map)).cards.map((card) =>
			card.kind === 'text' ? card.text : ''
		);
		expect(texts).not.toContain('Written while locked');
		expect(texts).not.toContain('Admin wrote while locked');
	});

	it('admits a guest of a linked session to write, refuses a guest of another session, and sends the guest away on unlinking', async () => {
		const world = await journeyWorld();
		const room = journeyRoomName(world.map);
		const { gina, oscar } = world.guests;
		const guestStatus = (token: string) =>
			upgradeStatus(app.server, room, browserHeaders(app.server.origin, token, GUEST_COOKIE));
		expect(await guestStatus(gina.token)).toBe(403);
		await linkMapToSession(
			db,
			world.accounts.admin.userId,
			world.workspaceId,
			world.mapId,
			world.sessionId
		);
		expect(await guestStatus(gina.token)).toBe(101);
		expect(await guestStatus(oscar.token)).toBe(403);
		const client = guest(room, gina.token);
		await client.synced();
		const { stageId, laneId } = firstStageAndLane(client.doc);
		addTextCard(client.doc, laneId, stageId, 'A guest’s pain point');
		await storedSatisfies(world.map, (texts) => texts.includes('A guest’s pain point'));
		await setMapLocked(db, world.accounts.admin.userId, world.workspaceId, world.mapId, true);
		await vi.waitFor(() => expect(client.denied.length).toBeGreaterThan(0), { timeout: 5000 });
		await unlinkMapFromSession(
			db,
			world.accounts.admin.userId,
			world.workspaceId,
			world.mapId,
			world.sessionId
		);
		await vi.waitFor(() => expect(client.closeCodes).toContain(CloseCode.Forbidden));
		expect(await guestStatus(gina.token)).toBe(403);
	});

	it('refuses strangers, and everyone once the map is deleted', async () => {
		const world = await journeyWorld();
		const room = journeyRoomName(world.map);
		const status = (token: string) =>
			upgradeStatus(app.server, room, browserHeaders(app.server.origin, token));
		expect(await status(world.accounts.stranger.token)).toBe(403);
		const anna = member(room, world.accounts.anna.token);
		await anna.synced();
		await deleteMap(db, world.accounts.anna.userId, world.workspaceId, world.mapId);
		await vi.waitFor(() => expect(anna.closeCodes).toContain(CloseCode.Forbidden));
		expect(await status(world.accounts.anna.token)).toBe(403);
	});

	it('marks open maps that place a touchpoint when its owner or rule changes or it is deleted, and no others', async () => {
		const world = await journeyWorld();
		const { anna, maria } = world.accounts;
		const placing = member(journeyRoomName(world.map), maria.token);
		await placing.synced();
		const otherMapId = await createMap(
			db,
			anna.userId,
			world.workspaceId,
			{ title: 'Other journey', portraitId: world.portraitId },
			'en'
		);
		const other = member(
			journeyRoomName({ id: otherMapId, workspaceId: world.workspaceId }),
			anna.token
		);
		await other.synced();
		const touchpoint = await createTouchpoint(db, anna.userId, world.workspaceId, {
			name: 'Reception desk',
			type: 'business',
			kind: '',
			channel: ''
		});
		const state = readMap(placing.doc);
		const lane = laneOfKind(state, 'touchpoints');
		addTouchpointCard(placing.doc, lane?.id ?? '', state.stages[0].id, touchpoint.id);
		await vi.waitFor(async () =>
			expect((await loadMapState(db, world.map)).cards.some((c) => c.kind === 'touchpoint')).toBe(
				true
			)
		);

		let marked = 0;
		let markedElsewhere = 0;
		onTouchpointChanged(placing.doc, () => marked++);
		onTouchpointChanged(other.doc, () => markedElsewhere++);
		await changeTouchpoint(db, anna.userId, world.workspaceId, touchpoint.id, {
			revision: 0,
			ownerId: maria.userId
		});
		await vi.waitFor(() => expect(marked).toBe(1));
		expect(placing.doc.getMap('touchpointRevisions').get(touchpoint.id)).toBe(1);
		await deleteTouchpoint(db, anna.userId, world.workspaceId, touchpoint.id);
		await vi.waitFor(() => expect(marked).toBe(2));
		expect(placing.doc.getMap('touchpointRevisions').get(touchpoint.id)).toBe(2);
		expect(markedElsewhere).toBe(0);
		expect(other.doc.getMap('touchpointRevisions').size).toBe(0);
	});

	it("tells open maps when a removed member's touchpoints lose their owner", async () => {
		const world = await journeyWorld();
		const { anna, maria } = world.accounts;
		const placing = member(journeyRoomName(world.map), anna.token);
		await placing.synced();
		const owned = await createTouchpoint(db, anna.userId, world.workspaceId, {
			name: 'Callback promise',
			type: 'employee',
			kind: '',
			channel: 'Phone'
		});
		const kept = await createTouchpoint(db, anna.userId, world.workspaceId, {
			name: 'Front desk',
			type: 'business',
			kind: '',
			channel: ''
		});
		await changeTouchpoint(db, anna.userId, world.workspaceId, owned.id, {
			revision: 0,
			ownerId: maria.userId
		});
		const state = readMap(placing.doc);
		const lane = laneOfKind(state, 'touchpoints');
		addTouchpointCard(placing.doc, lane?.id ?? '', state.stages[0].id, owned.id);
		addTouchpointCard(placing.doc, lane?.id ?? '', state.stages[1].id, kept.id);
		await vi.waitFor(async () =>
			expect(
				(await loadMapState(db, world.map)).cards.filter((c) => c.kind === 'touchpoint')
			).toHaveLength(2)
		);
		expect(placing.doc.getMap('touchpointRevisions').size).toBe(0);

		await removeMember(db, world.accounts.admin.userId, world.workspaceId, maria.userId);
		await vi.waitFor(() => expect(placing.doc.getMap('touchpointRevisions').get(owned.id)).toBe(2));
		expect(placing.doc.getMap('touchpointRevisions').has(kept.id)).toBe(false);
		const [row] = await db
			.select({ ownerId: touchpoints.ownerId, revision: touchpoints.revision })
			.from(touchpoints)
			.where(eq(touchpoints.id, owned.id));
		expect(row).toEqual({ ownerId: null, revision: 2 });
	});

	it('cuts back over-long card texts and stage names from a client that does not cap them, for everyone and in storage', async () => {
		const world = await journeyWorld();
		const { anna, maria } = world.accounts;
		const writer = member(journeyRoomName(world.map), anna.token);
		const watcher = member(journeyRoomName(world.map), maria.token);
		await Promise.all([writer.synced(), watcher.synced()]);
		const state = readMap(writer.doc);
		const laneId = laneOfKind(state, 'actions')?.id ?? '';
		const [first, second] = state.stages;
		const typed = addTextCard(writer.doc, laneId, first.id, 'Calls the clinic') ?? '';
		const full = addTextCard(writer.doc, laneId, second.id, 'z'.repeat(CARD_TEXT_MAX - 1)) ?? '';
		await vi.waitFor(() => expect(cardText(watcher.doc, full)?.length).toBe(CARD_TEXT_MAX - 1));

		// What the app's editor would refuse: a new card of 3,000 characters, a stage name of 300,
		// and 1,500 characters typed into a card at once.
		writer.doc.transact(() => {
			const card = new Y.Map<unknown>();
			card.set('lane', laneId);
			card.set('stage', first.id);
			card.set('order', 9);
			card.set('text', new Y.Text('x'.repeat(3000)));
			writer.doc.getMap('cards').set('pasted', card);
			(writer.doc.getMap('stages').get(first.id) as Y.Map<unknown>).set('name', 'S'.repeat(300));
		});
		cardText(writer.doc, typed)?.insert(16, 'y'.repeat(1500));

		const raw = (doc: Y.Doc) => ({
			pasted: cardText(doc, 'pasted')?.length,
			typed: cardText(doc, typed)?.toString(),
			full: cardText(doc, full)?.length,
			stage: (doc.getMap('stages').get(first.id) as Y.Map<unknown>).get('name')
		});
		const expected = {
			pasted: CARD_TEXT_MAX,
			typed: `Calls the clinic${'y'.repeat(CARD_TEXT_MAX - 16)}`,
			full: CARD_TEXT_MAX - 1,
			stage: 'S'.repeat(STAGE_NAME_MAX)
		};
		await vi.waitFor(() => expect(raw(watcher.doc)).toEqual(expected));
		await vi.waitFor(() => expect(raw(writer.doc)).toEqual(expected));
		const stored = new Y.Doc();
		Y.applyUpdate(stored, await loadMapUpdate(db, world.map));
		expect(raw(stored)).toEqual(expected);
	});
});
