import { and, eq, isNull, type SQL } from 'drizzle-orm';
import { sessionParticipants } from '../db/schema';

/**
 * The participants a session waits for in submissions, votes, consensus rounds and "done" counts:
 * everyone but its facilitators, the excused and the removed. (Answers they gave still count as
 * answers in the tallies.)
 */
export function expectedParticipant(sessionId: string): SQL | undefined {
	return and(
		eq(sessionParticipants.sessionId, sessionId),
		eq(sessionParticipants.isFacilitator, false),
		isNull(sessionParticipants.excusedAt),
		isNull(sessionParticipants.removedAt)
	);
}
