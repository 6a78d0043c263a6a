import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { consensusRounds } from '$lib/server/db/schema';
import { loadSessionContext } from '$lib/server/sessions/access';
import { arrangeStages, goToStage } from '$lib/server/sessions/controls';
import { defaultStages } from '$lib/sessions/stages';
import { answerConsensus, openConsensusRound } from '$lib/server/consensus/rounds';
import { consensusView, latestObjections } from '$lib/server/consensus/views';
import { consensusWorld, saveVersion } from '../../utils/consensus-factories';
import { sessionRow } from '../../utils/session-factories';

describe('an objection', () => {
	it('closes the round as objected and sends the session back to the draft with the comments attached', async () => {
		const world = await consensusWorld();
		const { sessionId, actors } = world;
		const round = await openConsensusRound(db, actors.facilitator, sessionId, world.v1.id);
		await answerConsensus(db, actors.alice, sessionId, {
			answer: 'concern',
			comment: 'Mention colleagues too.'
		});
		const before = await sessionRow(sessionId);
		expect(
			await answerConsensus(db, actors.gina, sessionId, {
				answer: 'object',
				comment: 'Customers are not partners.'
			})
		).toEqual({
			status: 'objected',
			sentBackToDraft: true
		});

		const [row] = await db.select().from(consensusRounds).where(eq(consensusRounds.id, round.id));
		expect(row.status).toBe('objected');
		const after = await sessionRow(sessionId);
		expect(after.currentStage).toBe('draft');
		expect(after.revision).toBeGreaterThan(before.revision);

		// What stage 4 shows: objections first, then concerns, with authors as anonymity allows.
		const objections = await latestObjections(
			db,
			await loadSessionContext(db, actors.bob, sessionId)
		);
		expect(objections).toEqual({
			roundId: round.id,
			versionNumber: 1,
			versionName: 'Version 1',
			closedAt: expect.any(String),
			comments: [
				{
					answer: 'object',
					comment: 'Customers are not partners.',
					author: 'Gina Guest',
					mine: false
				},
				{
					answer: 'concern',
					comment: 'Mention colleagues too.',
					author: 'Alice Andreeva',
					mine: false
				}
			]
		});
		// Nobody can answer the closed round, even from the right stage.
		await goToStage(db, actors.facilitator, sessionId, 'consensus');
		await expect(
			answerConsensus(db, actors.bob, sessionId, { answer: 'accept', comment: '' })
		).rejects.toMatchObject({
			code: 'consensus_not_open'
		});
	});

	it('is answered by a new round on a reworked version, which clears the objections and keeps the history', async () => {
		const world = await consensusWorld();
		const { sessionId, actors } = world;
		await openConsensusRound(db, actors.facilitator, sessionId, world.v1.id);
		await answerConsensus(db, actors.bob, sessionId, { answer: 'object', comment: 'Too vague.' });
		const v2 = await saveVersion(
			sessionId,
			2,
			'We build relations that benefit customers, staff and partners.'
		);
		await goToStage(db, actors.facilitator, sessionId, 'consensus');
		await openConsensusRound(db, actors.facilitator, sessionId, v2.id);

		const ctx = await loadSessionContext(db, actors.alice, sessionId);
		expect(await latestObjections(db, ctx)).toBeNull();
		const view = await consensusView(db, ctx);
		expect(view.round).toMatchObject({ status: 'open', version: { number: 2 } });
		expect(view.history).toEqual([
			{
				versionNumber: 1,
				status: 'objected',
				tally: { accept: 0, concern: 0, object: 1 },
				closedAt: expect.any(String)
			}
		]);
	});

	it('closes the round but leaves the stage alone when the draft stage is skipped', async () => {
		const world = await consensusWorld();
		const { sessionId, actors } = world;
		await arrangeStages(
			db,
			actors.facilitator,
			sessionId,
			defaultStages().map((stage) => ({ ...stage, skipped: stage.key === 'draft' }))
		);
		await openConsensusRound(db, actors.facilitator, sessionId, world.v1.id);
		expect(
			await answerConsensus(db, actors.alice, sessionId, { answer: 'object', comment: 'No.' })
		).toEqual({
			status: 'objected',
			sentBackToDraft: false
		});
		expect((await sessionRow(sessionId)).currentStage).toBe('consensus');
	});
});
