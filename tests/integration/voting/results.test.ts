// What later stages and the reports read: the winners (stage 4's checklist) and the ranked totals,
// only ever of a revealed vote.
import { describe, expect, it } from 'vitest';
import { db } from '$lib/server/db';
import {
	criteriaTotals,
	openVote,
	revealVote,
	setDots,
	setWinner,
	winningCriteria
} from '$lib/server/voting';
import { itemIds, PROPOSALS, votingSession } from './fixture';

const [SHORT, GETS, INTERNAL] = PROPOSALS;

describe('winning criteria and totals for later stages', () => {
	it('give the marked winners of the latest revealed vote, ranked by total', async () => {
		const { sessionId, actors, criteriaDoc } = await votingSession();
		const ids = itemIds(await openVote(db, actors.facilitator, sessionId, {}, criteriaDoc));
		await setDots(db, actors.alice, sessionId, ids[INTERNAL], 2);
		await setDots(db, actors.bob, sessionId, ids[INTERNAL], 1);
		await setDots(db, actors.bob, sessionId, ids[SHORT], 2);
		await setDots(db, actors.guest, sessionId, ids[GETS], 1);
		await revealVote(db, actors.facilitator, sessionId);
		expect(await winningCriteria(db, sessionId)).toEqual([]);
		await setWinner(db, actors.facilitator, sessionId, ids[SHORT], true);
		await setWinner(db, actors.coFacilitator, sessionId, ids[INTERNAL], true);
		expect(await winningCriteria(db, sessionId)).toEqual([
			{ id: ids[INTERNAL], text: INTERNAL, position: 2, total: 3, rank: 1, isWinner: true },
			{ id: ids[SHORT], text: SHORT, position: 0, total: 2, rank: 2, isWinner: true }
		]);
		expect(
			(await criteriaTotals(db, sessionId)).map((item) => [
				item.text,
				item.total,
				item.rank,
				item.isWinner
			])
		).toEqual([
			[INTERNAL, 3, 1, true],
			[SHORT, 2, 2, true],
			[GETS, 1, 3, false]
		]);
		// A new vote that is still running changes nothing for later stages until it is revealed.
		await openVote(db, actors.facilitator, sessionId, {}, criteriaDoc);
		expect((await winningCriteria(db, sessionId)).map((item) => item.text)).toEqual([
			INTERNAL,
			SHORT
		]);
	});

	it('are empty for a session without a revealed vote', async () => {
		const { sessionId } = await votingSession();
		expect(await winningCriteria(db, sessionId)).toEqual([]);
		expect(await criteriaTotals(db, sessionId)).toEqual([]);
	});
});
