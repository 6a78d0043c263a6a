// Customer questionnaires on a journey stage, and the measured level the map shows per stage: the
// answers about the touchpoints placed in the stage and about the stage itself, counted together;
// every member reads these figures (never a contact), only editors open and close a stage's
// questionnaire, and people outside the workspace see nothing.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addTouchpointCard } from '$lib/journeys/doc';
import { db } from '$lib/server/db';
import { customerAnswers } from '$lib/server/db/schema';
import { loadMapState, loadMapUpdate } from '$lib/server/journeys/documents';
import { journeyRoomName } from '$lib/server/journeys/rooms';
import { appendUpdates } from '$lib/server/sync/storage';
import { createTouchpoint } from '$lib/server/touchpoints/touchpoints';
import { AnswerRateLimit } from '$lib/server/voice/answer-rate';
import { submitAnswer, type AnswerInput } from '$lib/server/voice/answers';
import { touchpointFigures } from '$lib/server/voice/figures';
import { openQuestionnaire, publicQuestionnaire } from '$lib/server/voice/questionnaires';
import {
	closeStageQuestionnaire,
	mapVoice,
	openStageQuestionnaire,
	stageQuestionnaires
} from '$lib/server/voice/stage-questionnaires';
import { MIN_ANSWERS, type Level } from '$lib/voice/model';
import { measuredCurve, stageMeasures } from '$lib/voice/stage-levels';
import { linkMapToSession } from '$lib/server/journeys/maps';
import { createStageAction, listStageActions } from '$lib/server/voice/stage-actions';
import * as sessionMapPage from '../../../src/routes/(live)/s/[id=uuid]/journeys/[map=uuid]/+page.server';
import { eventOf, journeyWorld, localsOf, type JourneyWorld } from '../journeys/world';

type SessionMapLoad = Parameters<typeof sessionMapPage.load>[0];

const answer = (level: Level, overrides: Partial<AnswerInput> = {}): AnswerInput => ({
	level,
	ratings: {},
	expected: '',
	comment: '',
	contact: false,
	contactName: '',
	contactAddress: '',
	language: 'bg',
	honeypot: '',
	...overrides
});

async function refused(work: Promise<unknown>) {
	return work.then(
		() => null,
		(error: { code?: string; status?: number }) => error
	);
}

/** Changes the stored map document as a client in its room would. */
async function changeMap(world: JourneyWorld, change: (doc: Y.Doc) => void) {
	const doc = new Y.Doc();
	Y.applyUpdate(doc, await loadMapUpdate(db, world.map));
	const before = Y.encodeStateVector(doc);
	change(doc);
	await appendUpdates(db, [
		{ docName: journeyRoomName(world.map), update: Y.encodeStateAsUpdate(doc, before) }
	]);
	doc.destroy();
}

let address = 0;
const limit = new AnswerRateLimit();
/** Customers answer `levels` through the questionnaire's public link, each from its own address. */
async function customersAnswer(
	token: string,
	levels: Level[],
	overrides: Partial<AnswerInput> = {}
) {
	const questionnaire = (await publicQuestionnaire(db, token))!;
	for (const level of levels)
		await submitAnswer(db, questionnaire, answer(level, overrides), {
			addressHash: `stage-address-${address++}`,
			limit
		});
}

const settings = { criteria: [], askContact: false };

