// Who may read and edit a portrait. Every workspace role reads; admins, facilitators and members
// edit; readers edit nothing. A session guest reads and edits only the portraits linked to their
// session (table `session_portraits`), and nothing else of the workspace. Every page, action,
// endpoint and the `portrait` room ask these functions, so the rule lives in one place.
import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../db';
import { portraits, sessionPortraits, strategySessions } from '../db/schema';
import { DomainError, forbidden, notFound, unauthorized } from '../errors';
import type { SessionActor } from '../sessions/access';
import { EDITING_ROLES, findMembership, type Membership, type Role } from '../workspaces/access';

/** Who acts on a portrait: a signed-in user, or a guest of one session. */
export type PortraitActor =
	{ kind: 'user'; userId: string } | { kind: 'guest'; participantId: string; sessionId: string };

export type PortraitRow = typeof portraits.$inferSelect;

/** What an actor may do with one portrait. */
export type PortraitAccess = {
	portrait: PortraitRow;
	/** May change its fields, sections and photo. */
	mayEdit: boolean;
	/** May delete it and link it to sessions (members of an editing role, never guests). */
	mayManage: boolean;
	/** The actor's workspace role; null for a guest. */
	role: Role | null;
};

/** The portrait actor of a request: the signed-in user, else the session guest, else refused. */
export function portraitActorFromLocals(locals: App.Locals): PortraitActor {
	if (locals.user) return { kind: 'user', userId: locals.user.id };
	if (locals.guest)
		return {
			kind: 'guest',
			participantId: locals.guest.participantId,
			sessionId: locals.guest.sessionId
		};
	throw unauthorized();
}

/** The portrait actor of a session actor (the live routes resolve those). */
export function portraitActorOf(actor: SessionActor): PortraitActor {
	return actor.kind === 'user'
		? { kind: 'user', userId: actor.userId }
		: { kind: 'guest', participantId: actor.participantId, sessionId: actor.sessionId };
}

/** True when a role may edit portraits. */
export const isEditingRole = (role: Role): boolean =>
	(EDITING_ROLES as readonly Role[]).includes(role);

/** The membership of a signed-in user in the workspace; guests and strangers are refused. */
export async function requireWorkspaceMember(
	db: DbOrTx,
	actor: PortraitActor,
	workspaceId: string,
	{ editing = false } = {}
): Promise<Membership> {
	if (actor.kind === 'guest') throw new DomainError('guest_only_session', 403);
	const membership = await findMembership(db, actor.userId, workspaceId);
	if (!membership) throw forbidden();
	if (editing && !isEditingRole(membership.role)) throw forbidden();
	return membership;
}

/** True when `portraitId` is linked to `sessionId` and that session belongs to `workspaceId`. */
export async function isLinkedToSession(
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
	return Boolean(row);
}

/**
 * What `actor` may do with the portrait `portraitId` of `workspaceId`. Throws forbidden for a
 * stranger or a guest whose session is not linked to it, not-found when the workspace has no such
 * portrait (checked after membership, so strangers learn nothing).
 */
export async function loadPortraitAccess(
	db: DbOrTx,
	actor: PortraitActor,
	workspaceId: string,
	portraitId: string
): Promise<PortraitAccess> {
	if (actor.kind === 'guest') {
		const [portrait] = await db
			.select()
			.from(portraits)
			.where(and(eq(portraits.id, portraitId), eq(portraits.workspaceId, workspaceId)));
		if (!portrait || !(await isLinkedToSession(db, portraitId, actor.sessionId, workspaceId)))
			throw new DomainError('guest_only_session', 403);
		return { portrait, mayEdit: true, mayManage: false, role: null };
	}
	const membership = await requireWorkspaceMember(db, actor, workspaceId);
	const [portrait] = await db
		.select()
		.from(portraits)
		.where(and(eq(portraits.id, portraitId), eq(portraits.workspaceId, workspaceId)));
	if (!portrait) throw notFound();
	const editing = isEditingRole(membership.role);
	return { portrait, mayEdit: editing, mayManage: editing, role: membership.role };
}

/** Like `loadPortraitAccess`, and throws forbidden unless the actor may edit. */
export async function requirePortraitEditor(
	db: DbOrTx,
	actor: PortraitActor,
	workspaceId: string,
	portraitId: string
): Promise<PortraitAccess> {
	const access = await loadPortraitAccess(db, actor, workspaceId, portraitId);
	if (!access.mayEdit) throw forbidden();
	return access;
}

/** Like `loadPortraitAccess`, and throws forbidden unless the actor may delete and link it. */
export async function requirePortraitManager(
	db: DbOrTx,
	actor: PortraitActor,
	workspaceId: string,
	portraitId: string
): Promise<PortraitAccess> {
	const access = await loadPortraitAccess(db, actor, workspaceId, portraitId);
	if (!access.mayManage) throw forbidden();
	return access;
}
