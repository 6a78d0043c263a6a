// A guest who comes back on another device (their cookie is on the first one) types the session
// code and the name they had. They do not become a second participant: their device asks to take
// over that place, and waits. The facilitator confirms (the new device's token becomes the place's
// token: same participant, answers and votes; the old device's connections lose the place at once)
// or refuses (the person may join as someone new under another name). One request per place at a
// time, so requests cannot pile up.
import { and, eq, isNotNull, isNull } from 'drizzle-orm';
import type { Db, DbOrTx, Tx } from '../db';
import { sessionParticipants, strategySessions } from '../db/schema';
import { generateToken, hashToken } from '../auth/session';
import { DomainError } from '../errors';
import type { SessionActor } from './access';
import { resolveGuest } from './guests';
import { changeParticipant } from './roster';

/** A guest name as places are matched by it: case, width and spacing do not matter. */
export function guestNameKey(name: string): string {
	return name.normalize('NFKC').toLocaleLowerCase().replace(/\s+/g, ' ').trim();
}

/** The guest place (not removed) whose name matches `name` in the session, if any. */
export async function guestPlaceNamed(db: DbOrTx, sessionId: string, name: string) {
	const key = guestNameKey(name);
	const rows = await db
		.select({
			id: sessionParticipants.id,
			guestName: sessionParticipants.guestName,
			reclaimTokenHash: sessionParticipants.reclaimTokenHash
		})
		.from(sessionParticipants)
		.where(
			and(
				eq(sessionParticipants.sessionId, sessionId),
				isNull(sessionParticipants.userId),
				isNull(sessionParticipants.removedAt),
				isNotNull(sessionParticipants.guestName)
			)
		);
	return rows.find((row) => guestNameKey(row.guestName ?? '') === key) ?? null;
}

/**
 * Asks for `place` on behalf of a new device; returns the token the device keeps as its guest
 * cookie (it resolves to the place once the facilitator confirms). The same device asking again
 * keeps its request; another device is refused while one request is pending.
 */
export async function requestReclaim(
	tx: Tx,
	sessionId: string,
	place: { id: string; reclaimTokenHash: string | null },
	currentToken: string | null
): Promise<string> {
	if (currentToken && place.reclaimTokenHash === hashToken(currentToken)) return currentToken;
	const token = generateToken();
	const claimed = await tx
		.update(sessionParticipants)
		.set({ reclaimTokenHash: hashToken(token), reclaimRequestedAt: new Date() })
		.where(
			and(
				eq(sessionParticipants.id, place.id),
				eq(sessionParticipants.sessionId, sessionId),
				isNull(sessionParticipants.reclaimTokenHash)
			)
		)
		.returning({ id: sessionParticipants.id });
	if (!claimed.length) throw new DomainError('guest_reclaim_pending', 409, 'name');
	return token;
}

/** Where a device that asked for a place stands: still waiting, let in, or not (refused). */
export type ReclaimStatus =
	| { state: 'waiting'; sessionTitle: string; name: string }
	| { state: 'confirmed'; sessionId: string }
	| { state: 'refused' };

/** The state of the request a guest cookie token made. */
export async function reclaimStatus(db: DbOrTx, token: string): Promise<ReclaimStatus> {
	const guest = await resolveGuest(db, token);
	if (guest) return { state: 'confirmed', sessionId: guest.sessionId };
	const [row] = await db
		.select({ title: strategySessions.title, name: sessionParticipants.guestName })
		.from(sessionParticipants)
		.innerJoin(strategySessions, eq(strategySessions.id, sessionParticipants.sessionId))
		.where(
			and(
				eq(sessionParticipants.reclaimTokenHash, hashToken(token)),
				isNull(sessionParticipants.removedAt)
			)
		);
	if (!row) return { state: 'refused' };
	return { state: 'waiting', sessionTitle: row.title, name: row.name ?? '' };
}

/**
 * The facilitator settles a waiting device's request. Confirmed, the device takes over the place:
 * its token becomes the place's token, so the old device's cookie stops resolving and its open
 * connections are closed. Refused, the place stays with the device that has it.
 */
export function settleReclaim(
	db: Db,
	actor: SessionActor,
	sessionId: string,
	participantId: string,
	decision: 'confirm' | 'refuse'
): Promise<void> {
	return changeParticipant(
		db,
		actor,
		sessionId,
		participantId,
		(participant) => {
			if (!participant.reclaimTokenHash)
				throw new DomainError('reclaim_none', 409, 'participantId');
			const settled = { reclaimTokenHash: null, reclaimRequestedAt: null };
			return decision === 'confirm'
				? { ...settled, guestTokenHash: participant.reclaimTokenHash }
				: settled;
		},
		{ fewerExpected: false, reauthorize: decision === 'confirm' }
	);
}
