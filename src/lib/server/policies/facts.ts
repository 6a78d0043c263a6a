// The facts `can` decides on, loaded from the database: who the actor is in a workspace, their
// place in a session, whether a portrait or map is linked to a guest's session.
import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../db';
import {
	sessionJourneyMaps,
	sessionParticipants,
	sessionPortraits,
	strategySessions
} from '../db/schema';
import type { RoomPolicyContext } from '../sync/kinds';
import { findMembership, type Membership } from '../workspaces/access';
import type { Actor, SessionPlace, Subject } from './policy';

/** Who asks: a signed-in user, or a guest of one session. */
export type Requester =
	{ kind: 'user'; userId: string } | { kind: 'guest'; participantId: string; sessionId: string };

/** The actor of a room connection: its guest place, else the user with the membership the sync server loaded. */
export function roomActor(ctx: Pick<RoomPolicyContext, 'user' | 'membership' | 'guest'>): Actor {
	if (ctx.guest)
		return {
			kind: 'guest',
			participantId: ctx.guest.participantId,
			sessionId: ctx.guest.sessionId
		};
	return actorOfMembership(ctx.user.id, ctx.membership);
}

/** The actor as a workspace sees an already loaded membership (null: a stranger). */
export function actorOfMembership(userId: string, membership: Membership | null): Actor {
	return membership ? { kind: 'member', userId, role: membership.role } : { kind: 'stranger' };
}

/** The requester as the workspace `workspaceId` sees them, with the membership it loaded (once). */
export async function loadActor(
	db: DbOrTx,
	requester: Requester,
	workspaceId: string
): Promise<{ actor: Actor; membership: Membership | null }> {
	if (requester.kind === 'guest') return { actor: requester, membership: null };
	const membership = await findMembership(db, requester.userId, workspaceId);
	return { actor: actorOfMembership(requester.userId, membership), membership };
}

const placeColumns = {
	isFacilitator: sessionParticipants.isFacilitator,
	excusedAt: sessionParticipants.excusedAt,
	removedAt: sessionParticipants.removedAt
};

/** The policy's view of a participant row (null: no row). */
export function placeOfRow(
	row: { isFacilitator: boolean; excusedAt: Date | null; removedAt: Date | null } | undefined
): SessionPlace | null {
	if (!row) return null;
	return {
		isFacilitator: row.isFacilitator,
		excused: row.excusedAt !== null,
		removed: row.removedAt !== null
	};
}

/** The actor's participant row in a session, if any: a member's by user, a guest's own by participant id. */
export async function sessionPlace(
	db: DbOrTx,
	actor: Actor,
	sessionId: string
): Promise<SessionPlace | null> {
	if (actor.kind === 'stranger') return null;
	const [row] = await db
		.select(placeColumns)
		.from(sessionParticipants)
		.where(
			and(
				eq(sessionParticipants.sessionId, sessionId),
				actor.kind === 'member'
					? eq(sessionParticipants.userId, actor.userId)
					: eq(sessionParticipants.id, actor.participantId)
			)
		);
	return placeOfRow(row);
}

/** A session as `can` sees it for `actor`. */
export async function sessionSubject(
	db: DbOrTx,
	actor: Actor,
	session: { id: string; locked: boolean }
): Promise<Extract<Subject, { type: 'session' }>> {
	return {
		type: 'session',
		sessionId: session.id,
		locked: session.locked,
		place: await sessionPlace(db, actor, session.id)
	};
}

/** True when the map is linked to the session and both belong to `workspaceId`. */
export async function isMapLinkedToSession(
	db: DbOrTx,
	workspaceId: string,
	mapId: string,
	sessionId: string
): Promise<boolean> {
	const [row] = await db
		.select({ mapId: sessionJourneyMaps.journeyMapId })
		.from(sessionJourneyMaps)
		.innerJoin(strategySessions, eq(strategySessions.id, sessionJourneyMaps.sessionId))
		.where(
			and(
				eq(sessionJourneyMaps.sessionId, sessionId),
				eq(sessionJourneyMaps.journeyMapId, mapId),
				eq(strategySessions.workspaceId, workspaceId)
			)
		);
	return row !== undefined;
}

/** True when `portraitId` is linked to `sessionId` and that session belongs to `workspaceId`. */
export async function isPortraitLinkedToSession(
	db: DbOrTx,
	portraitId: string,
	sessionId: string,
	workspaceId: string
): Promise<boolean> {
	const [row] = await db
		.select({ portraitId: sessionPortraits.portraitId })
		.from(sessionPortraits)
		.innerJoin(strategySessions, eq(strategySessions.id, sessionPortraits.sessionId))
		.where(
			and(
				eq(sessionPortraits.portraitId, portraitId),
				eq(sessionPortraits.sessionId, sessionId),
				eq(strategySessions.workspaceId, workspaceId)
			)
		);
	return row !== undefined;
}

/** A journey map as `can` sees it for `actor`. */
export async function mapSubject(
	db: DbOrTx,
	actor: Actor,
	map: { id: string; workspaceId: string; locked: boolean }
): Promise<Extract<Subject, { type: 'map' }>> {
	const linkedToGuestSession =
		actor.kind === 'guest' &&
		(await isMapLinkedToSession(db, map.workspaceId, map.id, actor.sessionId));
	return { type: 'map', locked: map.locked, linkedToGuestSession };
}

/** A portrait as `can` sees it for `actor`. */
export async function portraitSubject(
	db: DbOrTx,
	actor: Actor,
	portrait: { id: string; workspaceId: string }
): Promise<Extract<Subject, { type: 'portrait' }>> {
	const linkedToGuestSession =
		actor.kind === 'guest' &&
		(await isPortraitLinkedToSession(db, portrait.id, actor.sessionId, portrait.workspaceId));
	return { type: 'portrait', linkedToGuestSession };
}
