// The figures' outputs: the printable customer experience page of a workspace and the voice of the
// customer section of a session report, and the improvement actions on journey stages in the
// register, the printable page and its CSV. Every member reads them (figures and action titles
// only, never a comment or a contact a customer left); nobody outside the workspace does.
import { eq } from 'drizzle-orm';
import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addTouchpointCard } from '$lib/journeys/doc';
import { db } from '$lib/server/db';
import { customerAnswers } from '$lib/server/db/schema';
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
import {
	createStageAction,
	setStageActionStatus,
	workspaceStageActions
} from '$lib/server/voice/stage-actions';
import { openStageQuestionnaire } from '$lib/server/voice/stage-questionnaires';
import ExperienceSheet from '$lib/components/voice/ExperienceSheet.svelte';
import type { Level, StageActionGroup } from '$lib/voice/model';
import * as registerPage from '../../../src/routes/(app)/w/[ws=uuid]/touchpoints/+page.server';
import * as experiencePageRoute from '../../../src/routes/(app)/w/[ws=uuid]/touchpoints/experience/+page.server';
import * as csvRoute from '../../../src/routes/(app)/w/[ws=uuid]/touchpoints/experience.csv/+server';
import { eventOf, journeyWorld, localsOf } from '../journeys/world';

type RegisterLoad = Parameters<typeof registerPage.load>[0];
type ExperienceLoad = Parameters<typeof experiencePageRoute.load>[0];
type CsvEvent = Parameters<typeof csvRoute.GET>[0];

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

describe('improvement actions on journey stages in the register and the experience outputs', () => {
	it('show with status, owner, due date, overdue and, once done, before/after; figures only', async () => {
		const { world } = await measuredWorld();
		const { anna, maria, reader, stranger } = world.accounts;
		const ws = world.workspaceId;
		const [first, second] = (await loadMapState(db, world.map)).stages;
		const opened = await openStageQuestionnaire(db, anna.userId, ws, world.mapId, first.id, {
			criteria: [],
			askContact: true
		});
		const questionnaire = (await publicQuestionnaire(db, opened.token))!;
		const limit = new AnswerRateLimit();
		const answer = (level: Level, index: number) =>
			submitAnswer(
				db,
				questionnaire,
				{
					level,
					ratings: {},
					expected: '',
					comment: 'The stage <b>comment</b>',
					contact: true,
					contactName: 'Petar',
					contactAddress: 'petar@example.test',
					language: 'bg',
					honeypot: ''
				},
				{ addressHash: `stage-outputs-${index}`, limit }
			);
		// Two answers before the action was done (one satisfied), three after (all satisfied).
		await answer('below', 0);
		await answer('meets', 1);
		await db
			.update(customerAnswers)
			.set({ createdAt: new Date('2026-01-10T00:00:00Z') })
			.where(eq(customerAnswers.questionnaireId, questionnaire.id));
		const done = await createStageAction(db, anna.userId, ws, world.mapId, first.id, {
			title: 'Greet every parent at the door',
			criterion: 'comfort',
			ownerId: maria.userId,
			dueOn: '2026-01-31'
		});
		await setStageActionStatus(
			db,
			maria.userId,
			ws,
			world.mapId,
			done,
			'done',
			new Date('2026-02-01T00:00:00Z')
		);
		for (const [index, level] of (['meets', 'exceeds', 'meets'] as Level[]).entries())
			await answer(level, 10 + index);
		await createStageAction(db, anna.userId, ws, world.mapId, second.id, {
			title: '=Shorter wait at pickup',
			criterion: '',
			ownerId: '',
			dueOn: '2020-03-01'
		});

		const groups = await workspaceStageActions(db, reader.userId, ws);
		expect(groups.map((group) => [group.mapTitle, group.stageName])).toEqual([
			['Parent journey', first.name],
			['Parent journey', second.name]
		]);
		expect(groups[0].actions).toEqual([
			expect.objectContaining({
				title: 'Greet every parent at the door',
				status: 'done',
				ownerName: 'Maria Member',
				dueOn: '2026-01-31',
				overdue: false,
				beforeAfter: {
					before: { total: 2, mean: 2, satisfied: 1 },
					after: { total: 3, mean: 3.33, satisfied: 3 }
				}
			})
		]);
		expect(groups[1].actions).toEqual([
			expect.objectContaining({ status: 'planned', overdue: true, beforeAfter: null })
		]);
		await expect(workspaceStageActions(db, stranger.userId, ws)).rejects.toMatchObject({
			status: 403
		});

		// The register's load and the printable page's load carry them, for any member.
		const url = `/w/${ws}/touchpoints`;
		const register = (await registerPage.load(
			eventOf<RegisterLoad>(localsOf(reader), url, { ws })
		)) as { stageActions: StageActionGroup[] };
		expect(register.stageActions).toEqual(groups);
		const printable = (await experiencePageRoute.load({
			...eventOf<ExperienceLoad>(localsOf(reader), `${url}/experience`, { ws }),
			parent: () => Promise.resolve({ user: localsOf(reader).user })
		} as ExperienceLoad)) as { stageActions: StageActionGroup[] };
		expect(printable.stageActions).toEqual(groups);
		const { body } = render(ExperienceSheet, {
			props: {
				workspaceName: 'Test Workspace',
				touchpoints: [],
				stageActions: printable.stageActions,
				generatedAt: new Date().toISOString()
			}
		});
		expect(body).toContain(`Parent journey — ${first.name}`);
		expect(body).toContain('Greet every parent at the door');
		expect(body).toContain('Customers satisfied before: 1 of 2; after: 3 of 3.');
		expect(body).toContain('Overdue');

		// The CSV: after the touchpoints, a header row and one row per stage action.
		const response = await csvRoute.GET(
			eventOf<CsvEvent>(localsOf(reader), `${url}/experience.csv`, { ws })
		);
		const lines = (await response.text()).replace('\uFEFF', '').split('\r\n');
		const header = lines.indexOf(
			'Journey map — stage,Improvement action,Status,Owner,Due date,Overdue,Satisfied before,Answers before,Satisfied after,Answers after'
		);
		expect(header).toBeGreaterThan(1);
		expect(lines[header - 1]).toBe('');
		expect(lines.slice(header + 1, header + 3)).toEqual([
			`Parent journey — ${first.name},Greet every parent at the door,Done,Maria Member,2026-01-31,no,1,2,3,3`,
			`Parent journey — ${second.name},'=Shorter wait at pickup,Planned,,2020-03-01,yes,,,,`
		]);
		// Figures and titles only: nothing a customer wrote or left to be contacted by.
		const everything = JSON.stringify(groups) + body + lines.join('\n');
		expect(everything).not.toContain('petar@example.test');
		expect(everything).not.toContain('comment');
	});
});
