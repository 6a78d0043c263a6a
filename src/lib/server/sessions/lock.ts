import { eq } from 'drizzle-orm';
import type { Tx } from '../db';
import { strategySessions } from '../db/schema';
import type { SessionRow } from './access';

/**
 * Locks the session row for the rest of the transaction and returns it as it now stands. Every
 * change that must not interleave with another in the same session (answers, rounds, stage moves,
 * publications, reveals, saved versions) takes this lock first.
 */
export async function lockSession(tx: Tx, sessionId: string): Promise<SessionRow> {
	const [row] = await tx
		.select()
		.from(strategySessions)
		.where(eq(strategySessions.id, sessionId))
		.for('update');
	return row;
}
