import { eq, sql } from 'drizzle-orm';
import type { Tx } from '../db';
import { strategySessions } from '../db/schema';
import type { SessionRow } from './access';

/** The session fields a facilitator's controls change. */
export type SessionChange = Partial<
	Pick<
		SessionRow,
		| 'currentStage'
		| 'stages'
		| 'locked'
		| 'anonymity'
		| 'timerEndsAt'
		| 'timerRemainingMs'
		| 'guestCode'
	>
>;

/**
 * Writes `change` to a session row the caller has locked and bumps its revision, so every screen
 * that holds an older revision knows it is stale. Returns the row as written.
 */
export async function writeSessionChange(
	tx: Tx,
	sessionId: string,
	change: SessionChange
): Promise<SessionRow> {
	const [row] = await tx
		.update(strategySessions)
		.set({ ...change, revision: sql`${strategySessions.revision} + 1` })
		.where(eq(strategySessions.id, sessionId))
		.returning();
	return row;
}
