import { and, eq, inArray } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { addCriterion, editCriterion } from '$lib/criteria/doc';
import { db } from '$lib/server/db';
import { voteItems, voteRounds, votes } from '$lib/server/db/schema';
import { goToStage, setLocked } from '$lib/server/sessions/controls';
import {
	closeVote,
	openVote,
	reopenVote,
	revealVote,
	setDots,
	setWinner,
	votingView
} from '$lib/server/voting';
import { loadSessionContext } from '$lib/server/sessions/access';
import { itemIds, PROPOSALS, votingSession } from './fixture';

const [SHORT, GETS, INTERNAL] = PROPOSALS;

async function allVotes(sessionId: string) {
	return db
		.select({ participantId: votes.participantId, itemId: votes.itemId, dots: votes.dots })
		.from(votes)
		.innerJoin(voteRounds, eq(voteRounds.id, votes.roundId))
		.where(eq(voteRounds.sessionId, sessionId));
}

describe('opening a vote', () => {
	it('freezes the proposals as they stand, with the default budget of 3 and 2 per item', async () => {
		const { sessionId, actors, doc, criteriaDoc } = await votingSession();
		const view = await openVote(db, actors.facilitator, sessionId, {}, criteriaDoc);
		expect(view.round).toMatchObject({
			status: 'open',
			budget: 3,
			maxPerItem: 2,
			myDotsUsed: 0,
			voterCount: 0
		});
		expect(view.round?.items.map((item) => item.text)).toEqual(PROPOSALS);
		addCriterion(doc, 'Added after the vote opened');
		editCriterion(doc, [...doc.getMap('criteria').keys()][0], 'Rewritten later');
		const later = await votingView(db, await loadSessionContext(db, actors.alice, sessionId));
		expect(later.round?.items.map((item) => item.text)).toEqual(PROPOSALS);
	});

	it('takes a budget and per-item limit chosen by the facilitator; the limit never exceeds the budget', async () => {
		const { sessionId, actors, criteriaDoc } = await votingSession();
		const view = await openVote(
			db,
			actors.facilitator,
			sessionId,
			{ budget: 2, maxPerItem: 5 },
			criteriaDoc
		);
		expect(view.round).toMatchObject({ budget: 2, maxPerItem: 2 });
	});

	it('refuses a vote without proposals, and bad settings', async () => {
		const empty = await votingSession({ proposals: [] });
		await expect(
			openVote(db, empty.actors.facilitator, empty.sessionId, {}, empty.criteriaDoc)
		).rejects.toMatchObject({
			code: 'no_criteria'
		});
		const { sessionId, actors, criteriaDoc } = await votingSession();
		await expect(
			openVote(db, actors.facilitator, sessionId, { budget: 0 }, criteriaDoc)
		).rejects.toMatchObject({
			code: 'invalid_input'
		});
		await expect(
			openVote(db, actors.facilitator, sessionId, { budget: 2.5 }, criteriaDoc)
		).rejects.toMatchObject({
			code: 'invalid_input'
		});
		expect(await db.select().from(voteRounds).where(eq(voteRounds.sessionId, sessionId))).toEqual(
			[]
		);
	});

	it('returns the open vote when opened again, and starts a new one after a reveal', async () => {
		const { sessionId, actors, doc, criteriaDoc } = await votingSession();
		const first = await openVote(db, actors.facilitator, sessionId, {}, criteriaDoc);
		const again = await openVote(db, actors.facilitator, sessionId, { budget: 9 }, criteriaDoc);
		expect(again.round).toMatchObject({ id: first.round?.id, budget: 3 });
		await revealVote(db, actors.facilitator, sessionId);
		addCriterion(doc, 'Honest');
		const second = await openVote(
			db,
			actors.facilitator,
			sessionId,
			{ budget: 1, maxPerItem: 1 },
			criteriaDoc
		);
		expect(second.round?.id).not.toBe(first.round?.id);
		expect(second.round).toMatchObject({ status: 'open', budget: 1, maxPerItem: 1 });
		expect(second.round?.items.map((item) => item.text)).toEqual([...PROPOSALS, 'Honest']);
	});
});

