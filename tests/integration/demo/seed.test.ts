import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { departments, memberships } from '$lib/server/db/schema';
import { signIn } from '$lib/server/auth/accounts';
import { listMembers } from '$lib/server/workspaces/members';
import { DEMO_PASSWORD, seedDemo } from '$lib/server/demo/seed';

describe('demo seed', () => {
	it('creates the team the README describes (an admin, a facilitator, four members, six departments), idempotently', async () => {
		const first = await seedDemo(db);
		const second = await seedDemo(db);
		expect(second.workspaceId).toBe(first.workspaceId);
		const rows = await db
			.select()
			.from(memberships)
			.where(eq(memberships.workspaceId, first.workspaceId));
		expect(rows).toHaveLength(6);
		expect(rows.map((row) => row.role).sort()).toEqual([
			'admin',
			'facilitator',
			'member',
			'member',
			'member',
			'member'
		]);
		expect(new Set(rows.map((row) => row.departmentId)).size).toBe(6);
		const depts = await db
			.select()
			.from(departments)
			.where(eq(departments.workspaceId, first.workspaceId));
		expect(depts).toHaveLength(6);
	});

	it('prints accounts that can sign in', async () => {
		const { workspaceId, accounts } = await seedDemo(db);
		const georgi = accounts.find((account) => account.role === 'facilitator');
		expect(georgi?.email).toBe('georgi@northwind.example');
		const session = await signIn(db, {
			email: georgi?.email ?? '',
			password: DEMO_PASSWORD,
			clientAddress: '192.0.2.1'
		});
		const members = await listMembers(db, session.userId, workspaceId);
		expect(members.find((m) => m.name === 'Tom Baker')?.departmentName).toBe('Security');
	});

	it('gives the voice of the customer something to show: answers that tell the story, our view, notes and actions, once', async () => {
		const { workspaceId, accounts, journeyMapId } = await seedDemo(db);
		await seedDemo(db);
		const { buildRegister } = await import('$lib/server/touchpoints/register');
		const { listActions } = await import('$lib/server/voice/actions');
		const { listInterviews } = await import('$lib/server/voice/interviews');
		const elena = accounts.find((account) => account.role === 'admin')!;
		const session = await signIn(db, {
			email: elena.email,
			password: DEMO_PASSWORD,
			clientAddress: '192.0.2.2'
		});
		const register = await buildRegister(db, session.userId, workspaceId);
		const callCentre = register.rows.find((row) => row.name === 'Call centre line')!;
		const reception = register.rows.find((row) => row.name === 'Reception desk greeting')!;
		// Seeded once: a second run added no answers.
		expect(callCentre.voice?.answers).toBe(180);
		expect(reception.voice?.answers).toBe(180);
		// Staff rate both better than customers do (the gap the page must show).
		expect(callCentre.voice?.gap).toBeGreaterThan(0);
		expect(reception.voice?.gap).toBeGreaterThan(0);
		const [done] = await listActions(db, session.userId, workspaceId, callCentre.id);
		expect(done).toMatchObject({ status: 'done', ownerName: 'Maria Dimitrova' });
		// The call centre's level moved once its action was done.
		expect(done.beforeAfter!.after.mean!).toBeGreaterThan(done.beforeAfter!.before.mean!);
		expect(done.beforeAfter!.after.satisfied / done.beforeAfter!.after.total).toBeGreaterThan(0.5);
		const interviews = await listInterviews(db, session.userId, workspaceId, callCentre.id);
		expect(interviews).toHaveLength(1);
		expect(interviews[0]).toMatchObject({
			kind: 'focus_group',
			participantCount: 3,
			level: 'below'
		});

		// The map's stage questionnaire: its own answers (seeded once) give a stage no measured
		// touchpoint is placed in a measured level on the map.
		const { loadMapState } = await import('$lib/server/journeys/documents');
		const { mapVoice, stageQuestionnaires } =
			await import('$lib/server/voice/stage-questionnaires');
		const { stageMeasures } = await import('$lib/voice/stage-levels');
		const { DEMO_STAGE, DEMO_STAGE_ANSWERS } = await import('$lib/server/demo/voice-stage');
		const map = { id: journeyMapId!, workspaceId };
		const state = await loadMapState(db, map);
		const stage = state.stages.find((s) => s.name === DEMO_STAGE)!;
		const voice = await mapVoice(db, session.userId, workspaceId, map.id);
		const measure = stageMeasures(state, voice).get(stage.id)!;
		expect(measure).toMatchObject({ total: DEMO_STAGE_ANSWERS, level: 'meets', tooFew: false });
		expect(Object.values(voice.stages[stage.id]).reduce((sum, count) => sum + count, 0)).toBe(
			DEMO_STAGE_ANSWERS
		);
		expect(
			(await stageQuestionnaires(db, session.userId, workspaceId, map.id))[stage.id]
		).toMatchObject({ open: true, stageId: stage.id });
		// The stage's improvement action, done halfway: its answers moved from mixed to satisfied.
		const { listStageActions } = await import('$lib/server/voice/stage-actions');
		const { DEMO_STAGE_ACTION } = await import('$lib/server/demo/voice-stage');
		const [stageAction, ...more] =
			(await listStageActions(db, session.userId, workspaceId, map.id))[stage.id] ?? [];
		expect(more).toEqual([]);
		expect(stageAction).toMatchObject({
			title: DEMO_STAGE_ACTION,
			status: 'done',
			ownerName: 'Anna Smith',
			overdue: false
		});
		const { before, after } = stageAction.beforeAfter!;
		expect(before.total).toBeGreaterThan(20);
		expect(after.total).toBeGreaterThan(20);
		expect(before.total + after.total).toBe(DEMO_STAGE_ANSWERS);
		expect(after.mean!).toBeGreaterThan(before.mean! + 0.5);
		expect(after.satisfied / after.total).toBeGreaterThan(before.satisfied / before.total);
	});
});
