// The dot vote of stage 3. The facilitator opens a vote over the proposals as they stand (frozen
// into vote items), closes it, reveals the totals and marks the winners; each participant spends
// their budget of dots and can take them back while the vote is open. Every change runs in a
// transaction that locks the round row, so two facilitators acting at once, or one person voting
// from two tabs, are applied one after the other and a dot never slips in after the close.
import { and, eq, ne, sql } from 'drizzle-orm';
import { criteriaForVote } from '$lib/criteria/doc';
import { DEFAULT_BUDGET, DEFAULT_MAX_PER_ITEM, type VotingView } from '$lib/criteria/voting';
import type { Db, Tx } from '../db';
import { sessionParticipants, voteItems, voteRounds, votes } from '../db/schema';
import { conflict, DomainError, invalid, notFound } from '../errors';
import {
	loadSessionContext,
	requireFacilitator,
	requireOpenStage,
	type SessionActor,
	type SessionContext
} from '../sessions/access';
import { events } from '../ports';
import type { CriteriaDocAccess } from './proposals';
import { latestRound, votingView, type VoteRoundRow } from './results';
import { lockSession } from '../sessions/lock';

/** How many dots each participant gets and how many may go on one item. */
export type VoteSettings = { budget: number; maxPerItem: number };

/** Runs a facilitator's change of the current round under a lock on its row, then tells every screen. */
async function changeRound(
	db: Db,
	actor: SessionActor,
	sessionId: string,
	change: (round: VoteRoundRow, tx: Tx, ctx: SessionContext) => Promise<void>
): Promise<VotingView> {
	const view = await db.transaction(async (tx) => {
		const ctx = await loadSessionContext(tx, actor, sessionId);
		requireFacilitator(ctx);
		requireOpenStage(ctx, 'criteria', { allowLocked: true });
		const current = await latestRound(tx, sessionId);
		if (!current) throw conflict('vote_not_open');
		const [round] = await tx
			.select()
			.from(voteRounds)
			.where(eq(voteRounds.id, current.id))
			.for('update');
		await change(round, tx, ctx);
		return votingView(tx, ctx);
	});
	events.publish(sessionId, 'criteria');
	return view;
}

/**
 * Opens a vote over the proposals in the criteria document as they stand now; later edits of the
 * list do not change it. While a vote is open, opening again returns that vote (two facilitators
 * pressing at once get one vote). A new vote may follow a closed or revealed one.
 */
export async function openVote(
	db: Db,
	actor: SessionActor,
	sessionId: string,
	settings: Partial<VoteSettings>,
	criteriaDoc: CriteriaDocAccess
): Promise<VotingView> {
	const budget = settings.budget ?? DEFAULT_BUDGET;
	const maxPerItem = Math.min(settings.maxPerItem ?? DEFAULT_MAX_PER_ITEM, budget);
	if (!Number.isInteger(budget) || budget < 1) throw invalid('invalid_input', 'budget');
	if (!Number.isInteger(maxPerItem) || maxPerItem < 1) throw invalid('invalid_input', 'maxPerItem');
	const before = await loadSessionContext(db, actor, sessionId);
	requireFacilitator(before);
	requireOpenStage(before, 'criteria', { allowLocked: true });
	const texts = await criteriaDoc.read(before.session, criteriaForVote);
	if (!texts.length) throw conflict('no_criteria');
	const view = await db.transaction(async (tx) => {
		const ctx = await loadSessionContext(tx, actor, sessionId);
		requireFacilitator(ctx);
		// The session row lock orders concurrent openings: the second finds the first one's round.
		await lockSession(tx, sessionId);
		const [open] = await tx
			.select({ id: voteRounds.id })
			.from(voteRounds)
			.where(and(eq(voteRounds.sessionId, sessionId), eq(voteRounds.status, 'open')));
		if (!open) {
			const [round] = await tx
				.insert(voteRounds)
				.values({ sessionId, budget, maxPerItem, status: 'open', openedAt: sql`clock_timestamp()` })
				.returning({ id: voteRounds.id });
			await tx
				.insert(voteItems)
				.values(texts.map((text, position) => ({ roundId: round.id, text, position })));
		}
		return votingView(tx, ctx);
	});
	events.publish(sessionId, 'criteria');
	return view;
}

/** Closes the open vote: nobody can change their dots any more. Closing a closed vote changes nothing. */
export function closeVote(db: Db, actor: SessionActor, sessionId: string): Promise<VotingView> {
	return changeRound(db, actor, sessionId, async (round, tx) => {
		if (round.status !== 'open') return;
		await tx
			.update(voteRounds)
			.set({ status: 'closed', closedAt: new Date() })
			.where(eq(voteRounds.id, round.id));
	});
}

