import { and, eq } from 'drizzle-orm';
import type { StageKey } from '$lib/sessions/stages';
import type { DbOrTx } from '../db';
import { sessionParticipants, strategySessions, users } from '../db/schema';
import { DomainError, forbidden, notFound } from '../errors';
import { can, loadActor, placeOfRow, type Actor, type Subject } from '../policies';

type SessionSubject = Extract<Subject, { type: 'session' }>;
import type { Role } from '../workspaces/access';

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
	/** May write while the session is not locked: own definitions, votes, answers, the rooms (never a reader). */
	mayContribute: boolean;
	/** The actor and the session as the policy sees them, for further `can` questions. */
	actor: Actor;
	subject: SessionSubject;
};

/**
 * Loads a session for an actor and checks with the policy that they may open it: a guest only
 * their own session; a member when they are a participant, or when they facilitate in the
 * workspace (who then join it as facilitator). Everyone else is refused.
 */
export async function loadSessionContext(
	db: DbOrTx,
	requester: SessionActor,
	sessionId: string
): Promise<SessionContext> {
	const [session] = await db
		.select()
		.from(strategySessions)
		.where(eq(strategySessions.id, sessionId));
	if (!session) throw notFound();
	if (requester.kind === 'guest' && requester.sessionId !== sessionId)
		throw new DomainError('guest_only_session', 403);
	const { actor, membership } = await loadActor(db, requester, session.workspaceId);
	let [participant]: (ParticipantRow | undefined)[] = await db
		.select()
		.from(sessionParticipants)
		.where(
			and(
				eq(sessionParticipants.sessionId, sessionId),
				requester.kind === 'guest'
					? eq(sessionParticipants.id, requester.participantId)
					: eq(sessionParticipants.userId, requester.userId)
			)
		);
	let subject: SessionSubject = {
		type: 'session',
		sessionId,
		locked: session.locked,
		place: placeOfRow(participant)
	};
	if (!can(actor, 'open', subject))
		throw requester.kind === 'user' && membership
			? new DomainError('session_not_participant', 403)
			: forbidden();
	if (!participant && requester.kind === 'user' && can(actor, 'facilitate', subject)) {
		[participant] = await db
			.insert(sessionParticipants)
			.values({ sessionId, userId: requester.userId, isFacilitator: true })
			.onConflictDoUpdate({
				target: [sessionParticipants.sessionId, sessionParticipants.userId],
				set: { isFacilitator: true }
			})
			.returning();
		subject = { ...subject, place: placeOfRow(participant) };
	}
	if (!participant) throw forbidden();
	return {
		session,
		participant,
		name: requester.name,
		isFacilitator: can(actor, 'facilitate', subject),
		isGuest: requester.kind === 'guest',
		workspaceRole: membership?.role ?? null,
		mayContribute: can(actor, 'contribute', { ...subject, locked: false }),
		actor,
		subject
	};
}

/** Throws unless the actor facilitates the session. */
export function requireFacilitator(ctx: SessionContext): void {
	if (!ctx.isFacilitator) throw forbidden();
}

/** Throws unless the actor may write in the session (a reader reads and edits nothing). */
function requireContributor(ctx: SessionContext): void {
	if (!ctx.mayContribute)
		throw new DomainError(ctx.subject.place?.excused ? 'participant_excused' : 'read_only', 403);
}

/**
 * Throws unless the actor may write, `stage` is the session's current stage and editing is not
 * locked (the lock is checked after the stage, so another stage is "not open" either way).
 */
export function requireOpenStage(
	ctx: SessionContext,
	stage: StageKey,
	{ allowLocked = false } = {}
): void {
	requireContributor(ctx);
	if (ctx.session.currentStage !== stage) throw new DomainError('stage_not_open', 409);
	if (ctx.session.locked && !allowLocked) throw new DomainError('session_locked', 423);
}

/** Display names of a session's participants, by participant id. */
export async function participantNames(
	db: DbOrTx,
	sessionId: string
): Promise<Map<string, string>> {
	const rows = await db
		.select({
			id: sessionParticipants.id,
			guestName: sessionParticipants.guestName,
			userName: users.name
		})
		.from(sessionParticipants)
		.leftJoin(users, eq(users.id, sessionParticipants.userId))
		.where(eq(sessionParticipants.sessionId, sessionId));
	return new Map(rows.map((row) => [row.id, row.userName ?? row.guestName ?? '?']));
}
