// Portraits a strategy session works on. Facilitators and admins link a portrait to a session of
// the same workspace; the session's guests then see and edit that portrait (and nothing else of
// the workspace) on the session's "Customers" page. Unlinking closes their open connections.
import { and, asc, desc, eq } from 'drizzle-orm';
import type { PortraitSummary } from '$lib/portraits/model';
import type { Db, DbOrTx } from '../db';
import {
	journeyMaps,
	portraits,
	sessionJourneyMaps,
	sessionParticipants,
	sessionPortraits,
	strategySessions
} from '../db/schema';
import { DomainError, forbidden, invalid } from '../errors';
import { actorOfMembership, can, loadActor, sessionSubject, WORKSPACE } from '../policies';
import { loadSessionContext, type SessionActor, type SessionContext } from '../sessions/access';
import {
	isLinkedToSession,
	loadPortraitAccess,
	portraitActorOf,
	requireWorkspaceMember,
	type PortraitActor
} from './access';
import { reauthorizePortraitRoom } from './documents';
import { portraitJourneyMaps, portraitSummary, type PortraitJourneyMap } from './portraits';

/** A session of the workspace as the link picker shows it. */
export type SessionOption = { id: string; title: string; linked: boolean };

/**
 * Checks that `actor` may link portraits to `sessionId`: the session belongs to the workspace
 * (else `session_unknown`), and the actor is an admin or facilitator of the workspace or a
 * facilitator of that session.
 */
async function requireLinker(
	db: DbOrTx,
	requester: PortraitActor,
	workspaceId: string,
	sessionId: string
): Promise<void> {
	await requireWorkspaceMember(db, requester, workspaceId);
	const { actor } = await loadActor(db, requester, workspaceId);
	const [session] = await db
		.select({ id: strategySessions.id, locked: strategySessions.locked })
		.from(strategySessions)
		.where(and(eq(strategySessions.id, sessionId), eq(strategySessions.workspaceId, workspaceId)));
	if (can(actor, 'facilitate', WORKSPACE)) {
		if (!session) throw invalid('session_unknown', 'sessionId');
		return;
	}
	if (!session || !can(actor, 'facilitate', await sessionSubject(db, actor, session)))
		throw forbidden();
}

/** True when the actor may link portraits to some session (shows the link controls). */
export async function mayLinkSessions(
	db: DbOrTx,
	actor: PortraitActor,
	workspaceId: string
): Promise<boolean> {
	if (actor.kind === 'guest') return false;
	const membership = await requireWorkspaceMember(db, actor, workspaceId);
	const member = actorOfMembership(membership.userId, membership);
	if (can(member, 'facilitate', WORKSPACE)) return true;
	const [row] = await db
		.select({ sessionId: sessionParticipants.sessionId })
		.from(sessionParticipants)
		.innerJoin(strategySessions, eq(strategySessions.id, sessionParticipants.sessionId))
		.where(
			and(
				eq(sessionParticipants.userId, membership.userId),
				eq(sessionParticipants.isFacilitator, true),
				eq(strategySessions.workspaceId, workspaceId)
			)
		)
		.limit(1);
	if (!row) return false;
	// A session's facilitator links to it, unless the policy says otherwise (a reader facilitates nothing).
	const place = { isFacilitator: true, excused: false, removed: false };
	return can(member, 'facilitate', {
		type: 'session',
		sessionId: row.sessionId,
		locked: false,
		place
	});
}

/** Links a portrait to a session of its workspace (linking twice changes nothing). */
export async function linkPortraitToSession(
	db: Db,
	actor: PortraitActor,
	workspaceId: string,
	portraitId: string,
	sessionId: string
): Promise<void> {
	await loadPortraitAccess(db, actor, workspaceId, portraitId);
	await requireLinker(db, actor, workspaceId, sessionId);
	await db.insert(sessionPortraits).values({ sessionId, portraitId }).onConflictDoNothing();
}

/** Unlinks a portrait from a session; the session's guests lose it at once. */
export async function unlinkPortraitFromSession(
	db: Db,
	actor: PortraitActor,
	workspaceId: string,
	portraitId: string,
	sessionId: string
): Promise<void> {
	const { portrait } = await loadPortraitAccess(db, actor, workspaceId, portraitId);
	await requireLinker(db, actor, workspaceId, sessionId);
	await db
		.delete(sessionPortraits)
		.where(
			and(eq(sessionPortraits.sessionId, sessionId), eq(sessionPortraits.portraitId, portraitId))
		);
	await reauthorizePortraitRoom(portrait);
}

