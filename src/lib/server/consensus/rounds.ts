// Stage 5: the facilitator asks for consensus on one frozen draft version; every participant
// answers accept / accept with a concern / object. The rules of when a round closes are in
// `./rules.ts`; here they are applied under a lock on the session row, so answers, a new round,
// a stage move and a publication never interleave.
import { and, asc, desc, eq, inArray, isNotNull, isNull, ne, sql } from 'drizzle-orm';
import {
	COMMENT_MAX,
	type ConsensusAnswer,
	type RoundProvenance,
	type RoundView
} from '$lib/consensus/model';
import type { Db, DbOrTx, Tx } from '../db';
import {
	consensusAnswers,
	consensusRounds,
	draftVersions,
	sessionParticipants
} from '../db/schema';
import { conflict, invalid } from '../errors';
import {
	loadSessionContext,
	participantNames,
	requireFacilitator,
	requireOpenStage,
	type SessionActor
} from '../sessions/access';
import { expectedParticipant } from '../sessions/expected';
import { isStageOpen, transitionStage } from '../sessions/stage-transition';
import { events } from '../ports';
import { answersNeeded, closeBlock, commentRequired, roundOutcome } from './rules';
import { lockSession } from '../sessions/lock';

export type RoundRow = typeof consensusRounds.$inferSelect;

/** The latest round of a session that was not cancelled (the one stage 5 and 6 are about). */
export async function latestRound(db: DbOrTx, sessionId: string): Promise<RoundRow | null> {
	const [row] = await db
		.select()
		.from(consensusRounds)
		.where(and(eq(consensusRounds.sessionId, sessionId), ne(consensusRounds.status, 'cancelled')))
		.orderBy(desc(consensusRounds.openedAt))
		.limit(1);
	return row ?? null;
}

/** Participants whose answer a round waits for: everyone but the facilitators, the excused and the removed. */
export async function expectedParticipants(db: DbOrTx, sessionId: string): Promise<string[]> {
	const rows = await db
		.select({ id: sessionParticipants.id })
		.from(sessionParticipants)
		.where(expectedParticipant(sessionId));
	return rows.map((row) => row.id);
}

/**
 * Who stood where in a round, read under the session's lock as the round closes and stored with
 * it, so later roster changes and renames do not rewrite the record.
 */
async function roundProvenance(
	tx: Tx,
	sessionId: string,
	roundId: string,
	closedBy: RoundProvenance['closedBy']
): Promise<RoundProvenance> {
	const names = await participantNames(tx, sessionId);
	const answers = await roundAnswers(tx, [roundId]);
	const expected = await expectedParticipants(tx, sessionId);
	const excused = await tx
		.select({ id: sessionParticipants.id })
		.from(sessionParticipants)
		.where(
			and(
				eq(sessionParticipants.sessionId, sessionId),
				isNotNull(sessionParticipants.excusedAt),
				isNull(sessionParticipants.removedAt)
			)
		);
	const answered = new Set(answers.map((a) => a.participantId));
	const namesOf = (ids: Iterable<string>) =>
		[...ids].map((id) => names.get(id) ?? '?').sort((a, b) => a.localeCompare(b));
	const whoAnswered = (answer: ConsensusAnswer) =>
		namesOf(answers.filter((a) => a.answer === answer).map((a) => a.participantId));
	return {
		accepted: whoAnswered('accept'),
		concerns: whoAnswered('concern'),
		objected: whoAnswered('object'),
		answered: namesOf(answered),
		excused: namesOf(excused.map((row) => row.id)),
		notAnswered: namesOf(expected.filter((id) => !answered.has(id))),
		expected: expected.length,
		needed: answersNeeded(expected.length),
		closedBy
	};
}

/** A round's provenance with who answered what left out, for readers the answers were anonymous to. */
export function provenanceFor(provenance: RoundProvenance, named: boolean): RoundProvenance {
	return named ? provenance : { ...provenance, accepted: null, concerns: null, objected: null };
}

/** Closes an open round as `status` and stores its provenance; the caller holds the session's row lock. */
async function closeRound(
	tx: Tx,
	sessionId: string,
	roundId: string,
	status: RoundRow['status'],
	closedBy: RoundProvenance['closedBy'],
	now: Date
): Promise<void> {
	await tx
		.update(consensusRounds)
		.set({
			status,
			closedAt: now,
			provenance: await roundProvenance(tx, sessionId, roundId, closedBy)
		})
		.where(eq(consensusRounds.id, roundId));
}

/**
 * After the people a session waits for changed (someone excused or removed), closes its open round
 * as `agreed` when everyone still expected has answered without objection. The caller holds the
 * session's row lock. True when the round closed.
 */
export async function settleOpenRound(tx: Tx, sessionId: string): Promise<boolean> {
	const round = await latestRound(tx, sessionId);
	if (!round || round.status !== 'open') return false;
	const answers = await roundAnswers(tx, [round.id]);
	if (roundOutcome(answers, await expectedParticipants(tx, sessionId)) !== 'agreed') return false;
	await closeRound(tx, sessionId, round.id, 'agreed', 'answers', new Date());
	return true;
}

/** The answers of the rounds, oldest first. */
export async function roundAnswers(db: DbOrTx, roundIds: string[]) {
	if (!roundIds.length) return [];
	return db
		.select()
		.from(consensusAnswers)
		.where(inArray(consensusAnswers.roundId, roundIds))
		.orderBy(asc(consensusAnswers.answeredAt));
}

/**
 * The facilitator asks for consensus on a saved draft version of this session. Any round still
 * open is cancelled: only one round is open at a time, and it is always about one frozen version.
 */