describe('a questionnaire on a journey stage', () => {
	it('is opened by editors only, once per stage, on a stage the map has', async () => {
		const world = await journeyWorld();
		const { anna, reader, stranger } = world.accounts;
		const [first] = (await loadMapState(db, world.map)).stages;
		const opened = await openStageQuestionnaire(
			db,
			anna.userId,
			world.workspaceId,
			world.mapId,
			first.id,
			{ criteria: ['comfort'], askContact: true }
		);
		expect(opened).toMatchObject({ open: true, stageId: first.id, criteria: ['comfort'] });
		expect(
			await refused(
				openStageQuestionnaire(db, anna.userId, world.workspaceId, world.mapId, first.id, settings)
			)
		).toMatchObject({ code: 'questionnaire_open' });
		expect(
			await refused(
				openStageQuestionnaire(
					db,
					anna.userId,
					world.workspaceId,
					world.mapId,
					'no-such-stage',
					settings
				)
			)
		).toMatchObject({ status: 404 });
		expect(
			await refused(
				openStageQuestionnaire(
					db,
					reader.userId,
					world.workspaceId,
					world.mapId,
					first.id,
					settings
				)
			)
		).toMatchObject({ code: 'forbidden' });
		expect(
			await refused(
				openStageQuestionnaire(
					db,
					stranger.userId,
					world.workspaceId,
					world.mapId,
					first.id,
					settings
				)
			)
		).toMatchObject({ status: 403 });
		expect(
			await refused(
				closeStageQuestionnaire(db, reader.userId, world.workspaceId, world.mapId, first.id)
			)
		).toMatchObject({ code: 'forbidden' });

		// The public page asks about the stage by its name; readers see that it is open.
		const publicView = await publicQuestionnaire(db, opened.token);
		expect(publicView).toMatchObject({ subject: first.name, touchpointId: null, open: true });
		expect(
			(await stageQuestionnaires(db, reader.userId, world.workspaceId, world.mapId))[first.id]
		).toMatchObject({ token: opened.token, open: true });
	});

	it("counts its answers in that stage's figures, not in any touchpoint's; closing stops answers", async () => {
		const world = await journeyWorld();
		const { anna, reader } = world.accounts;
		const [first, second] = (await loadMapState(db, world.map)).stages;
		const touchpoint = await createTouchpoint(db, anna.userId, world.workspaceId, {
			name: 'Front desk',
			type: 'business',
			kind: 'office',
			channel: ''
		});
		const opened = await openStageQuestionnaire(
			db,
			anna.userId,
			world.workspaceId,
			world.mapId,
			second.id,
			{ criteria: [], askContact: true }
		);
		await customersAnswer(opened.token, ['meets', 'exceeds', 'below'], {
			contact: true,
			contactName: 'Petar',
			contactAddress: 'petar@example.test'
		});

		const voice = await mapVoice(db, reader.userId, world.workspaceId, world.mapId);
		expect(voice.stages[second.id]).toEqual({ below: 1, indifferent: 0, meets: 1, exceeds: 1 });
		expect(voice.stages[first.id]).toBeUndefined();
		expect(voice.touchpoints).toEqual({});
		expect((await touchpointFigures(db, touchpoint.id)).total).toBe(0);
		// Figures only: what a reader's map receives holds no contact the customer left.
		expect(JSON.stringify(voice)).not.toContain('petar');

		await closeStageQuestionnaire(db, anna.userId, world.workspaceId, world.mapId, second.id);
		expect(await refused(customersAnswer(opened.token, ['meets']))).toMatchObject({
			code: 'questionnaire_closed'
		});
		const rows = await db.select().from(customerAnswers);
		const stageRows = rows.filter((row) => row.stageId === second.id);
		expect(stageRows).toHaveLength(3);
		expect(stageRows.every((row) => row.journeyMapId === world.mapId && !row.touchpointId)).toBe(
			true
		);
	});
});

describe("a stage's measured level", () => {
	it('adds the answers about the touchpoints placed in the stage to the stage’s own', async () => {
		const world = await journeyWorld();
		const { anna, reader, stranger } = world.accounts;
		const newTouchpoint = (name: string) =>
			createTouchpoint(db, anna.userId, world.workspaceId, {
				name,
				type: 'business',
				kind: '',
				channel: ''
			});
		const desk = await newTouchpoint('Front desk');
		const phone = await newTouchpoint('Call centre');
		const state = await loadMapState(db, world.map);
		const [first, second, third] = state.stages;
		const lane = state.lanes.find((l) => l.kind === 'touchpoints')!;
		// The desk in the first stage; the phone in the second .
		await changeMap(world, (doc) => {
			addTouchpointCard(doc, lane.id, first.id, desk.id);
			addTouchpointCard(doc, lane.id, second.id, phone.id);
		});
		const open = async (touchpointId: string) =>
			(await openQuestionnaire(db, anna.userId, world.workspaceId, touchpointId, settings)).token;
		await customersAnswer(await open(desk.id), [
			'meets',
			'meets',
			'meets',
			'meets',
			'exceeds',
			'exceeds',
			'indifferent',
			'below'
		]);
		await customersAnswer(await open(phone.id), ['below', 'below', 'indifferent']);
		const stageToken = (
			await openStageQuestionnaire(
				db,
				anna.userId,
				world.workspaceId,
				world.mapId,
				first.id,
				settings
			)
		).token;
		await customersAnswer(stageToken, ['exceeds', 'exceeds']);

		const voice = await mapVoice(db, reader.userId, world.workspaceId, world.mapId);
		const measures = stageMeasures(await loadMapState(db, world.map), voice);
		// First stage: the desk's 8 answers and the stage's own 2.
		expect(measures.get(first.id)).toEqual({
			total: 10,
			counts: { below: 1, indifferent: 1, meets: 4, exceeds: 4 },
			mean: 3.1,
			level: 'meets',
			tooFew: false
		});
		// Second stage: only the phone's 3 answers, too few to read a level.
		expect(measures.get(second.id)).toMatchObject({ total: 3, tooFew: true, level: 'below' });
		expect(measures.get(third.id)).toMatchObject({
			total: 0,
			mean: null,
			level: null,
			tooFew: true
		});
		expect(MIN_ANSWERS).toBe(10);

		// The curve from customers' answers: the first stage at +0.8 (3.1 of 4), none where too few.
		const curve = measuredCurve(await loadMapState(db, world.map), measures);
		expect(curve.slice(0, 3).map((point) => point.score)).toEqual([0.8, null, null]);

		// Nobody outside the workspace reads them.
		expect(
			await refused(mapVoice(db, stranger.userId, world.workspaceId, world.mapId))
		).toMatchObject({
			status: 403
		});
	});
});

