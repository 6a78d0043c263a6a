// Improvement actions attached to a journey stage: editors create them (bounded, with an owner of
// the workspace, who is told), editors and the owner move them on, other readers and people outside
// the workspace cannot; a done action shows the stage's answers (its own and those of the
// touchpoints placed in it) before and after.
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addTouchpointCard } from '$lib/journeys/doc';
import { db } from '$lib/server/db';
import {
	customerAnswers,
	improvementActions,
	mailMessages,
	notifications
} from '$lib/server/db/schema';
import { loadMapState, loadMapUpdate } from '$lib/server/journeys/documents';
import { journeyRoomName } from '$lib/server/journeys/rooms';
import { appendUpdates } from '$lib/server/sync/storage';
import { createTouchpoint } from '$lib/server/touchpoints/touchpoints';
import { listActions } from '$lib/server/voice/actions';
import { AnswerRateLimit } from '$lib/server/voice/answer-rate';
import { submitAnswer } from '$lib/server/voice/answers';
import { openQuestionnaire, publicQuestionnaire } from '$lib/server/voice/questionnaires';
import {
	createStageAction,
	listStageActions,
	setStageActionStatus
} from '$lib/server/voice/stage-actions';
import { openStageQuestionnaire } from '$lib/server/voice/stage-questionnaires';
import { ACTION_TITLE_MAX, type Level } from '$lib/voice/model';
import { stageHref } from '$lib/voice/stage-link';
import * as mapPage from '../../../src/routes/(app)/w/[ws=uuid]/journeys/[map=uuid]/+page.server';
import { eventOf, formPost, journeyWorld, localsOf } from '../journeys/world';

type MapLoad = Parameters<typeof mapPage.load>[0];
type MapAction = Parameters<typeof mapPage.actions.createStageAction>[0];

async function refused(work: Promise<unknown>) {
	return work.then(
		() => null,
		(error: { code?: string; status?: number }) => error
	);
}

let address = 0;
const limit = new AnswerRateLimit();
async function customersAnswer(token: string, levels: Level[]) {
	const questionnaire = (await publicQuestionnaire(db, token))!;
	for (const level of levels)
		await submitAnswer(
			db,
			questionnaire,
			{
				level,
				ratings: {},
				expected: '',
				comment: '',
				contact: false,
				contactName: '',
				contactAddress: '',
				language: 'en',
				honeypot: ''
			},
			{ addressHash: `stage-action-${address++}`, limit }
		);
}

const none = { criterion: '', ownerId: '', dueOn: '' };

