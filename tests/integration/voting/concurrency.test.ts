// Two facilitators acting at once, one person voting from several tabs at once, and votes racing
// the close: the round row lock orders them, so the rules hold whatever the interleaving.
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db } from '$lib/server/db';
import { voteRounds, votes } from '$lib/server/db/schema';
import { loadSessionContext } from '$lib/server/sessions/access';
import { closeVote, openVote, revealVote, setDots } from '$lib/server/voting';
import { itemIds, PROPOSALS, votingSession } from './fixture';

async function roundsOf(sessionId: string) {
	return db.select().from(voteRounds).where(eq(voteRounds.sessionId, sessionId));
}

describe('two facilitators at once', () => {
	it('opening at the same moment gives one vote', async () => {
		const { sessionId, actors, criteriaDoc } = await votingSession();
		const [first, second] = await Promise.all([
			openVote(db, actors.facilitator, sessionId, {}, criteriaDoc),
			openVote(db, actors.coFacilitator, sessionId, { budget: 5 }, criteriaDoc)
		]);
		expect(first.round?.id).toBe(second.round?.id);
		const rounds = await roundsOf(sessionId);
		expect(rounds).toHaveLength(1);
		expect(rounds[0].status).toBe('open');
	});

	it('closing and revealing at the same moment ends revealed, closed once', async () => {
		for (const pair of [
			['close', 'close'],
			['close', 'reveal'],
			['reveal', 'close'],
			['reveal', 'reveal']
		] as const) {
			const { sessionId, actors, criteriaDoc } = await votingSession();
			await openVote(db, actors.facilitator, sessionId, {}, criteriaDoc);
			const act = (action: 'close' | 'reveal', actor: typeof actors.facilitator) =>
				action === 'close' ? closeVote(db, actor, sessionId) : revealVote(db, actor, sessionId);
			const results = await Promise.allSettled([
				act(pair[0], actors.facilitator),
				act(pair[1], actors.coFacilitator)
			]);
			expect(results.map((result) => result.status)).toEqual(['fulfilled', 'fulfilled']);
			const [round] = await roundsOf(sessionId);
			expect(round.closedAt).toBeInstanceOf(Date);
			// A close that lands after the reveal leaves it revealed.
			expect(round.status).toBe(pair.some((action) => action === 'reveal') ? 'revealed' : 'closed');
		}
	});
});

describe('one participant voting from many tabs at once', () => {
	it('never spends more than the budget nor more than the limit on one item', async () => {
		const { sessionId, actors, criteriaDoc } = await votingSession();
		const ids = Object.values(
			itemIds(await openVote(db, actors.facilitator, sessionId, {}, criteriaDoc))
		);
		const { participant } = await loadSessionContext(db, actors.alice, sessionId);
		for (let attempt = 0; attempt < 3; attempt++) {
			// Every item asked for 2 dots, three times over, all at once: 18 dots wanted, 3 allowed.
			const requests = ids.flatMap((itemId) =>
				[1, 2, 3].map(() => setDots(db, actors.alice, sessionId, itemId, 2))
			);
			const results = await Promise.allSettled(requests);
			for (const result of results)
				if (result.status === 'rejected')
					expect(result.reason).toMatchObject({ code: 'over_budget' });
			expect(results.some((result) => result.status === 'fulfilled')).toBe(true);
			const rows = await db.select().from(votes).where(eq(votes.participantId, participant.id));
			expect(rows.reduce((spent, row) => spent + row.dots, 0)).toBeLessThanOrEqual(3);
			expect(rows.every((row) => row.dots <= 2)).toBe(true);
			await Promise.all(ids.map((itemId) => setDots(db, actors.alice, sessionId, itemId, 0)));
		}
	});
});

describe('votes racing the close', () => {
	it('counts a vote only if it landed before the close; every later one is refused', async () => {
		const { sessionId, actors, criteriaDoc } = await votingSession();
		const ids = itemIds(await openVote(db, actors.facilitator, sessionId, {}, criteriaDoc));
		const voters = [actors.alice, actors.bob, actors.guest, actors.facilitator];
		const attempts = voters.flatMap((actor) =>
			PROPOSALS.map((text) => ({ actor, run: () => setDots(db, actor, sessionId, ids[text], 1) }))
		);
		const pending = attempts.map((attempt, index) =>
			index === 5
				? Promise.all([closeVote(db, actors.coFacilitator, sessionId), attempt.run()])
				: attempt.run()
		);
		const results = await Promise.allSettled(pending);
		let fulfilled = 0;
		for (const result of results) {
			if (result.status === 'fulfilled') fulfilled++;
			else expect(result.reason).toMatchObject({ code: 'vote_closed' });
		}
		const [round] = await roundsOf(sessionId);
		expect(round.status).toBe('closed');
		const rows = await db.select().from(votes).where(eq(votes.roundId, round.id));
		expect(rows).toHaveLength(fulfilled);
		for (const row of rows)
			expect(row.updatedAt.getTime()).toBeLessThanOrEqual(round.closedAt?.getTime() ?? 0);
		// Whatever landed, nothing more gets in now.
		await expect(setDots(db, actors.bob, sessionId, ids[PROPOSALS[0]], 0)).rejects.toMatchObject({
			code: 'vote_closed'
		});
	});
});