describe('spending dots', () => {
	it('enforces the budget and the per-item limit, and changes nothing when refused', async () => {
		const { sessionId, actors, criteriaDoc } = await votingSession();
		const ids = itemIds(await openVote(db, actors.facilitator, sessionId, {}, criteriaDoc));
		await setDots(db, actors.alice, sessionId, ids[SHORT], 2);
		await expect(setDots(db, actors.alice, sessionId, ids[GETS], 3)).rejects.toMatchObject({
			code: 'over_item_limit',
			status: 409
		});
		await expect(setDots(db, actors.alice, sessionId, ids[GETS], 2)).rejects.toMatchObject({
			code: 'over_budget',
			status: 409
		});
		const view = await setDots(db, actors.alice, sessionId, ids[GETS], 1);
		expect(view.round?.myDotsUsed).toBe(3);
		await expect(setDots(db, actors.alice, sessionId, ids[INTERNAL], 1)).rejects.toMatchObject({
			code: 'over_budget'
		});
		await expect(setDots(db, actors.alice, sessionId, ids[SHORT], -1)).rejects.toMatchObject({
			code: 'invalid_input'
		});
		expect((await allVotes(sessionId)).map((row) => row.dots).sort()).toEqual([1, 2]);
	});

	it('lets a participant take dots back and spend them elsewhere while the vote is open', async () => {
		const { sessionId, actors, criteriaDoc } = await votingSession();
		const ids = itemIds(await openVote(db, actors.facilitator, sessionId, {}, criteriaDoc));
		await setDots(db, actors.bob, sessionId, ids[SHORT], 2);
		await setDots(db, actors.bob, sessionId, ids[GETS], 1);
		let view = await setDots(db, actors.bob, sessionId, ids[SHORT], 0);
		expect(view.round?.myDotsUsed).toBe(1);
		view = await setDots(db, actors.bob, sessionId, ids[INTERNAL], 2);
		expect(view.round?.items.map((item) => [item.text, item.myDots])).toEqual([
			[SHORT, 0],
			[GETS, 1],
			[INTERNAL, 2]
		]);
		// Taking back all dots leaves no row behind, so the voter no longer counts.
		await setDots(db, actors.bob, sessionId, ids[GETS], 0);
		await setDots(db, actors.bob, sessionId, ids[INTERNAL], 0);
		expect(await allVotes(sessionId)).toEqual([]);
		view = await votingView(db, await loadSessionContext(db, actors.bob, sessionId));
		expect(view.round?.voterCount).toBe(0);
	});

	it('counts progress over the participants: the facilitator is not waited for, though their dots count', async () => {
		const { sessionId, actors, criteriaDoc } = await votingSession();
		const ids = itemIds(await openVote(db, actors.facilitator, sessionId, {}, criteriaDoc));
		const before = await votingView(db, await loadSessionContext(db, actors.alice, sessionId));
		const participants = before.round?.participantCount ?? 0;
		await setDots(db, actors.facilitator, sessionId, ids[GETS], 1);
		let view = await votingView(db, await loadSessionContext(db, actors.alice, sessionId));
		expect(view.round).toMatchObject({ voterCount: 0, participantCount: participants });
		await setDots(db, actors.alice, sessionId, ids[GETS], 1);
		view = await votingView(db, await loadSessionContext(db, actors.alice, sessionId));
		expect(view.round).toMatchObject({ voterCount: 1, participantCount: participants });
		await revealVote(db, actors.facilitator, sessionId);
		view = await votingView(db, await loadSessionContext(db, actors.alice, sessionId));
		expect(view.round?.items.find((item) => item.id === ids[GETS])?.total).toBe(2);
	});

	it('lets guests vote like everyone else', async () => {
		const { sessionId, actors, criteriaDoc } = await votingSession();
		const ids = itemIds(await openVote(db, actors.facilitator, sessionId, {}, criteriaDoc));
		const view = await setDots(db, actors.guest, sessionId, ids[GETS], 2);
		expect(view.round).toMatchObject({ myDotsUsed: 2, voterCount: 1 });
		await expect(setDots(db, actors.guest, sessionId, ids[SHORT], 2)).rejects.toMatchObject({
			code: 'over_budget'
		});
	});

	it('refuses votes after the close, keeps the dots cast, and takes votes again when reopened', async () => {
		const { sessionId, actors, criteriaDoc } = await votingSession();
		const ids = itemIds(await openVote(db, actors.facilitator, sessionId, {}, criteriaDoc));
		await setDots(db, actors.alice, sessionId, ids[SHORT], 1);
		await closeVote(db, actors.facilitator, sessionId);
		await expect(setDots(db, actors.alice, sessionId, ids[GETS], 1)).rejects.toMatchObject({
			code: 'vote_closed',
			status: 409
		});
		await expect(setDots(db, actors.alice, sessionId, ids[SHORT], 0)).rejects.toMatchObject({
			code: 'vote_closed'
		});
		expect(await allVotes(sessionId)).toHaveLength(1);
		await reopenVote(db, actors.facilitator, sessionId);
		await setDots(db, actors.alice, sessionId, ids[GETS], 1);
		await revealVote(db, actors.facilitator, sessionId);
		await expect(setDots(db, actors.alice, sessionId, ids[INTERNAL], 1)).rejects.toMatchObject({
			code: 'vote_closed'
		});
		await expect(reopenVote(db, actors.facilitator, sessionId)).rejects.toMatchObject({
			code: 'vote_closed'
		});
		expect(await allVotes(sessionId)).toHaveLength(2);
	});

	it('refuses dots on an item that is not in this session, or of an earlier vote', async () => {
		const first = await votingSession();
		const other = await votingSession();
		const ids = itemIds(
			await openVote(db, first.actors.facilitator, first.sessionId, {}, first.criteriaDoc)
		);
		const foreign = itemIds(
			await openVote(db, other.actors.facilitator, other.sessionId, {}, other.criteriaDoc)
		);
		await expect(
			setDots(db, first.actors.alice, first.sessionId, foreign[SHORT], 1)
		).rejects.toMatchObject({
			code: 'not_found'
		});
		await revealVote(db, first.actors.facilitator, first.sessionId);
		await openVote(db, first.actors.facilitator, first.sessionId, {}, first.criteriaDoc);
		await expect(
			setDots(db, first.actors.alice, first.sessionId, ids[SHORT], 1)
		).rejects.toMatchObject({
			code: 'vote_closed'
		});
		expect(await allVotes(first.sessionId)).toEqual([]);
	});
});

