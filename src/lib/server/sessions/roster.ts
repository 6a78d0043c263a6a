// Who a session still waits for. The facilitator excuses a participant who is not there (they stay
// in the record, read, and are no longer expected in rounds, votes or "done" counts; they can be
// brought back) and removes a guest (their cookie stops resolving). Each change reaches the
// person's open connections at once: they are checked again and closed or made read-only.
import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../db';
import { sessionParticipants } from '../db/schema';
import { DomainError } from '../errors';
import {
	loadSessionContext,
	requireFacilitator,
	type ParticipantRow,
	type SessionActor
} from './access';
import { settleOpenRound } from '../consensus/rounds';
import { events, rooms } from '../ports';
import { lockSession } from './lock';

type RosterChange = (participant: ParticipantRow, ownId: string) => Partial<ParticipantRow>;

/**
 * Applies one facilitator change to a participant of the session under the session's row lock;
 * when fewer people are now waited for, an open consensus round everyone left has answered closes.
 * Then tells every screen and makes the person's open connections check their access again (a
 * guest's connections run under their participant id, a member's under their user id).
 */
export async function changeParticipant(
	db: Db,
	actor: SessionActor,
	sessionId: string,
	participantId: string,
	change: RosterChange,
	{ fewerExpected, reauthorize = true }: { fewerExpected: boolean; reauthorize?: boolean }
): Promise<void> {
	const connectionUser = await db.transaction(async (tx) => {
		const ctx = await loadSessionContext(tx, actor, sessionId);
		requireFacilitator(ctx);
		await lockSession(tx, sessionId);
		const [participant] = await tx
			.select()
			.from(sessionParticipants)
			.where(
				and(
					eq(sessionParticipants.id, participantId),
					eq(sessionParticipants.sessionId, sessionId),
					isNull(sessionParticipants.removedAt)
				)
			)
			.for('update');
		if (!participant) throw new DomainError('participant_unknown', 404, 'participantId');
		await tx
			.update(sessionParticipants)
			.set(change(participant, ctx.participant.id))
			.where(eq(sessionParticipants.id, participant.id));
		if (fewerExpected) await settleOpenRound(tx, sessionId);
		return participant.userId ?? participant.id;
	});
	events.publish(sessionId, 'presence');
	// Submission, vote and round progress count only the people waited for.
	for (const topic of ['definitions', 'criteria', 'consensus'] as const)
		events.publish(sessionId, topic);
	if (reauthorize) await rooms.reauthorizeUser(connectionUser);
}

/** Refuses to excuse a facilitator (oneself included): the session cannot go on without them. */
function refuseFacilitator(participant: ParticipantRow, ownId: string): void {
	if (participant.id === ownId) throw new DomainError('excuse_self', 409, 'participantId');
	if (participant.isFacilitator) throw new DomainError('excuse_facilitator', 409, 'participantId');
}

const excused =
	(now: Date): RosterChange =>
	(participant, ownId) => {
		refuseFacilitator(participant, ownId);
		return { excusedAt: participant.excusedAt ?? now, doneStage: null };
	};

const broughtBack: RosterChange = () => ({ excusedAt: null });

const guestRemoved =
	(now: Date): RosterChange =>
	(participant) => {
		if (participant.userId !== null) throw new DomainError('remove_member', 409, 'participantId');
		return { removedAt: now };
	};

/** The facilitator excuses a participant: kept in the record, read only, no longer waited for. */
export function excuseParticipant(
	db: Db,
	actor: SessionActor,
	sessionId: string,
	participantId: string,
	now = new Date()
): Promise<void> {
	const change = excused(now);
	return changeParticipant(db, actor, sessionId, participantId, change, { fewerExpected: true });
}

/** The facilitator brings an excused participant back: waited for, and writing again. */
export function bringBackParticipant(
	db: Db,
	actor: SessionActor,
	sessionId: string,
	participantId: string
): Promise<void> {
	return changeParticipant(db, actor, sessionId, participantId, broughtBack, {
		fewerExpected: false
	});
}

/**
 * The facilitator removes a guest: their cookie no longer resolves, so they lose the session; their
 * row stays, so what they wrote stays in the record. Members are excused instead, never removed.
 */
export function removeGuest(
	db: Db,
	actor: SessionActor,
	sessionId: string,
	participantId: string,
	now = new Date()
): Promise<void> {
	const change = guestRemoved(now);
	return changeParticipant(db, actor, sessionId, participantId, change, { fewerExpected: true });
}