/** Opens a closed vote again (before its results are shown), e.g. after closing too early. */
export function reopenVote(db: Db, actor: SessionActor, sessionId: string): Promise<VotingView> {
	return changeRound(db, actor, sessionId, async (round, tx) => {
		if (round.status === 'revealed') throw conflict('vote_closed');
		if (round.status === 'open') return;
		await tx
			.update(voteRounds)
			.set({ status: 'open', closedAt: null })
			.where(eq(voteRounds.id, round.id));
	});
}

/** Shows everyone the totals (closing the vote first if it is still open). Revealing again changes nothing. */
export function revealVote(db: Db, actor: SessionActor, sessionId: string): Promise<VotingView> {
	return changeRound(db, actor, sessionId, async (round, tx) => {
		if (round.status === 'revealed') return;
		await tx
			.update(voteRounds)
			.set({ status: 'revealed', closedAt: round.closedAt ?? new Date() })
			.where(eq(voteRounds.id, round.id));
	});
}

/** Marks (or unmarks) a criterion of the revealed vote as a winner; stage 4 uses the winners as its checklist. */
export function setWinner(
	db: Db,
	actor: SessionActor,
	sessionId: string,
	itemId: string,
	winner: boolean
): Promise<VotingView> {
	return changeRound(db, actor, sessionId, async (round, tx) => {
		if (round.status !== 'revealed') throw conflict('vote_not_revealed');
		const [item] = await tx
			.update(voteItems)
			.set({ isWinner: winner })
			.where(and(eq(voteItems.id, itemId), eq(voteItems.roundId, round.id)))
			.returning({ id: voteItems.id });
		if (!item) throw notFound();
	});
}

/**
 * Puts `dots` of the actor's dots on one item of the open vote (0 takes them all back). The server
 * holds the rules: at most `maxPerItem` on the item and `budget` in all. The round row is locked for
 * share (a close waits for votes under way, and a vote after the close sees it) and the actor's
 * participant row for update (their concurrent votes are counted one after the other).
 */
export async function setDots(
	db: Db,
	actor: SessionActor,
	sessionId: string,
	itemId: string,
	dots: number
): Promise<VotingView> {
	if (!Number.isInteger(dots) || dots < 0) throw invalid('invalid_input', 'dots');
	const view = await db.transaction(async (tx) => {
		const ctx = await loadSessionContext(tx, actor, sessionId);
		requireOpenStage(ctx, 'criteria');
		const [item] = await tx
			.select({ roundId: voteItems.roundId })
			.from(voteItems)
			.innerJoin(voteRounds, eq(voteRounds.id, voteItems.roundId))
			.where(and(eq(voteItems.id, itemId), eq(voteRounds.sessionId, sessionId)));
		if (!item) throw notFound();
		const [round] = await tx
			.select()
			.from(voteRounds)
			.where(eq(voteRounds.id, item.roundId))
			.for('share');
		if (round.status !== 'open') throw conflict('vote_closed');
		await tx
			.select({ id: sessionParticipants.id })
			.from(sessionParticipants)
			.where(eq(sessionParticipants.id, ctx.participant.id))
			.for('update');
		if (dots > round.maxPerItem) throw new DomainError('over_item_limit', 409, 'dots');
		const [{ elsewhere }] = await tx
			.select({ elsewhere: sql<number>`coalesce(sum(${votes.dots}), 0)`.mapWith(Number) })
			.from(votes)
			.where(
				and(
					eq(votes.roundId, round.id),
					eq(votes.participantId, ctx.participant.id),
					ne(votes.itemId, itemId)
				)
			);
		if (elsewhere + dots > round.budget) throw new DomainError('over_budget', 409, 'dots');
		if (dots === 0) {
			await tx
				.delete(votes)
				.where(and(eq(votes.itemId, itemId), eq(votes.participantId, ctx.participant.id)));
		} else {
			const now = new Date();
			await tx
				.insert(votes)
				.values({
					roundId: round.id,
					itemId,
					participantId: ctx.participant.id,
					dots,
					updatedAt: now
				})
				.onConflictDoUpdate({
					target: [votes.itemId, votes.participantId],
					set: { dots, updatedAt: now }
				});
		}
		return votingView(tx, ctx);
	});
	events.publish(sessionId, 'criteria');
	return view;
}
