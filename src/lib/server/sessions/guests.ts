import { and, eq, isNull } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db';
import { sessionParticipants, strategySessions } from '../db/schema';
import { generateToken, hashToken } from '../auth/session';
import { DomainError } from '../errors';
import type { SessionActor } from './access';
import { publish } from './live';

/** Name of the cookie that identifies a guest within their one session. */
export const GUEST_COOKIE = 'fb_guest';

/** A guest joins the session whose code they typed; returns the cookie token. */
export async function joinAsGuest(db: Db, code: string, name: string) {
	const [session] = await db
		.select({ id: strategySessions.id })
		.from(strategySessions)
		.where(eq(strategySessions.guestCode, code));
	if (!session) throw new DomainError('guest_code_invalid', 404, 'code');
	const token = generateToken();
	const [participant] = await db
		.insert(sessionParticipants)
		.values({ sessionId: session.id, guestName: name, guestTokenHash: hashToken(token) })
		.returning({ id: sessionParticipants.id });
	publish(session.id, 'presence');
	return { token, sessionId: session.id, participantId: participant.id };
}

/** The guest a cookie token belongs to, unless the facilitator removed them. */
export async function resolveGuest(db: DbOrTx, token: string): Promise<Extract<SessionActor, { kind: 'guest' }> | null> {
	if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
	const [row] = await db
		.select({ id: sessionParticipants.id, sessionId: sessionParticipants.sessionId, name: sessionParticipants.guestName })
		.from(sessionParticipants)
		.innerJoin(strategySessions, eq(strategySessions.id, sessionParticipants.sessionId))
		.where(and(eq(sessionParticipants.guestTokenHash, hashToken(token)), isNull(sessionParticipants.removedAt)));
	if (!row) return null;
	return { kind: 'guest', participantId: row.id, sessionId: row.sessionId, name: row.name ?? '' };
}