describe('who may act, and when', () => {
	it('refuses every vote action in a stage that is not open', async () => {
		const { sessionId, actors, criteriaDoc } = await votingSession();
		const ids = itemIds(await openVote(db, actors.facilitator, sessionId, {}, criteriaDoc));
		await goToStage(db, actors.facilitator, sessionId, 'themes');
		const refused = { code: 'stage_not_open', status: 409 };
		await expect(setDots(db, actors.alice, sessionId, ids[SHORT], 1)).rejects.toMatchObject(
			refused
		);
		await expect(closeVote(db, actors.facilitator, sessionId)).rejects.toMatchObject(refused);
		await expect(revealVote(db, actors.facilitator, sessionId)).rejects.toMatchObject(refused);
		await expect(
			openVote(db, actors.facilitator, sessionId, {}, criteriaDoc)
		).rejects.toMatchObject(refused);
		expect(await allVotes(sessionId)).toEqual([]);
		const [round] = await db.select().from(voteRounds).where(eq(voteRounds.sessionId, sessionId));
		expect(round.status).toBe('open');
		// The results stay readable in any stage.
		const view = await votingView(db, await loadSessionContext(db, actors.alice, sessionId));
		expect(view.round?.status).toBe('open');
	});

	it('refuses votes while editing is locked; the facilitator still runs the vote', async () => {
		const { sessionId, actors, criteriaDoc } = await votingSession();
		const ids = itemIds(await openVote(db, actors.facilitator, sessionId, {}, criteriaDoc));
		await setLocked(db, actors.facilitator, sessionId, true);
		await expect(setDots(db, actors.bob, sessionId, ids[SHORT], 1)).rejects.toMatchObject({
			code: 'session_locked',
			status: 423
		});
		const view = await closeVote(db, actors.facilitator, sessionId);
		expect(view.round?.status).toBe('closed');
	});

	it('refuses facilitator actions from participants and guests, changing nothing', async () => {
		const { sessionId, actors, criteriaDoc } = await votingSession();
		for (const actor of [actors.alice, actors.guest])
			await expect(openVote(db, actor, sessionId, {}, criteriaDoc)).rejects.toMatchObject({
				code: 'forbidden',
				status: 403
			});
		const ids = itemIds(await openVote(db, actors.facilitator, sessionId, {}, criteriaDoc));
		for (const actor of [actors.alice, actors.guest]) {
			await expect(closeVote(db, actor, sessionId)).rejects.toMatchObject({ code: 'forbidden' });
			await expect(revealVote(db, actor, sessionId)).rejects.toMatchObject({ code: 'forbidden' });
			await expect(reopenVote(db, actor, sessionId)).rejects.toMatchObject({ code: 'forbidden' });
			await expect(setWinner(db, actor, sessionId, ids[SHORT], true)).rejects.toMatchObject({
				code: 'forbidden'
			});
		}
		const rounds = await db.select().from(voteRounds).where(eq(voteRounds.sessionId, sessionId));
		expect(rounds.map((round) => round.status)).toEqual(['open']);
	});

	it('refuses members who do not take part, and guests of another session', async () => {
		const { sessionId, actors, criteriaDoc } = await votingSession();
		const other = await votingSession();
		const ids = itemIds(await openVote(db, actors.facilitator, sessionId, {}, criteriaDoc));
		await expect(setDots(db, actors.outsider, sessionId, ids[SHORT], 1)).rejects.toMatchObject({
			code: 'session_not_participant',
			status: 403
		});
		await expect(setDots(db, other.actors.guest, sessionId, ids[SHORT], 1)).rejects.toMatchObject({
			code: 'guest_only_session'
		});
		await expect(loadSessionContext(db, actors.outsider, sessionId)).rejects.toMatchObject({
			status: 403
		});
		await expect(
			setDots(db, other.actors.facilitator, sessionId, ids[SHORT], 1)
		).rejects.toMatchObject({ status: 403 });
		expect(await allVotes(sessionId)).toEqual([]);
	});

	it('refuses closing or revealing before any vote was opened', async () => {
		const { sessionId, actors } = await votingSession();
		await expect(closeVote(db, actors.facilitator, sessionId)).rejects.toMatchObject({
			code: 'vote_not_open'
		});
		await expect(revealVote(db, actors.facilitator, sessionId)).rejects.toMatchObject({
			code: 'vote_not_open'
		});
	});
});

