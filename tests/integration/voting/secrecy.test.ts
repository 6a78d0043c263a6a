// Individual votes never leave the server: during the vote every viewer, the facilitator included,
// gets their own dots and how many people have voted; after the reveal, totals. Checked on what the
// endpoint actually sends.
import { describe, expect, it } from 'vitest';
import type { VotingView } from '$lib/criteria/voting';
import { db } from '$lib/server/db';
import { loadSessionContext, type SessionActor } from '$lib/server/sessions/access';
import {
	closeVote,
	criteriaTotals,
	openVote,
	revealVote,
	winningCriteria
} from '$lib/server/voting';
import { getVoting, putVoting } from './endpoint';
import { itemIds, PROPOSALS, votingSession } from './fixture';

const [SHORT, GETS, INTERNAL] = PROPOSALS;
const ROUND_KEYS = [
	'budget',
	'id',
	'items',
	'maxPerItem',
	'myDotsUsed',
	'participantCount',
	'status',
	'voterCount'
];
const ITEM_KEYS = ['id', 'isWinner', 'myDots', 'position', 'rank', 'text', 'total'];

async function viewOf(actor: SessionActor, sessionId: string) {
	const response = await getVoting(actor, sessionId);
	expect(response.status).toBe(200);
	// The endpoint answers with exactly the shape of a VotingView.
	return { view: response.body as VotingView, text: response.text };
}

function expectOnlyViewFields(view: VotingView) {
	expect(Object.keys(view).sort()).toEqual(['canFacilitate', 'round']);
	expect(Object.keys(view.round ?? {}).sort()).toEqual(ROUND_KEYS);
	for (const item of view.round?.items ?? []) expect(Object.keys(item).sort()).toEqual(ITEM_KEYS);
}

/** A vote where Alice put 2 on SHORT and 1 on GETS, Bob 1 on GETS, the guest 2 on SHORT. */
async function castVotes() {
	const fixture = await votingSession();
	const { sessionId, actors, criteriaDoc } = fixture;
	const ids = itemIds(await openVote(db, actors.facilitator, sessionId, {}, criteriaDoc));
	const cast = async (actor: SessionActor, text: string, dots: number) =>
		expect((await putVoting(actor, sessionId, { itemId: ids[text], dots })).status).toBe(200);
	await cast(actors.alice, SHORT, 2);
	await cast(actors.alice, GETS, 1);
	await cast(actors.bob, GETS, 1);
	await cast(actors.guest, SHORT, 2);
	const participantIds = await Promise.all(
		[actors.alice, actors.bob, actors.guest].map(
			async (actor) => (await loadSessionContext(db, actor, sessionId)).participant.id
		)
	);
	return { ...fixture, ids, participantIds };
}

describe('secrecy of votes', () => {
	it('during the vote, each viewer gets only their own dots and the number of voters', async () => {
		const { sessionId, actors, participantIds } = await castVotes();
		const expected: [SessionActor, number[], number][] = [
			[actors.alice, [2, 1, 0], 3],
			[actors.bob, [0, 1, 0], 1],
			[actors.guest, [2, 0, 0], 2],
			[actors.facilitator, [0, 0, 0], 0],
			[actors.coFacilitator, [0, 0, 0], 0]
		];
		for (const [actor, myDots, used] of expected) {
			const { view, text } = await viewOf(actor, sessionId);
			expectOnlyViewFields(view);
			expect(view.round).toMatchObject({ status: 'open', voterCount: 3, myDotsUsed: used });
			expect(
				view.round?.items.map((item) => [item.text, item.myDots, item.total, item.rank])
			).toEqual([
				[SHORT, myDots[0], null, null],
				[GETS, myDots[1], null, null],
				[INTERNAL, myDots[2], null, null]
			]);
			// No participant id, and no name, is anywhere in what is sent.
			for (const id of participantIds) expect(text).not.toContain(id);
			for (const name of ['Alice', 'Bob', 'Gina']) expect(text).not.toContain(name);
		}
		expect(await criteriaTotals(db, sessionId)).toEqual([]);
		expect(await winningCriteria(db, sessionId)).toEqual([]);
	});

	it('after the close, still nothing but own dots and the voter count, until the reveal', async () => {
		const { sessionId, actors } = await castVotes();
		await closeVote(db, actors.facilitator, sessionId);
		for (const actor of [actors.facilitator, actors.bob]) {
			const { view } = await viewOf(actor, sessionId);
			expect(view.round?.status).toBe('closed');
			expect(view.round?.items.every((item) => item.total === null && item.rank === null)).toBe(
				true
			);
		}
		expect(await criteriaTotals(db, sessionId)).toEqual([]);
	});

	it('after the reveal, everyone gets the same ranked totals and never who voted for what', async () => {
		const { sessionId, actors, participantIds } = await castVotes();
		await revealVote(db, actors.facilitator, sessionId);
		const seen: unknown[] = [];
		for (const actor of [actors.alice, actors.bob, actors.guest, actors.facilitator]) {
			const { view, text } = await viewOf(actor, sessionId);
			expectOnlyViewFields(view);
			expect(view.round?.status).toBe('revealed');
			expect(view.round?.items.map((item) => [item.text, item.total, item.rank])).toEqual([
				[SHORT, 4, 1],
				[GETS, 2, 2],
				[INTERNAL, 0, 3]
			]);
			for (const id of participantIds) expect(text).not.toContain(id);
			seen.push(view.round?.items.map(({ myDots: _own, ...shared }) => shared));
		}
		expect(new Set(seen.map((items) => JSON.stringify(items))).size).toBe(1);
		// The viewer's own dots stay theirs to see.
		const { view } = await viewOf(actors.alice, sessionId);
		expect(view.round?.items.map((item) => item.myDots)).toEqual([2, 1, 0]);
		expect((await criteriaTotals(db, sessionId)).map((item) => [item.text, item.total])).toEqual([
			[SHORT, 4],
			[GETS, 2],
			[INTERNAL, 0]
		]);
	});

	it('refuses the view to members who do not take part', async () => {
		const { sessionId, actors } = await castVotes();
		const response = await getVoting(actors.outsider, sessionId);
		expect(response.status).toBe(403);
		expect(response.body).toEqual({ error: 'session_not_participant', field: 'form', params: {} });
	});
});