describe("the measured levels on a live session's map", () => {
	it('reach the members who take part (figures only), never a guest', async () => {
		const world = await journeyWorld();
		const { admin, anna } = world.accounts;
		await linkMapToSession(db, admin.userId, world.workspaceId, world.mapId, world.sessionId);
		const [first] = (await loadMapState(db, world.map)).stages;
		const opened = await openStageQuestionnaire(
			db,
			anna.userId,
			world.workspaceId,
			world.mapId,
			first.id,
			{ criteria: [], askContact: true }
		);
		await customersAnswer(opened.token, ['meets', 'below'], {
			contact: true,
			contactName: 'Petar',
			contactAddress: 'petar@example.test'
		});
		const url = `/s/${world.sessionId}/journeys/${world.mapId}`;
		const params = { id: world.sessionId, map: world.mapId };
		const load = async (locals: App.Locals) =>
			(await sessionMapPage.load(eventOf<SessionMapLoad>(locals, url, params))) as {
				voice: unknown;
			};

		const member = await load(localsOf(anna));
		expect(member.voice).toEqual({
			touchpoints: {},
			stages: { [first.id]: { below: 1, indifferent: 0, meets: 1, exceeds: 0 } }
		});
		expect(JSON.stringify(member.voice)).not.toContain('petar');
		// The workspace's map page gives its members the same figures.
		expect(await mapVoice(db, anna.userId, world.workspaceId, world.mapId)).toEqual(member.voice);

		expect((await load(localsOf(world.actors.gina))).voice).toBeNull();
	});

	it("show members each stage's questionnaire and actions, read-only, and a guest none of it", async () => {
		const world = await journeyWorld();
		const { admin, anna, maria } = world.accounts;
		await linkMapToSession(db, admin.userId, world.workspaceId, world.mapId, world.sessionId);
		const [first] = (await loadMapState(db, world.map)).stages;
		const opened = await openStageQuestionnaire(
			db,
			anna.userId,
			world.workspaceId,
			world.mapId,
			first.id,
			{ criteria: ['comfort'], askContact: false }
		);
		const actionId = await createStageAction(
			db,
			anna.userId,
			world.workspaceId,
			world.mapId,
			first.id,
			{ title: 'Greet every parent at the door', criterion: '', ownerId: maria.userId, dueOn: '' }
		);
		const url = `/s/${world.sessionId}/journeys/${world.mapId}`;
		const params = { id: world.sessionId, map: world.mapId };
		type Panel = {
			questionnaires: Record<string, { token: string; open: boolean }>;
			actions: Record<string, { id: string; title: string }[]>;
		};
		const load = async (locals: App.Locals) =>
			(await sessionMapPage.load(eventOf<SessionMapLoad>(locals, url, params))) as {
				stagePanel: Panel | null;
				voice: unknown;
			};

		// A member taking part sees what the app's map page shows below the map.
		const member = await load(localsOf(anna));
		expect(member.stagePanel?.questionnaires[first.id]).toMatchObject({
			token: opened.token,
			open: true
		});
		expect(member.stagePanel?.actions[first.id]).toEqual([
			expect.objectContaining({ id: actionId, title: 'Greet every parent at the door' })
		]);
		expect(member.stagePanel).toEqual({
			questionnaires: await stageQuestionnaires(db, anna.userId, world.workspaceId, world.mapId),
			actions: await listStageActions(db, anna.userId, world.workspaceId, world.mapId)
		});

		// A guest of the session gets neither the figures, the questionnaire's link nor the actions.
		const guest = await load(localsOf(world.actors.gina));
		expect(guest.voice).toBeNull();
		expect(guest.stagePanel).toBeNull();
		const everything = JSON.stringify(guest);
		expect(everything).not.toContain(opened.token);
		expect(everything).not.toContain('Greet every parent');
	});
});
