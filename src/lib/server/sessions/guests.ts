import { and, eq, isNull } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db';
import { sessionParticipants, strategySessions } from '../db/schema';
import { generateToken, hashToken } from '../auth/session';
import { DomainError } from '../errors';
import type { SessionActor } from './access';
import { events } from '../ports';
import { guestPlaceNamed, requestReclaim } from './reclaim';
import { lockSession } from './lock';

/** Name of the cookie that identifies a guest within their one session. */
export const GUEST_COOKIE = 'fb_guest';

/** The shape of a guest cookie token (32 random bytes, base64url). */
const GUEST_TOKEN = /^[A-Za-z0-9_-]{43}$/;

/**
 * What joining gave the browser: the token for its guest cookie, and either its place, or (when
 * `waiting`) the place it asked the facilitator to take over.
 */
export type GuestJoin = {
	token: string;
	sessionId: string;
	participantId: string;
	waiting: boolean;
};

/**
 * A guest joins the session whose code they typed; returns the cookie token. A browser that
 * already holds a guest place in that session (`currentToken`, its guest cookie) gets the same
 * place back under the name typed now, so typing the code again makes no second participant; a
 * guest the facilitator removed is refused. A browser without a place that types the name of a
 * guest already there (case and spacing aside) asks to take over that place and waits for the
 * facilitator (see `./reclaim.ts`) instead of becoming a second person of that name.
 */
export async function joinAsGuest(
	db: Db,
	code: string,
	name: string,
	currentToken: string | null = null
): Promise<GuestJoin> {
	const [session] = await db
		.select({ id: strategySessions.id })
		.from(strategySessions)
		.where(eq(strategySessions.guestCode, code));
	if (!session) throw new DomainError('guest_code_invalid', 404, 'code');
	const place = currentToken ? await placeOfToken(db, currentToken, session.id) : null;
	if (place?.removedAt) throw new DomainError('guest_removed', 403, 'code');
	if (place && currentToken) {
		await db
			.update(sessionParticipants)
			.set({ guestName: name })
			.where(eq(sessionParticipants.id, place.id));
		events.publish(session.id, 'presence');
		return { token: currentToken, sessionId: session.id, participantId: place.id, waiting: false };
	}
	const joined = await db.transaction(async (tx) => {
		// Under the session's row lock, so two devices typing one name make one place or one request.
		await lockSession(tx, session.id);
		const named = await guestPlaceNamed(tx, session.id, name);
		if (named) {
			const token = await requestReclaim(tx, session.id, named, currentToken);
			return { token, sessionId: session.id, participantId: named.id, waiting: true };
		}
		const token = generateToken();
		const [participant] = await tx
			.insert(sessionParticipants)
			.values({ sessionId: session.id, guestName: name, guestTokenHash: hashToken(token) })
			.returning({ id: sessionParticipants.id });
		return { token, sessionId: session.id, participantId: participant.id, waiting: false };
	});
	events.publish(session.id, 'presence');
	return joined;
}

/** The guest place a cookie token holds in `sessionId`, removed or not. */
async function placeOfToken(db: DbOrTx, token: string, sessionId: string) {
	if (!GUEST_TOKEN.test(token)) return null;
	const [row] = await db
		.select({ id: sessionParticipants.id, removedAt: sessionParticipants.removedAt })
		.from(sessionParticipants)
		.where(
			and(
				eq(sessionParticipants.guestTokenHash, hashToken(token)),
				eq(sessionParticipants.sessionId, sessionId)
			)
		);
	return row ?? null;
}

/** The guest a cookie token belongs to, unless the facilitator removed them. */
export async function resolveGuest(
	db: DbOrTx,
	token: string
): Promise<Extract<SessionActor, { kind: 'guest' }> | null> {
	if (!GUEST_TOKEN.test(token)) return null;
	const [row] = await db
		.select({
			id: sessionParticipants.id,
			sessionId: sessionParticipants.sessionId,
			name: sessionParticipants.guestName
		})
		.from(sessionParticipants)
		.innerJoin(strategySessions, eq(strategySessions.id, sessionParticipants.sessionId))
		.where(
			and(
				eq(sessionParticipants.guestTokenHash, hashToken(token)),
				isNull(sessionParticipants.removedAt)
			)
		);
	if (!row) return null;
	return { kind: 'guest', participantId: row.id, sessionId: row.sessionId, name: row.name ?? '' };
}