describe('an improvement action on a journey stage', () => {
	it('is created by editors, on a stage the map has, bounded, its owner told; others are refused', async () => {
		const world = await journeyWorld();
		const { anna, maria, reader, stranger } = world.accounts;
		const [first] = (await loadMapState(db, world.map)).stages;
		const create = (
			userId: string,
			stageId: string,
			input: Partial<typeof none> & { title: string }
		) =>
			createStageAction(db, userId, world.workspaceId, world.mapId, stageId, { ...none, ...input });

		const id = await create(anna.userId, first.id, {
			title: '  Call every customer back within a day ',
			criterion: 'lead_time',
			ownerId: maria.userId,
			dueOn: '2026-01-15'
		});
		const [row] = await db.select().from(improvementActions).where(eq(improvementActions.id, id));
		expect(row).toMatchObject({
			journeyMapId: world.mapId,
			stageId: first.id,
			touchpointId: null,
			title: 'Call every customer back within a day',
			criterion: 'lead_time',
			status: 'planned'
		});
		// The owner's notice leads to the stage on its map (the map's page, at the stage's panel).
		const [notice] = await db
			.select()
			.from(notifications)
			.where(
				and(
					eq(notifications.userId, maria.userId),
					eq(notifications.workspaceId, world.workspaceId)
				)
			);
		expect(notice).toMatchObject({
			kind: 'stage_action_assigned',
			subjectId: world.mapId,
			payload: {
				name: 'Call every customer back within a day',
				stage: first.name,
				map: 'Parent journey',
				stageId: first.id,
				dueOn: '2026-01-15'
			}
		});
		expect(stageHref(`/w/${world.workspaceId}`, notice.subjectId!, notice.payload.stageId)).toBe(
			`/w/${world.workspaceId}/journeys/${world.mapId}#stage-${first.id}`
		);
		// …and an e-mail is queued for them, naming the stage and the map.
		const [mail] = await db
			.select()
			.from(mailMessages)
			.where(
				and(eq(mailMessages.userId, maria.userId), eq(mailMessages.workspaceId, world.workspaceId))
			);
		expect(mail).toMatchObject({
			kind: 'stage_action_owner',
			toAddress: maria.email,
			payload: {
				mapId: world.mapId,
				mapTitle: 'Parent journey',
				stageId: first.id,
				stageName: first.name,
				actionTitle: 'Call every customer back within a day',
				dueOn: '2026-01-15'
			}
		});

		expect(await refused(create(reader.userId, first.id, { title: 'x' }))).toMatchObject({
			code: 'forbidden'
		});
		expect(await refused(create(stranger.userId, first.id, { title: 'x' }))).toMatchObject({
			status: 403
		});
		expect(await refused(create(anna.userId, 'no-such-stage', { title: 'x' }))).toMatchObject({
			status: 404
		});
		expect(
			await refused(create(anna.userId, first.id, { title: 'x'.repeat(ACTION_TITLE_MAX + 1) }))
		).toMatchObject({ code: 'text_too_long' });
		expect(
			await refused(create(anna.userId, first.id, { title: 'x', ownerId: stranger.userId }))
		).toMatchObject({ code: 'owner_unknown' });
		expect(
			await refused(create(anna.userId, first.id, { title: 'x', criterion: 'weather' }))
		).toMatchObject({ code: 'invalid_input' });

		// Listed with its stage, for every member; never among a touchpoint's actions.
		const listed = await listStageActions(db, reader.userId, world.workspaceId, world.mapId);
		expect(listed[first.id]).toMatchObject([{ id, ownerName: 'Maria Member', overdue: true }]);
		expect(
			await refused(listStageActions(db, stranger.userId, world.workspaceId, world.mapId))
		).toMatchObject({ status: 403 });
	});

	it('is moved on by editors and its owner (even a reader), not by another reader', async () => {
		const world = await journeyWorld();
		const { anna, reader, admin } = world.accounts;
		const [first] = (await loadMapState(db, world.map)).stages;
		const mine = await createStageAction(
			db,
			anna.userId,
			world.workspaceId,
			world.mapId,
			first.id,
			{
				...none,
				title: 'Owned by the reader',
				ownerId: reader.userId
			}
		);
		const theirs = await createStageAction(
			db,
			anna.userId,
			world.workspaceId,
			world.mapId,
			first.id,
			{
				...none,
				title: 'Owned by nobody'
			}
		);
		const move = (userId: string, actionId: string, status: string) =>
			setStageActionStatus(db, userId, world.workspaceId, world.mapId, actionId, status);
		await move(reader.userId, mine, 'in_progress');
		expect(await refused(move(reader.userId, theirs, 'done'))).toMatchObject({ code: 'forbidden' });
		expect(await refused(move(admin.userId, theirs, 'finished'))).toMatchObject({
			code: 'invalid_input'
		});
		expect(await refused(move(admin.userId, 'not-an-id', 'done'))).toMatchObject({ status: 404 });
		await move(admin.userId, theirs, 'done');
		const listed = (await listStageActions(db, anna.userId, world.workspaceId, world.mapId))[
			first.id
		];
		expect(listed.map((action) => action.status)).toEqual(['in_progress', 'done']);
	});

	it("shows once done whether the stage's measured level moved, with answer counts", async () => {
		const world = await journeyWorld();
		const { anna } = world.accounts;
		const state = await loadMapState(db, world.map);
		const [first, second] = state.stages;
		const lane = state.lanes.find((l) => l.kind === 'touchpoints')!;
		const desk = await createTouchpoint(db, anna.userId, world.workspaceId, {
			name: 'Front desk',
			type: 'business',
			kind: '',
			channel: ''
		});
		const elsewhere = await createTouchpoint(db, anna.userId, world.workspaceId, {
			name: 'Car park',
			type: 'business',
			kind: '',
			channel: ''
		});
		// The desk in the first stage, the car park in the second.
		const doc = new Y.Doc();
		Y.applyUpdate(doc, await loadMapUpdate(db, world.map));
		const before = Y.encodeStateVector(doc);
		addTouchpointCard(doc, lane.id, first.id, desk.id);
		addTouchpointCard(doc, lane.id, second.id, elsewhere.id);
		await appendUpdates(db, [
			{ docName: journeyRoomName(world.map), update: Y.encodeStateAsUpdate(doc, before) }
		]);
		doc.destroy();
		const settings = { criteria: [], askContact: false };
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
		const deskToken = (
			await openQuestionnaire(db, anna.userId, world.workspaceId, desk.id, settings)
		).token;
		const parkToken = (
			await openQuestionnaire(db, anna.userId, world.workspaceId, elsewhere.id, settings)
		).token;

		// Before: the stage's own 2 answers and the desk's 2, one satisfied in all.
		await customersAnswer(stageToken, ['below', 'meets']);
		await customersAnswer(deskToken, ['below', 'indifferent']);
		await customersAnswer(parkToken, ['exceeds', 'exceeds']);
		await db.update(customerAnswers).set({ createdAt: new Date('2026-01-01T00:00:00Z') });
		const id = await createStageAction(db, anna.userId, world.workspaceId, world.mapId, first.id, {
			...none,
			title: 'Greet everyone at the door'
		});
		expect(
			(await listStageActions(db, anna.userId, world.workspaceId, world.mapId))[first.id][0]
				.beforeAfter
		).toBeNull();
		await setStageActionStatus(
			db,
			anna.userId,
			world.workspaceId,
			world.mapId,
			id,
			'done',
			new Date('2026-02-01T00:00:00Z')
		);
		// After: 3 answers, all satisfied (the car park's, in another stage, count for neither side).
		await customersAnswer(stageToken, ['meets', 'exceeds']);
		await customersAnswer(deskToken, ['meets']);
		await customersAnswer(parkToken, ['below']);

		const [done] = (await listStageActions(db, anna.userId, world.workspaceId, world.mapId))[
			first.id
		];
		expect(done).toMatchObject({ status: 'done', doneAt: '2026-02-01T00:00:00.000Z' });
		expect(done.beforeAfter).toEqual({
			before: { total: 4, mean: 1.75, satisfied: 1 },
			after: { total: 3, mean: 3.33, satisfied: 3 }
		});
		// A touchpoint's actions do not list the stage's.
		expect(await listActions(db, anna.userId, world.workspaceId, desk.id)).toEqual([]);
	});

	it("is created and moved on through the map page's form actions, and listed by its load", async () => {
		const world = await journeyWorld();
		const { anna, maria } = world.accounts;
		const [first] = (await loadMapState(db, world.map)).stages;
		const url = `/w/${world.workspaceId}/journeys/${world.mapId}`;
		const params = { ws: world.workspaceId, map: world.mapId };
		const post = (
			name: 'createStageAction' | 'stageActionStatus',
			fields: Record<string, string>
		) => mapPage.actions[name](eventOf<MapAction>(localsOf(anna), url, params, formPost(fields)));
		expect(
			await post('createStageAction', {
				stageId: first.id,
				title: 'Shorter queue',
				criterion: '',
				ownerId: maria.userId,
				dueOn: ''
			})
		).toEqual({ stageActionCreated: true });
		const load = async () =>
			(await mapPage.load(eventOf<MapLoad>(localsOf(maria), url, params))) as {
				stageActions: Record<string, { id: string; status: string }[]>;
			};
		const [action] = (await load()).stageActions[first.id];
		expect(action).toMatchObject({ status: 'planned' });
		expect(await post('stageActionStatus', { id: action.id, status: 'done' })).toEqual({
			stageActionUpdated: true
		});
		expect((await load()).stageActions[first.id][0]).toMatchObject({ status: 'done' });
	});
});
