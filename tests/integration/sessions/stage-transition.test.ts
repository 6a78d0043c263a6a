// Every stage move goes through `transitionStage`, which refuses, writing nothing, a stage that
// does not exist or is skipped and a move its cause does not allow; and no server module writes
// the current stage any other way.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { db } from '$lib/server/db';
import { arrangeStages, goToStage } from '$lib/server/sessions/controls';
import { lockSession } from '$lib/server/sessions/lock';
import { transitionStage, type StageTransition } from '$lib/server/sessions/stage-transition';
import { defaultStages } from '$lib/sessions/stages';
import { sessionRow, sessionWorld } from '../../utils/session-factories';

/** Runs one transition the way every caller does: on the row locked in its transaction. */
function transition(sessionId: string, move: StageTransition) {
	return db.transaction(async (tx) => transitionStage(tx, await lockSession(tx, sessionId), move));
}

describe('transitionStage', () => {
	it('refuses a stage that does not exist, writing nothing', async () => {
		const { sessionId } = await sessionWorld();
		const before = await sessionRow(sessionId);
		for (const to of ['voting', '', 'DRAFT'])
			await expect(transition(sessionId, { cause: 'facilitator', to })).rejects.toMatchObject({
				name: 'DomainError',
				code: 'stage_not_open',
				field: 'stage'
			});
		expect(await sessionRow(sessionId)).toEqual(before);
	});

	it('refuses to send the session back to a draft stage that is switched off, writing nothing', async () => {
		const { sessionId, actors } = await sessionWorld();
		await arrangeStages(
			db,
			actors.facilitator,
			sessionId,
			defaultStages().map((stage) => ({ ...stage, skipped: stage.key === 'draft' }))
		);
		await goToStage(db, actors.facilitator, sessionId, 'consensus');
		const before = await sessionRow(sessionId);
		await expect(transition(sessionId, { cause: 'objection' })).rejects.toMatchObject({
			name: 'DomainError',
			code: 'stage_not_open'
		});
		expect(await sessionRow(sessionId)).toEqual(before);
	});

	it('sends back to the draft only from the consensus stage', async () => {
		const { sessionId, actors } = await sessionWorld();
		await goToStage(db, actors.facilitator, sessionId, 'publish');
		const before = await sessionRow(sessionId);
		await expect(transition(sessionId, { cause: 'objection' })).rejects.toMatchObject({
			name: 'DomainError',
			code: 'stage_not_open'
		});
		expect(await sessionRow(sessionId)).toEqual(before);

		await goToStage(db, actors.facilitator, sessionId, 'consensus');
		const sentBack = await transition(sessionId, { cause: 'objection' });
		expect(sentBack).toMatchObject({ currentStage: 'draft', revision: before.revision + 2 });
	});

	it('refuses an arrangement with every stage switched off, writing nothing', async () => {
		const { sessionId, actors } = await sessionWorld();
		const before = await sessionRow(sessionId);
		await expect(
			arrangeStages(
				db,
				actors.facilitator,
				sessionId,
				defaultStages().map((stage) => ({ ...stage, skipped: true }))
			)
		).rejects.toMatchObject({ name: 'DomainError', code: 'stage_not_open' });
		expect(await sessionRow(sessionId)).toEqual(before);
	});
});

describe('callers of transitionStage', () => {
	it('are the only writers of the current stage in server code', () => {
		const root = join(process.cwd(), 'src/lib/server');
		const writesCurrentStage = /(\.set\(|writeSessionChange\()[^;]*(?<![.\w])currentStage\s*[:,}]/s;
		const writers = readdirSync(root, { recursive: true, encoding: 'utf8' })
			.filter((file) => file.endsWith('.ts'))
			.filter((file) => writesCurrentStage.test(readFileSync(join(root, file), 'utf8')));
		expect(writers).toEqual(['sessions/stage-transition.ts']);
	});
});
