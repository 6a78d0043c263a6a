// Moving between stages and arranging them: forwards and back without losing anything, skipped
// stages cannot be opened, renaming/skipping/reordering, and skipping the current stage.
import { describe, expect, it } from 'vitest';
import { db } from '$lib/server/db';
import { loadSessionContext } from '$lib/server/sessions/access';
import { arrangeStages, goToStage } from '$lib/server/sessions/controls';
import { definitionsView, saveOwnDefinition } from '$lib/server/sessions/definitions';
import { defaultStages, type Stage } from '$lib/sessions/stages';
import { stagesSchema } from '$lib/validation/session';
import { sessionRow, sessionWorld } from '../../utils/session-factories';

describe('goToStage', () => {
	it('moves forwards and back, one revision per move, and moving back loses nothing', async () => {
		const { sessionId, actors } = await sessionWorld();
		await saveOwnDefinition(
			db,
			actors.alice,
			sessionId,
			{ text: 'Partners, not targets', roleTag: 'Sales' },
			false
		);

		const forward = await goToStage(db, actors.facilitator, sessionId, 'criteria');
		expect(forward).toMatchObject({ currentStage: 'criteria', revision: 1 });
		const further = await goToStage(db, actors.facilitator, sessionId, 'draft');
		expect(further).toMatchObject({ currentStage: 'draft', revision: 2 });
		const back = await goToStage(db, actors.facilitator, sessionId, 'definitions');
		expect(back).toMatchObject({ currentStage: 'definitions', revision: 3 });
		expect(await sessionRow(sessionId)).toMatchObject({ currentStage: 'definitions', revision: 3 });

		const view = await definitionsView(db, await loadSessionContext(db, actors.alice, sessionId));
		expect(view.own).toMatchObject({
			text: 'Partners, not targets',
			roleTag: 'Sales',
			submittedAt: null
		});
		// And the draft can still be worked on, since its stage is open again.
		await saveOwnDefinition(
			db,
			actors.alice,
			sessionId,
			{ text: 'Partners, always', roleTag: 'Sales' },
			true
		);
	});

	it('lets any facilitator move the stage, including one who joins by opening the session', async () => {
		const { sessionId, actors } = await sessionWorld();
		await goToStage(db, actors.coFacilitator, sessionId, 'themes');
		expect((await sessionRow(sessionId)).currentStage).toBe('themes');
	});

	it('refuses to open a skipped stage and changes nothing', async () => {
		const { sessionId, actors } = await sessionWorld();
		const stages = defaultStages().map((stage) =>
			stage.key === 'themes' ? { ...stage, skipped: true } : stage
		);
		await arrangeStages(db, actors.facilitator, sessionId, stages);
		const before = await sessionRow(sessionId);
		await expect(goToStage(db, actors.facilitator, sessionId, 'themes')).rejects.toMatchObject({
			code: 'stage_not_open'
		});
		expect(await sessionRow(sessionId)).toEqual(before);
		// Unskipped again, it opens.
		await arrangeStages(db, actors.facilitator, sessionId, defaultStages());
		expect((await goToStage(db, actors.facilitator, sessionId, 'themes')).currentStage).toBe(
			'themes'
		);
	});
});

describe('arrangeStages', () => {
	it('stores renames, skips and the new order, keeping the current stage when it stays active', async () => {
		const { sessionId, actors } = await sessionWorld();
		await goToStage(db, actors.facilitator, sessionId, 'themes');
		const arranged: Stage[] = [
			{ key: 'themes', title: 'Clusters', skipped: false },
			{ key: 'definitions', title: null, skipped: false },
			{ key: 'draft', title: 'Write it together', skipped: false },
			{ key: 'criteria', title: null, skipped: true },
			{ key: 'consensus', title: null, skipped: false },
			{ key: 'publish', title: null, skipped: false }
		];
		const row = await arrangeStages(db, actors.facilitator, sessionId, arranged);
		expect(row).toMatchObject({ currentStage: 'themes', revision: 2 });
		expect((await sessionRow(sessionId)).stages).toEqual(arranged);
	});

	it('skipping the current stage moves everyone to the first active stage', async () => {
		const { sessionId, actors } = await sessionWorld();
		await goToStage(db, actors.facilitator, sessionId, 'criteria');
		const arranged: Stage[] = [
			{ key: 'definitions', title: null, skipped: true },
			{ key: 'draft', title: null, skipped: false },
			{ key: 'themes', title: null, skipped: false },
			{ key: 'criteria', title: null, skipped: true },
			{ key: 'consensus', title: null, skipped: false },
			{ key: 'publish', title: null, skipped: false }
		];
		const row = await arrangeStages(db, actors.facilitator, sessionId, arranged);
		expect(row.currentStage).toBe('draft');
		expect(await sessionRow(sessionId)).toMatchObject({ currentStage: 'draft', stages: arranged });
	});

	it('has its input checked by stagesSchema: every stage once, at least one active, titles trimmed', () => {
		const ok = stagesSchema.safeParse(
			defaultStages().map((stage, i) =>
				i === 0 ? { ...stage, title: '  Own words  ' } : { ...stage, title: '' }
			)
		);
		expect(ok.success).toBe(true);
		expect(ok.data?.[0].title).toBe('Own words');
		expect(ok.data?.[1].title).toBeNull();

		const all = defaultStages();
		expect(stagesSchema.safeParse(all.slice(1)).success).toBe(false);
		expect(stagesSchema.safeParse([...all.slice(1), all[1]]).success).toBe(false);
		expect(stagesSchema.safeParse(all.map((stage) => ({ ...stage, skipped: true }))).success).toBe(
			false
		);
		expect(stagesSchema.safeParse([{ ...all[0], key: 'voting' }, ...all.slice(1)]).success).toBe(
			false
		);
		expect(
			stagesSchema.safeParse(all.map((stage) => ({ ...stage, title: 'x'.repeat(61) }))).success
		).toBe(false);
	});
});