/** The sessions of the workspace, newest first, with whether this portrait is linked to each. */
export async function sessionOptions(
	db: DbOrTx,
	workspaceId: string,
	portraitId: string
): Promise<SessionOption[]> {
	const rows = await db
		.select({
			id: strategySessions.id,
			title: strategySessions.title,
			linked: sessionPortraits.portraitId
		})
		.from(strategySessions)
		.leftJoin(
			sessionPortraits,
			and(
				eq(sessionPortraits.sessionId, strategySessions.id),
				eq(sessionPortraits.portraitId, portraitId)
			)
		)
		.where(eq(strategySessions.workspaceId, workspaceId))
		.orderBy(desc(strategySessions.createdAt), asc(strategySessions.id));
	return rows.map((row) => ({ id: row.id, title: row.title, linked: row.linked !== null }));
}

/** A journey map linked to a session. */
export type SessionJourneyMap = {
	id: string;
	title: string;
	portraitId: string;
	portraitName: string;
};

/** What a session's "Customers" page shows: the linked portraits and the linked journey maps. */
export type SessionCustomers = {
	ctx: SessionContext;
	portraits: PortraitSummary[];
	journeyMaps: SessionJourneyMap[];
};

/** The portraits and journey maps linked to a session, for anyone who belongs in it (guests too). */
export async function sessionCustomers(
	db: DbOrTx,
	actor: SessionActor,
	sessionId: string
): Promise<SessionCustomers> {
	const ctx = await loadSessionContext(db, actor, sessionId);
	const linked = await db
		.select({ id: sessionPortraits.portraitId })
		.from(sessionPortraits)
		.innerJoin(portraits, eq(portraits.id, sessionPortraits.portraitId))
		.where(
			and(
				eq(sessionPortraits.sessionId, sessionId),
				eq(portraits.workspaceId, ctx.session.workspaceId)
			)
		)
		.orderBy(asc(portraits.name), asc(portraits.id));
	const summaries = await Promise.all(linked.map((row) => portraitSummary(db, row.id)));
	const maps = await db
		.select({
			id: journeyMaps.id,
			title: journeyMaps.title,
			portraitId: journeyMaps.portraitId,
			portraitName: portraits.name
		})
		.from(sessionJourneyMaps)
		.innerJoin(journeyMaps, eq(journeyMaps.id, sessionJourneyMaps.journeyMapId))
		.innerJoin(portraits, eq(portraits.id, journeyMaps.portraitId))
		.where(
			and(
				eq(sessionJourneyMaps.sessionId, sessionId),
				eq(journeyMaps.workspaceId, ctx.session.workspaceId)
			)
		)
		.orderBy(asc(journeyMaps.title), asc(journeyMaps.id));
	return { ctx, portraits: summaries, journeyMaps: maps };
}

/** A portrait opened from a session: what the actor may do with it there. */
export type SessionPortrait = {
	ctx: SessionContext;
	portrait: PortraitSummary;
	mayEdit: boolean;
	/** Its journey maps that are linked to the session too (guests see no others). */
	journeyMaps: PortraitJourneyMap[];
};

/**
 * A portrait linked to a session, for someone who belongs in the session: a guest edits it, a
 * member reads or edits by their workspace role. A portrait not linked to the session is refused
 * to everyone here (members open it from the workspace instead).
 */
export async function sessionPortrait(
	db: DbOrTx,
	actor: SessionActor,
	sessionId: string,
	portraitId: string
): Promise<SessionPortrait> {
	const ctx = await loadSessionContext(db, actor, sessionId);
	const workspaceId = ctx.session.workspaceId;
	if (!(await isLinkedToSession(db, portraitId, sessionId, workspaceId)))
		throw new DomainError(
			actor.kind === 'guest' ? 'guest_only_session' : 'not_found',
			actor.kind === 'guest' ? 403 : 404
		);
	const access = await loadPortraitAccess(db, portraitActorOf(actor), workspaceId, portraitId);
	return {
		ctx,
		portrait: await portraitSummary(db, portraitId),
		mayEdit: access.mayEdit,
		journeyMaps: await portraitJourneyMaps(db, portraitId, sessionId)
	};
}
