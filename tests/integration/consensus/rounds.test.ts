import { describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { consensusRounds } from '$lib/server/db/schema';
import { loadSessionContext } from '$lib/server/sessions/access';
import { goToStage } from '$lib/server/sessions/controls';
import {
	answerConsensus,
	cancelConsensusRound,
	latestRound,
	openConsensusRound
} from '$lib/server/consensus/rounds';
import { consensusView } from '$lib/server/consensus/views';
import { consensusWorld, saveVersion } from '../../utils/consensus-factories';

describe('consensus rounds', () => {
	it('are opened only by a facilitator, on the consensus stage, on a version of this session', async () => {
		const world = await consensusWorld();
		const other = await consensusWorld();
		const { sessionId, actors } = world;
		for (const actor of [actors.alice, actors.gina])
			await expect(openConsensusRound(db, actor, sessionId, world.v1.id)).rejects.toMatchObject({
				code: 'forbidden'
			});
		await expect(
			openConsensusRound(db, actors.facilitator, sessionId, other.v1.id)
		).rejects.toMatchObject({
			code: 'version_unknown',
			field: 'versionId'
		});
		await goToStage(db, actors.facilitator, sessionId, 'draft');
		await expect(
			openConsensusRound(db, actors.facilitator, sessionId, world.v1.id)
		).rejects.toMatchObject({
			code: 'stage_not_open'
		});
		expect(await latestRound(db, sessionId)).toBeNull();
		// A facilitator of the workspace joins as facilitator and may ask.
		await goToStage(db, actors.facilitator, sessionId, 'consensus');
		const round = await openConsensusRound(db, actors.cora, sessionId, world.v1.id);
		expect(round.status).toBe('open');
	});

	it('are one at a time: asking again cancels the open round, and the facilitator can withdraw it', async () => {
		const world = await consensusWorld();
		const { sessionId, actors } = world;
		const first = await openConsensusRound(db, actors.facilitator, sessionId, world.v1.id);
		await answerConsensus(db, actors.alice, sessionId, { answer: 'accept', comment: '' });
		const v2 = await saveVersion(sessionId, 2, 'Second wording.');
		const second = await openConsensusRound(db, actors.facilitator, sessionId, v2.id);
		const open = await db
			.select()
			.from(consensusRounds)
			.where(and(eq(consensusRounds.sessionId, sessionId), eq(consensusRounds.status, 'open')));
		expect(open.map((r) => r.id)).toEqual([second.id]);
		const [cancelled] = await db
			.select()
			.from(consensusRounds)
			.where(eq(consensusRounds.id, first.id));
		expect(cancelled.status).toBe('cancelled');

		// Answers of the cancelled round do not carry over.
		const view = await consensusView(db, await loadSessionContext(db, actors.alice, sessionId));
		expect(view.round).toMatchObject({ id: second.id, answered: 0, version: { number: 2 } });
		expect(view.mine).toBeNull();
		expect(view.versions.map((v) => v.number)).toEqual([2, 1]);

		await expect(cancelConsensusRound(db, actors.bob, sessionId)).rejects.toMatchObject({
			code: 'forbidden'
		});
		await cancelConsensusRound(db, actors.facilitator, sessionId);
		expect(await latestRound(db, sessionId)).toBeNull();
		await expect(cancelConsensusRound(db, actors.facilitator, sessionId)).rejects.toMatchObject({
			code: 'consensus_not_open'
		});
	});

	it('two facilitators asking at once leave exactly one open round', async () => {
		const world = await consensusWorld();
		const { sessionId, actors } = world;
		const v2 = await saveVersion(sessionId, 2, 'Second wording.');
		await Promise.all([
			openConsensusRound(db, actors.facilitator, sessionId, world.v1.id),
			openConsensusRound(db, actors.cora, sessionId, v2.id)
		]);
		const open = await db
			.select()
			.from(consensusRounds)
			.where(and(eq(consensusRounds.sessionId, sessionId), eq(consensusRounds.status, 'open')));
		expect(open).toHaveLength(1);
		expect((await latestRound(db, sessionId))?.id).toBe(open[0].id);
	});
});