describe('winning criteria', () => {
	it('are marked by the facilitator only once the results are revealed', async () => {
		const { sessionId, actors, criteriaDoc } = await votingSession();
		const ids = itemIds(await openVote(db, actors.facilitator, sessionId, {}, criteriaDoc));
		await expect(
			setWinner(db, actors.facilitator, sessionId, ids[SHORT], true)
		).rejects.toMatchObject({
			code: 'vote_not_revealed'
		});
		await closeVote(db, actors.facilitator, sessionId);
		await expect(
			setWinner(db, actors.facilitator, sessionId, ids[SHORT], true)
		).rejects.toMatchObject({
			code: 'vote_not_revealed'
		});
		await revealVote(db, actors.facilitator, sessionId);
		await setWinner(db, actors.facilitator, sessionId, ids[SHORT], true);
		await setWinner(db, actors.facilitator, sessionId, ids[GETS], true);
		const view = await setWinner(db, actors.facilitator, sessionId, ids[GETS], false);
		expect(view.round?.items.filter((item) => item.isWinner).map((item) => item.text)).toEqual([
			SHORT
		]);
		await expect(
			setWinner(db, actors.facilitator, sessionId, crypto.randomUUID(), true)
		).rejects.toMatchObject({
			code: 'not_found'
		});
		const winners = await db
			.select()
			.from(voteItems)
			.where(and(eq(voteItems.isWinner, true), inArray(voteItems.id, Object.values(ids))));
		expect(winners.map((item) => item.id)).toEqual([ids[SHORT]]);
	});
});
