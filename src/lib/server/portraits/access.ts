// Who may read and edit a portrait. Every workspace role reads; admins, facilitators and members
// edit; readers edit nothing. A session guest reads and edits only the portraits linked to their
// session (table `session_portraits`), and nothing else of the workspace. Every page, action,
// endpoint and the `portrait` room ask these functions, so the rule lives in one place.
import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../db';
import { portraits } from '../db/schema';
import { DomainError, forbidden, notFound, unauthorized } from '../errors';
import type { SessionActor } from '../sessions/access';
import { can, loadActor, portraitSubject, WORKSPACE, type Actor } from '../policies';
import type { Membership, Role } from '../workspaces/access';

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
	/** The actor as the policy sees them. */
	actor: Actor;
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

/** True when a member of `role` may create and edit portraits. */
export const isEditingRole = (role: Role): boolean =>
	can({ kind: 'member', userId: '', role }, 'editContent', WORKSPACE);

/** The membership of a signed-in user in the workspace; guests and strangers are refused. */
export async function requireWorkspaceMember(
	db: DbOrTx,
	actor: PortraitActor,
	workspaceId: string,
	{ editing = false } = {}
): Promise<Membership> {
	if (actor.kind === 'guest') throw new DomainError('guest_only_session', 403);
	const loaded = await loadActor(db, actor, workspaceId);
	if (!loaded.membership || !can(loaded.actor, editing ? 'editContent' : 'read', WORKSPACE))
		throw forbidden();
	return loaded.membership;
}

export { isPortraitLinkedToSession as isLinkedToSession } from '../policies';

/**
 * What `actor` may do with the portrait `portraitId` of `workspaceId`. Throws forbidden for a
 * stranger or a guest whose session is not linked to it, not-found when the workspace has no such
 * portrait (checked after membership, so strangers learn nothing).
 */
export async function loadPortraitAccess(
	db: DbOrTx,
	requester: PortraitActor,
	workspaceId: string,
	portraitId: string
): Promise<PortraitAccess> {
	const { actor, membership } = await loadActor(db, requester, workspaceId);
	if (actor.kind === 'stranger') throw forbidden();
	const [portrait] = await db
		.select()
		.from(portraits)
		.where(and(eq(portraits.id, portraitId), eq(portraits.workspaceId, workspaceId)));
	const subject = portrait ? await portraitSubject(db, actor, portrait) : null;
	if (!portrait || !subject || !can(actor, 'read', subject)) {
		if (actor.kind === 'guest') throw new DomainError('guest_only_session', 403);
		throw notFound();
	}
	return {
		portrait,
		mayEdit: can(actor, 'edit', subject),
		mayManage: can(actor, 'manage', subject),
		role: membership?.role ?? null,
		actor
	};
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