export async function openConsensusRound(
	db: Db,
	actor: SessionActor,
	sessionId: string,
	versionId: string
) {
	const round = await db.transaction(async (tx) => {
		const ctx = await loadSessionContext(tx, actor, sessionId);
		requireFacilitator(ctx);
		const session = await lockSession(tx, sessionId);
		requireOpenStage({ ...ctx, session }, 'consensus', { allowLocked: true });
		const [version] = await tx
			.select({ id: draftVersions.id })
			.from(draftVersions)
			.where(and(eq(draftVersions.id, versionId), eq(draftVersions.sessionId, sessionId)));
		if (!version) throw invalid('version_unknown', 'versionId');
		await tx
			.update(consensusRounds)
			.set({ status: 'cancelled', closedAt: sql`clock_timestamp()` })
			.where(and(eq(consensusRounds.sessionId, sessionId), eq(consensusRounds.status, 'open')));
		// clock_timestamp(), not now(): rounds are ordered by when they were opened under the lock.
		const [row] = await tx
			.insert(consensusRounds)
			.values({ sessionId, versionId, openedAt: sql`clock_timestamp()` })
			.returning();
		return row;
	});
	events.publish(sessionId, 'consensus');
	return round;
}

/** The facilitator withdraws the open round (e.g. to save a better version first). */
export async function cancelConsensusRound(db: Db, actor: SessionActor, sessionId: string) {
	await db.transaction(async (tx) => {
		const ctx = await loadSessionContext(tx, actor, sessionId);
		requireFacilitator(ctx);
		await lockSession(tx, sessionId);
		const cancelled = await tx
			.update(consensusRounds)
			.set({ status: 'cancelled', closedAt: sql`clock_timestamp()` })
			.where(and(eq(consensusRounds.sessionId, sessionId), eq(consensusRounds.status, 'open')))
			.returning({ id: consensusRounds.id });
		if (!cancelled.length) throw conflict('consensus_not_open');
	});
	events.publish(sessionId, 'consensus');
}

/**
 * The facilitator closes the open round with the answers given, as agreed: allowed only when they
 * show agreement (`closeBlock`: nobody objected and a majority of those expected answered), else
 * refused with the reason. Who had not answered is kept in the round's provenance.
 */
export async function closeConsensusRound(
	db: Db,
	actor: SessionActor,
	sessionId: string,
	now = new Date()
): Promise<void> {
	await db.transaction(async (tx) => {
		const ctx = await loadSessionContext(tx, actor, sessionId);
		requireFacilitator(ctx);
		const session = await lockSession(tx, sessionId);
		requireOpenStage({ ...ctx, session }, 'consensus', { allowLocked: true });
		const round = await latestRound(tx, sessionId);
		if (!round || round.status !== 'open') throw conflict('consensus_not_open');
		const answers = await roundAnswers(tx, [round.id]);
		const block = closeBlock(answers, await expectedParticipants(tx, sessionId));
		// An objection closes the round at once, so an open round with one is only a moment's race.
		if (block === 'objected') throw conflict('consensus_not_open');
		if (block) throw conflict('consensus_too_few_answers');
		await closeRound(tx, sessionId, round.id, 'agreed', 'facilitator', now);
	});
	events.publish(sessionId, 'consensus');
}

/** What an answer did to its round. */
export type AnswerResult = { status: RoundView['status']; sentBackToDraft: boolean };

/**
 * A participant answers the open round (or changes their answer while it is open). A concern
 * or an objection needs a comment. An objection closes the round as `objected` and moves the
 * session back to the draft stage (when that stage is not skipped), in the same transaction;
 * the last missing answer without objection closes it as `agreed`.
 */
export async function answerConsensus(
	db: Db,
	actor: SessionActor,
	sessionId: string,
	input: { answer: ConsensusAnswer; comment: string }
): Promise<AnswerResult> {
	const comment = input.comment.trim();
	if (commentRequired(input.answer) && !comment) throw invalid('comment_required', 'comment');
	if (comment.length > COMMENT_MAX) throw invalid('text_too_long', 'comment');
	const result = await db.transaction(async (tx) => {
		const ctx = await loadSessionContext(tx, actor, sessionId);
		const session = await lockSession(tx, sessionId);
		requireOpenStage({ ...ctx, session }, 'consensus');
		const round = await latestRound(tx, sessionId);
		if (!round || round.status !== 'open') throw conflict('consensus_not_open');
		const now = new Date();
		await tx
			.insert(consensusAnswers)
			.values({
				roundId: round.id,
				participantId: ctx.participant.id,
				answer: input.answer,
				comment,
				answeredAt: now
			})
			.onConflictDoUpdate({
				target: [consensusAnswers.roundId, consensusAnswers.participantId],
				set: { answer: input.answer, comment, answeredAt: now }
			});
		const answers = await roundAnswers(tx, [round.id]);
		const status = roundOutcome(answers, await expectedParticipants(tx, sessionId));
		if (status === 'open') return { status, sentBackToDraft: false };
		await closeRound(tx, sessionId, round.id, status, 'answers', now);
		if (status !== 'objected' || !isStageOpen(session.stages, 'draft'))
			return { status, sentBackToDraft: false };
		await transitionStage(tx, session, { cause: 'objection' });
		return { status, sentBackToDraft: true };
	});
	events.publish(sessionId, 'consensus');
	if (result.sentBackToDraft) {
		events.publish(sessionId, 'session');
		events.publish(sessionId, 'draft');
	}
	return result;
}
