import { and, eq } from 'drizzle-orm';
import type { StageKey } from '$lib/sessions/stages';
import type { DbOrTx } from '../db';
import { sessionParticipants, strategySessions, users } from '../db/schema';
import { DomainError, forbidden, notFound } from '../errors';
import { findMembership, type Role } from '../workspaces/access';

/** Who is acting: a signed-in member, or a guest of one session. */
export type SessionActor =
	| { kind: 'user'; userId: string; name: string }
	| { kind: 'guest'; participantId: string; sessionId: string; name: string };

export type SessionRow = typeof strategySessions.$inferSelect;
export type ParticipantRow = typeof sessionParticipants.$inferSelect;

/** Everything a session service needs to decide what the actor may see and do. */
export type SessionContext = {
	session: SessionRow;
	/** The actor's participant row; every session page needs one. */
	participant: ParticipantRow;
	/** Display name of the actor. */
	name: string;
	isFacilitator: boolean;
	isGuest: boolean;
	/** The actor's role in the workspace; null for guests. */
	workspaceRole: Role | null;
};

/** Workspace roles that may create and facilitate sessions. */
export const FACILITATING_ROLES: readonly Role[] = ['admin', 'facilitator'];

/**
 * Loads a session for an actor and checks they belong in it: a guest only in their own session;
 * a member when they are a participant, or an admin or facilitator of its workspace (who then
 * join it as facilitator). Everyone else is refused.
 */
export async function loadSessionContext(
	db: DbOrTx,
	actor: SessionActor,
	sessionId: string
): Promise<SessionContext> {
	const [session] = await db.select().from(strategySessions).where(eq(strategySessions.id, sessionId));
	if (!session) throw notFound();
	if (actor.kind === 'guest') {
		if (actor.sessionId !== sessionId) throw new DomainError('guest_only_session', 403);
		const [participant] = await db
			.select()
			.from(sessionParticipants)
			.where(and(eq(sessionParticipants.id, actor.participantId), eq(sessionParticipants.sessionId, sessionId)));
		if (!participant) throw forbidden();
		return { session, participant, name: actor.name, isFacilitator: false, isGuest: true, workspaceRole: null };
	}
	const membership = await findMembership(db, actor.userId, session.workspaceId);
	if (!membership) throw forbidden();
	let [participant] = await db
		.select()
		.from(sessionParticipants)
		.where(and(eq(sessionParticipants.sessionId, sessionId), eq(sessionParticipants.userId, actor.userId)));
	if (!participant) {
		if (!FACILITATING_ROLES.includes(membership.role)) throw new DomainError('session_not_participant', 403);
		[participant] = await db
			.insert(sessionParticipants)
			.values({ sessionId, userId: actor.userId, isFacilitator: true })
			.onConflictDoUpdate({
				target: [sessionParticipants.sessionId, sessionParticipants.userId],
				set: { isFacilitator: true }
			})
			.returning();
	}
	return {
		session,
		participant,
		name: actor.name,
		isFacilitator: participant.isFacilitator,
		isGuest: false,
		workspaceRole: membership.role
	};
}

/** Throws unless the actor facilitates the session. */
export function requireFacilitator(ctx: SessionContext): void {
	if (!ctx.isFacilitator) throw forbidden();
}

/** Throws unless `stage` is the session's current stage and editing is not locked. */
export function requireOpenStage(ctx: SessionContext, stage: StageKey, { allowLocked = false } = {}): void {
	if (ctx.session.currentStage !== stage) throw new DomainError('stage_not_open', 409);
	if (ctx.session.locked && !allowLocked) throw new DomainError('session_locked', 423);
}

/** Display names of a session's participants, by participant id. */
export async function participantNames(db: DbOrTx, sessionId: string): Promise<Map<string, string>> {
	const rows = await db
		.select({ id: sessionParticipants.id, guestName: sessionParticipants.guestName, userName: users.name })
		.from(sessionParticipants)
		.leftJoin(users, eq(users.id, sessionParticipants.userId))
		.where(eq(sessionParticipants.sessionId, sessionId));
	return new Map(rows.map((row) => [row.id, row.userName ?? row.guestName ?? '?']));
}
