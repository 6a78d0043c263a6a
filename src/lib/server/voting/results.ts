// What leaves the voting service: per-viewer views, and totals for later stages and reports.
// Individual votes are read here only to sum them, count voters, or show a viewer their own dots.
import { and, asc, count, countDistinct, desc, eq, sum } from 'drizzle-orm';
import type { VotingItem, VotingView } from '$lib/criteria/voting';
import type { DbOrTx } from '../db';
import { sessionParticipants, voteItems, voteRounds, votes } from '../db/schema';
import type { SessionContext } from '../sessions/access';
import { expectedParticipant } from '../sessions/expected';

export type VoteRoundRow = typeof voteRounds.$inferSelect;

/** A criterion with its total, as stage 4 and the reports use it (only ever after the reveal). */
export type CriterionTotal = {
	id: string;
	text: string;
	/** Place in the proposal list when the vote opened. */
	position: number;
	total: number;
	/** 1 for the most dots; equal totals share a rank. */
	rank: number;
	isWinner: boolean;
};

/** Sorts by total (most first, then list order) and ranks them; equal totals share a rank (1, 1, 3). */
export function rankByTotal<T extends { total: number; position: number }>(
	items: T[]
): (T & { rank: number })[] {
	const sorted = [...items].sort((a, b) => b.total - a.total || a.position - b.position);
	let rank = 0;
	return sorted.map((item, index) => {
		if (index === 0 || item.total !== sorted[index - 1].total) rank = index + 1;
		return { ...item, rank };
	});
}

/** The session's latest vote round, or undefined before the first. */
export async function latestRound(
	db: DbOrTx,
	sessionId: string
): Promise<VoteRoundRow | undefined> {
	const [round] = await db
		.select()
		.from(voteRounds)
		.where(eq(voteRounds.sessionId, sessionId))
		.orderBy(desc(voteRounds.openedAt), desc(voteRounds.id))
		.limit(1);
	return round;
}

/** The session's latest round whose results were revealed. */
async function latestRevealedRound(
	db: DbOrTx,
	sessionId: string
): Promise<VoteRoundRow | undefined> {
	const [round] = await db
		.select()
		.from(voteRounds)
		.where(and(eq(voteRounds.sessionId, sessionId), eq(voteRounds.status, 'revealed')))
		.orderBy(desc(voteRounds.openedAt), desc(voteRounds.id))
		.limit(1);
	return round;
}

/**
 * Items of a round with their totals (no per-person data): the dots cast here plus the dots an
 * imported session carried over (its individual votes stayed in the source workspace).
 */
async function itemTotals(db: DbOrTx, roundId: string) {
	const rows = await db
		.select({
			id: voteItems.id,
			text: voteItems.text,
			position: voteItems.position,
			isWinner: voteItems.isWinner,
			carriedTotal: voteItems.carriedTotal,
			total: sum(votes.dots).mapWith(Number)
		})
		.from(voteItems)
		.leftJoin(votes, eq(votes.itemId, voteItems.id))
		.where(eq(voteItems.roundId, roundId))
		.groupBy(voteItems.id)
		.orderBy(asc(voteItems.position));
	return rows.map(({ carriedTotal, ...row }) => ({
		...row,
		total: (row.total || 0) + carriedTotal
	}));
}

/** Totals of the latest revealed vote, ranked; empty while no vote has been revealed. */
export async function criteriaTotals(db: DbOrTx, sessionId: string): Promise<CriterionTotal[]> {
	const round = await latestRevealedRound(db, sessionId);
	if (!round) return [];
	return rankByTotal(await itemTotals(db, round.id));
}

/** The criteria the facilitator marked as winners in the latest revealed vote, ranked; the checklist of stage 4. */
export async function winningCriteria(db: DbOrTx, sessionId: string): Promise<CriterionTotal[]> {
	return (await criteriaTotals(db, sessionId)).filter((item) => item.isWinner);
}

/**
 * Stage 3 voting as `ctx` may see it: the latest round with the viewer's own dots and the number of
 * people who have voted; totals and winners only once the facilitator has revealed the results.
 */
export async function votingView(db: DbOrTx, ctx: SessionContext): Promise<VotingView> {
	const canFacilitate = ctx.isFacilitator;
	const round = await latestRound(db, ctx.session.id);
	if (!round) return { round: null, canFacilitate };
	const revealed = round.status === 'revealed';
	const mine = await db
		.select({ itemId: votes.itemId, dots: votes.dots })
		.from(votes)
		.where(and(eq(votes.roundId, round.id), eq(votes.participantId, ctx.participant.id)));
	const myDots = new Map(mine.map((row) => [row.itemId, row.dots]));
	// Progress counts the participants, as submissions and consensus do: a facilitator's own dots
	// still count in the totals, but the facilitator is not someone the room waits for.
	// Nor are the excused and removed: their dots stay in the totals, but they are not waited for.
	const [{ voters }] = await db
		.select({ voters: countDistinct(votes.participantId) })
		.from(votes)
		.innerJoin(sessionParticipants, eq(sessionParticipants.id, votes.participantId))
		.where(and(eq(votes.roundId, round.id), expectedParticipant(ctx.session.id)));
	const [{ people }] = await db
		.select({ people: count() })
		.from(sessionParticipants)
		.where(expectedParticipant(ctx.session.id));
	let items: VotingItem[];
	if (revealed) {
		items = rankByTotal(await itemTotals(db, round.id)).map((item) => ({
			id: item.id,
			text: item.text,
			position: item.position,
			myDots: myDots.get(item.id) ?? 0,
			total: item.total,
			rank: item.rank,
			isWinner: item.isWinner
		}));
	} else {
		const rows = await db
			.select({ id: voteItems.id, text: voteItems.text, position: voteItems.position })
			.from(voteItems)
			.where(eq(voteItems.roundId, round.id))
			.orderBy(asc(voteItems.position));
		items = rows.map((row) => ({
			...row,
			myDots: myDots.get(row.id) ?? 0,
			total: null,
			rank: null,
			isWinner: false
		}));
	}
	return {
		canFacilitate,
		round: {
			id: round.id,
			status: round.status,
			budget: round.budget,
			maxPerItem: round.maxPerItem,
			items,
			myDotsUsed: mine.reduce((used, row) => used + row.dots, 0),
			voterCount: Number(voters),
			participantCount: Number(people)
		}
	};
}
