// The register derived from journey maps that people edited through the real `journey` room
// (the stored documents are the record): stages where each touchpoint appears, the portraits whose
// maps use it, its latest experience level, and coverage overall and per stage.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
	addStage,
	addTouchpointCard,
	laneOfKind,
	readMap,
	removeCard,
	renameStage,
	setExperience,
	type JourneyMapState
} from '$lib/journeys/doc';
import { db } from '$lib/server/db';
import { loadMapState } from '$lib/server/journeys/documents';
import { createMap } from '$lib/server/journeys/maps';
import { journeyRoomName } from '$lib/server/journeys/rooms';
import { appRoomKinds } from '$lib/server/app';
import { buildRegister } from '$lib/server/touchpoints/register';
import { changeTouchpoint, createTouchpoint } from '$lib/server/touchpoints/touchpoints';
import { connectClient, type TestClient } from '../../utils/sync-client';
import { startTestServer, type TestSyncServer } from '../../utils/sync-server';
import { insertPortrait, journeyWorld } from '../journeys/world';

let server: TestSyncServer;
const clients: TestClient[] = [];

beforeAll(async () => {
	server = await startTestServer({ kinds: appRoomKinds() });
});

afterAll(async () => {
	for (const client of clients) client.destroy();
	await server.close();
});

async function open(map: { id: string; workspaceId: string }, token: string): Promise<TestClient> {
	const client = connectClient(server, journeyRoomName(map), token);
	clients.push(client);
	await client.synced();
	return client;
}

function ids(state: JourneyMapState) {
	const stage = (index: number) => state.stages[index].id;
	const lane = (kind: 'touchpoints' | 'experience') => laneOfKind(state, kind)?.id ?? '';
	return { stage, lane };
}

describe('the touchpoint register', () => {
	it('follows the maps as people edit them, with coverage overall and per stage', async () => {
		const world = await journeyWorld();
		const { anna, maria, reader } = world.accounts;
		const ws = world.workspaceId;
		const seniors = await insertPortrait(ws, 'Retired patient');
		const seniorMap = {
			id: await createMap(db, maria.userId, ws, { title: 'Seniors', portraitId: seniors }, 'en'),
			workspaceId: ws
		};
		const make = (name: string, type: 'business' | 'employee' = 'business') =>
			createTouchpoint(db, anna.userId, ws, { name, type, kind: '', channel: '' });
		const web = await make('Website');
		const phone = await make('Call centre');
		const guard = await make('Guard', 'employee');
		const unused = await make('Company cars');
		// Website: owner and rule; Call centre: owner only; Guard: rule only; Company cars: neither.
		await changeTouchpoint(db, anna.userId, ws, web.id, {
			revision: 0,
			ownerId: maria.userId,
			ruleHtml: '<p>Slots first</p>'
		});
		await changeTouchpoint(db, anna.userId, ws, phone.id, { revision: 0, ownerId: reader.userId });
		await changeTouchpoint(db, anna.userId, ws, guard.id, {
			revision: 0,
			ruleHtml: '<p>Greet</p>'
		});

		const annaClient = await open(world.map, anna.token);
		const mariaClient = await open(seniorMap, maria.token);
		const parents = ids(readMap(annaClient.doc));
		const seniorsIds = ids(readMap(mariaClient.doc));
		// Parents: Website in First contact and Purchase, Call centre in First contact, Guard in Purchase.
		addTouchpointCard(annaClient.doc, parents.lane('touchpoints'), parents.stage(0), web.id);
		addTouchpointCard(annaClient.doc, parents.lane('touchpoints'), parents.stage(2), web.id);
		addTouchpointCard(annaClient.doc, parents.lane('touchpoints'), parents.stage(0), phone.id);
		const guardCard = addTouchpointCard(
			annaClient.doc,
			parents.lane('touchpoints'),
			parents.stage(2),
			guard.id
		);
		setExperience(annaClient.doc, parents.lane('experience'), parents.stage(0), 'below', 1000);
		setExperience(annaClient.doc, parents.lane('experience'), parents.stage(2), 'meets', 3000);
		// Seniors: Website in a renamed first stage ("first contact " spelt differently) and a new stage.
		renameStage(mariaClient.doc, seniorsIds.stage(0), 'first  CONTACT');
		const visit = addStage(mariaClient.doc, 'Home visit') ?? '';
		addTouchpointCard(mariaClient.doc, seniorsIds.lane('touchpoints'), seniorsIds.stage(0), web.id);
		addTouchpointCard(mariaClient.doc, seniorsIds.lane('touchpoints'), visit, guard.id);
		setExperience(
			mariaClient.doc,
			seniorsIds.lane('experience'),
			seniorsIds.stage(0),
			'exceeds',
			2000
		);
		setExperience(mariaClient.doc, seniorsIds.lane('experience'), visit, 'indifferent', 4000);

		const storedCards = async (map: { id: string; workspaceId: string }) =>
			(await loadMapState(db, map)).cards.length;
		await vi.waitFor(async () => {
			expect(await storedCards(world.map)).toBe(4);
			expect(await storedCards(seniorMap)).toBe(2);
			expect(Object.keys((await loadMapState(db, seniorMap)).experience)).toHaveLength(2);
		});

		const register = await buildRegister(db, reader.userId, ws);
		const row = (id: string) => register.rows.find((r) => r.id === id);
		expect(row(web.id)).toMatchObject({
			stages: ['First contact', 'Purchase'],
			portraits: [
				{ id: world.portraitId, name: 'Busy parent' },
				{ id: seniors, name: 'Retired patient' }
			],
			// below at 1000, meets at 3000 (parents), exceeds at 2000 (seniors): meets is the latest.
			experience: { level: 'meets', at: 3000 },
			covered: true
		});
		expect(row(phone.id)).toMatchObject({
			stages: ['First contact'],
			experience: { level: 'below' },
			covered: false
		});
		expect(row(guard.id)).toMatchObject({
			stages: ['Purchase', 'Home visit'],
			experience: { level: 'indifferent', at: 4000 },
			covered: false
		});
		expect(row(unused.id)).toMatchObject({
			stages: [],
			portraits: [],
			experience: null,
			covered: false
		});
		expect(register.coverage).toEqual({ total: 4, covered: 1, percent: 25 });
		expect(register.stages).toEqual([
			{ key: 'first contact', name: 'First contact', total: 2, covered: 1, percent: 50 },
			{ key: 'purchase', name: 'Purchase', total: 2, covered: 1, percent: 50 },
			{ key: 'home visit', name: 'Home visit', total: 1, covered: 0, percent: 0 }
		]);

		// Taking the guard off the parents' map and giving the call centre a rule moves the figures.
		if (guardCard) removeCard(annaClient.doc, guardCard);
		await vi.waitFor(async () => expect(await storedCards(world.map)).toBe(3));
		await changeTouchpoint(db, anna.userId, ws, phone.id, {
			revision: 1,
			ruleHtml: '<p>Third ring</p>'
		});
		const after = await buildRegister(db, reader.userId, ws);
		expect(after.rows.find((r) => r.id === guard.id)?.stages).toEqual(['Home visit']);
		expect(after.coverage).toEqual({ total: 4, covered: 2, percent: 50 });
		expect(after.stages.find((stage) => stage.key === 'first contact')).toMatchObject({
			total: 2,
			covered: 2,
			percent: 100
		});
		expect(after.stages.find((stage) => stage.key === 'purchase')).toMatchObject({
			total: 1,
			covered: 1,
			percent: 100
		});

		await expect(buildRegister(db, world.accounts.stranger.userId, ws)).rejects.toMatchObject({
			status: 403
		});
	});
});
