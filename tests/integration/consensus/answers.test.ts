import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { consensusAnswers, consensusRounds } from '$lib/server/db/schema';
import { loadSessionContext } from '$lib/server/sessions/access';
import { goToStage, setLocked } from '$lib/server/sessions/controls';
import { answerConsensus, openConsensusRound } from '$lib/server/consensus/rounds';
import { consensusView } from '$lib/server/consensus/views';
import { consensusWorld } from '../../utils/consensus-factories';

describe('consensus answers and tally', () => {
	it('counts every answer live and shows every comment to every participant', async () => {
		const world = await consensusWorld();
		const { sessionId, actors } = world;
		await openConsensusRound(db, actors.facilitator, sessionId, world.v1.id);
		expect(
			await answerConsensus(db, actors.alice, sessionId, { answer: 'accept', comment: '  ' })
		).toEqual({
			status: 'open',
			sentBackToDraft: false
		});
		await answerConsensus(db, actors.gina, sessionId, {
			answer: 'concern',
			comment: 'Add internal customers.'
		});

		const asBob = await consensusView(db, await loadSessionContext(db, actors.bob, sessionId));
		expect(asBob.round).toMatchObject({
			status: 'open',
			tally: { accept: 1, concern: 1, object: 0 },
			answered: 2,
			expected: 3,
			version: { number: 1, html: '<p>We treat every customer as a partner.</p>' },
			waitingFor: null
		});
		expect(asBob.round?.comments).toEqual([
			{ answer: 'concern', comment: 'Add internal customers.', author: 'Gina Guest', mine: false }
		]);
		expect(asBob.canAnswer).toBe(true);
		expect(asBob.mine).toBeNull();

		const asFacilitator = await consensusView(
			db,
			await loadSessionContext(db, actors.facilitator, sessionId)
		);
		expect(asFacilitator.round?.waitingFor).toEqual(['Bob Borisov']);
		const asGina = await consensusView(db, await loadSessionContext(db, actors.gina, sessionId));
		expect(asGina.mine).toEqual({ answer: 'concern', comment: 'Add internal customers.' });
		expect(asGina.round?.comments[0].mine).toBe(true);
	});

	it('requires a comment for a concern and for an objection, and changes nothing without one', async () => {
		const world = await consensusWorld();
		const { sessionId, actors } = world;
		const round = await openConsensusRound(db, actors.facilitator, sessionId, world.v1.id);
		for (const answer of ['concern', 'object'] as const)
			await expect(
				answerConsensus(db, actors.alice, sessionId, { answer, comment: '   ' })
			).rejects.toMatchObject({
				code: 'comment_required',
				field: 'comment',
				status: 400
			});
		await expect(
			answerConsensus(db, actors.alice, sessionId, { answer: 'concern', comment: 'x'.repeat(1001) })
		).rejects.toMatchObject({ code: 'text_too_long' });
		expect(
			await db.select().from(consensusAnswers).where(eq(consensusAnswers.roundId, round.id))
		).toEqual([]);
		const [row] = await db.select().from(consensusRounds).where(eq(consensusRounds.id, round.id));
		expect(row.status).toBe('open');
	});

	it('lets a participant change their answer while the round is open', async () => {
		const world = await consensusWorld();
		const { sessionId, actors } = world;
		await openConsensusRound(db, actors.facilitator, sessionId, world.v1.id);
		await answerConsensus(db, actors.alice, sessionId, { answer: 'concern', comment: 'Too long.' });
		await answerConsensus(db, actors.alice, sessionId, { answer: 'accept', comment: '' });
		const view = await consensusView(db, await loadSessionContext(db, actors.alice, sessionId));
		expect(view.round?.tally).toEqual({ accept: 1, concern: 0, object: 0 });
		expect(view.mine).toEqual({ answer: 'accept', comment: '' });
	});

	it('agrees as soon as every participant but the facilitators answered without objection, then takes no more answers', async () => {
		const world = await consensusWorld();
		const { sessionId, actors } = world;
		const round = await openConsensusRound(db, actors.facilitator, sessionId, world.v1.id);
		// A facilitator's answer counts in the tally but is not waited for.
		await answerConsensus(db, actors.facilitator, sessionId, { answer: 'accept', comment: '' });
		await answerConsensus(db, actors.alice, sessionId, { answer: 'accept', comment: '' });
		await answerConsensus(db, actors.gina, sessionId, {
			answer: 'concern',
			comment: 'Name the customers.'
		});
		expect(
			await answerConsensus(db, actors.bob, sessionId, { answer: 'accept', comment: '' })
		).toEqual({
			status: 'agreed',
			sentBackToDraft: false
		});
		const [row] = await db.select().from(consensusRounds).where(eq(consensusRounds.id, round.id));
		expect(row.status).toBe('agreed');
		expect(row.closedAt).not.toBeNull();
		await expect(
			answerConsensus(db, actors.bob, sessionId, { answer: 'object', comment: 'Changed my mind' })
		).rejects.toMatchObject({
			code: 'consensus_not_open',
			status: 409
		});
		const view = await consensusView(db, await loadSessionContext(db, actors.bob, sessionId));
		expect(view.round).toMatchObject({
			status: 'agreed',
			tally: { accept: 3, concern: 1, object: 0 },
			// The facilitator's answer is in the tally, not in "3 of 3 answered".
			answered: 3,
			expected: 3
		});
		expect(view.canAnswer).toBe(false);
	});

	it('refuses answers without an open round, outside the consensus stage, while locked, and from outsiders', async () => {
		const world = await consensusWorld();
		const { sessionId, actors } = world;
		await expect(
			answerConsensus(db, actors.alice, sessionId, { answer: 'accept', comment: '' })
		).rejects.toMatchObject({
			code: 'consensus_not_open'
		});
		const round = await openConsensusRound(db, actors.facilitator, sessionId, world.v1.id);
		await expect(
			answerConsensus(db, actors.olga, sessionId, { answer: 'accept', comment: '' })
		).rejects.toMatchObject({
			code: 'session_not_participant',
			status: 403
		});
		await setLocked(db, actors.facilitator, sessionId, true);
		await expect(
			answerConsensus(db, actors.alice, sessionId, { answer: 'accept', comment: '' })
		).rejects.toMatchObject({
			code: 'session_locked'
		});
		const locked = await consensusView(db, await loadSessionContext(db, actors.alice, sessionId));
		expect(locked.canAnswer).toBe(false);
		await setLocked(db, actors.facilitator, sessionId, false);
		await goToStage(db, actors.facilitator, sessionId, 'draft');
		await expect(
			answerConsensus(db, actors.alice, sessionId, { answer: 'accept', comment: '' })
		).rejects.toMatchObject({
			code: 'stage_not_open'
		});
		expect(
			await db.select().from(consensusAnswers).where(eq(consensusAnswers.roundId, round.id))
		).toEqual([]);
	});

	it('shows who commented as the session anonymity allows', async () => {
		const partial = await consensusWorld({ anonymity: 'partial' });
		await openConsensusRound(db, partial.actors.facilitator, partial.sessionId, partial.v1.id);
		await answerConsensus(db, partial.actors.alice, partial.sessionId, {
			answer: 'concern',
			comment: 'Too vague.'
		});
		const asBob = await consensusView(
			db,
			await loadSessionContext(db, partial.actors.bob, partial.sessionId)
		);
		const asFacilitator = await consensusView(
			db,
			await loadSessionContext(db, partial.actors.facilitator, partial.sessionId)
		);
		expect(asBob.round?.comments[0].author).toBeNull();
		expect(asFacilitator.round?.comments[0].author).toBe('Alice Andreeva');

		const full = await consensusWorld({ anonymity: 'full' });
		await openConsensusRound(db, full.actors.facilitator, full.sessionId, full.v1.id);
		await answerConsensus(db, full.actors.alice, full.sessionId, {
			answer: 'concern',
			comment: 'Too vague.'
		});
		const hidden = await consensusView(
			db,
			await loadSessionContext(db, full.actors.facilitator, full.sessionId)
		);
		expect(hidden.round?.comments[0]).toMatchObject({ author: null, comment: 'Too vague.' });
	});

	it('serializes answers sent at once: the round closes once, with every answer counted', async () => {
		const world = await consensusWorld();
		const { sessionId, actors } = world;
		const round = await openConsensusRound(db, actors.facilitator, sessionId, world.v1.id);
		const results = await Promise.all([
			answerConsensus(db, actors.alice, sessionId, { answer: 'accept', comment: '' }),
			answerConsensus(db, actors.bob, sessionId, { answer: 'accept', comment: '' }),
			answerConsensus(db, actors.gina, sessionId, { answer: 'accept', comment: '' })
		]);
		expect(results.filter((r) => r.status === 'agreed')).toHaveLength(1);
		const [row] = await db.select().from(consensusRounds).where(eq(consensusRounds.id, round.id));
		expect(row.status).toBe('agreed');
		expect(
			await db.select().from(consensusAnswers).where(eq(consensusAnswers.roundId, round.id))
		).toHaveLength(3);
	});
});
