// The figures' outputs: the printable customer experience page of a workspace and the voice of the
// customer section of a session report. Every member reads them (figures and action titles only,
// never a comment or a contact a customer left); nobody outside the workspace does.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addTouchpointCard } from '$lib/journeys/doc';
import { db } from '$lib/server/db';
import { loadMapState, loadMapUpdate } from '$lib/server/journeys/documents';
import { linkMapToSession } from '$lib/server/journeys/maps';
import { journeyRoomName } from '$lib/server/journeys/rooms';
import { appendUpdates } from '$lib/server/sync/storage';
import { createTouchpoint } from '$lib/server/touchpoints/touchpoints';
import { createAction } from '$lib/server/voice/actions';
import { AnswerRateLimit } from '$lib/server/voice/answer-rate';
import { submitAnswer } from '$lib/server/voice/answers';
import { experiencePage } from '$lib/server/voice/experience-page';
import { openQuestionnaire, publicQuestionnaire } from '$lib/server/voice/questionnaires';
import { voiceReport } from '$lib/server/voice/report-section';
import { assessTouchpoint } from '$lib/server/voice/self-assessment';
import type { Level } from '$lib/voice/model';
import { journeyWorld } from '../journeys/world';

async function measuredWorld() {
	const world = await journeyWorld();
	const { anna, maria, reader } = world.accounts;
	const touchpoint = (name: string) =>
		createTouchpoint(db, anna.userId, world.workspaceId, {
			name,
			type: 'business',
			kind: '',
			channel: ''
		});
	const desk = await touchpoint('Front desk');
	const phone = await touchpoint('Call centre');
	const quiet = await touchpoint('Parking');
	const opened = await openQuestionnaire(db, anna.userId, world.workspaceId, desk.id, {
		criteria: [],
		askContact: true
	});
	const questionnaire = (await publicQuestionnaire(db, opened.token))!;
	const limit = new AnswerRateLimit();
	const levels: Level[] = ['below', 'below', 'indifferent', 'meets', 'meets', 'meets'];
	for (const [index, level] of [...levels, ...levels].entries())
		await submitAnswer(
			db,
			questionnaire,
			{
				level,
				ratings: {},
				expected: '',
				comment: index === 0 ? 'Waited 40 minutes' : '',
				contact: index === 0,
				contactName: index === 0 ? 'Ivan' : '',
				contactAddress: index === 0 ? 'ivan@example.test' : '',
				language: 'ru',
				honeypot: ''
			},
			{ addressHash: `outputs-${index}`, limit }
		);
	for (const who of [anna, maria, reader])
		await assessTouchpoint(db, who.userId, world.workspaceId, desk.id, {
			level: 'exceeds',
			comment: ''
		});
	await assessTouchpoint(db, reader.userId, world.workspaceId, phone.id, {
		level: 'meets',
		comment: ''
	});
	await createAction(db, anna.userId, world.workspaceId, desk.id, {
		title: 'Second receptionist at peak hours',
		criterion: 'lead_time',
		ownerId: maria.userId,
		dueOn: '2020-01-31'
	});
	return { world, desk, phone, quiet };
}

describe('the printable customer experience page', () => {
	it("shows each touchpoint's levels, both views, gap, trend and actions, largest gap first", async () => {
		const { world, desk, phone, quiet } = await measuredWorld();
		const page = await experiencePage(db, world.accounts.reader.userId, world.workspaceId);
		expect(page.map((row) => row.id)).toEqual([desk.id, phone.id, quiet.id]);
		const [first] = page;
		expect(first).toMatchObject({
			answers: 12,
			tooFew: false,
			counts: { below: 4, indifferent: 2, meets: 6, exceeds: 0 },
			customerMean: 2.17,
			staffMean: 4,
			gap: 1.83,
			actionsOpen: 1
		});
		expect(first.months).toEqual([
			{ month: new Date().toISOString().slice(0, 7), total: 12, satisfied: 6 }
		]);
		expect(first.actions).toEqual([
			expect.objectContaining({
				title: 'Second receptionist at peak hours',
				criterion: 'lead_time',
				ownerName: 'Maria Member',
				status: 'planned',
				overdue: true
			})
		]);
		expect(page[1]).toMatchObject({ answers: 0, tooFew: true, staffMean: 3, months: [] });
		// Figures only: no comment or contact of a customer.
		const text = JSON.stringify(page);
		expect(text).not.toContain('ivan@example.test');
		expect(text).not.toContain('Waited 40 minutes');
	});

	it('is refused to people outside the workspace', async () => {
		const { world } = await measuredWorld();
		await expect(
			experiencePage(db, world.accounts.stranger.userId, world.workspaceId)
		).rejects.toMatchObject({ status: 403 });
	});
});

describe("a session report's voice of the customer", () => {
	it("covers the touchpoints its maps place, or the workspace's measured ones when it has no map", async () => {
		const { world, desk, phone } = await measuredWorld();
		const { admin, reader, stranger } = world.accounts;
		// Without a linked map: every touchpoint customers or staff answered about.
		const unlinked = await voiceReport(db, reader.userId, world.workspaceId, world.sessionId);
		expect(unlinked.scope).toBe('workspace');
		expect(unlinked.rows.map((row) => row.name)).toEqual(['Front desk', 'Call centre']);

		// Linked to a map that places only the call centre: that touchpoint alone.
		const state = await loadMapState(db, world.map);
		const lane = state.lanes.find((l) => l.kind === 'touchpoints')!;
		const doc = new Y.Doc();
		Y.applyUpdate(doc, await loadMapUpdate(db, world.map));
		const before = Y.encodeStateVector(doc);
		addTouchpointCard(doc, lane.id, state.stages[0].id, phone.id);
		await appendUpdates(db, [
			{ docName: journeyRoomName(world.map), update: Y.encodeStateAsUpdate(doc, before) }
		]);
		await linkMapToSession(db, admin.userId, world.workspaceId, world.mapId, world.sessionId);
		const linked = await voiceReport(db, reader.userId, world.workspaceId, world.sessionId);
		expect(linked).toEqual({
			scope: 'maps',
			rows: [
				{
					name: 'Call centre',
					answers: 0,
					tooFew: true,
					customerMean: null,
					staffMean: 3,
					gap: null,
					actionsOpen: 0,
					actionsDone: 0
				}
			]
		});
		expect(desk.id).not.toBe(phone.id);
		await expect(
			voiceReport(db, stranger.userId, world.workspaceId, world.sessionId)
		).rejects.toMatchObject({ status: 403 });
	});
});
