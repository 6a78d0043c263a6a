// Who may read a session's outputs, and who may export it. Unlike `loadSessionContext`, looking at
// outputs never adds the viewer to the session: a report is read, not joined.
import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../db';
import { sessionParticipants, strategySessions } from '../db/schema';
import { DomainError, forbidden, notFound } from '../errors';
import { can, loadActor, sessionSubject } from '../policies';
import type { ParticipantRow, SessionRow } from '../sessions/access';
import type { Role } from '../workspaces/access';

/** A signed-in member looking at one session's outputs. */
export type OutputsViewer = {
	userId: string;
	session: SessionRow;
	workspaceName: string;
	role: Role;
	/** The viewer's participant row, if they take part. */
	participant: ParticipantRow | null;
	/**
	 * Sees what a facilitator sees: a facilitator of the session, or an admin or facilitator of the
	 * workspace (who become the session's facilitator the moment they open it).
	 */
	facilitates: boolean;
	/** May download the JSON export: a facilitator of the session or an admin of the workspace. */
	mayExport: boolean;
};

/**
 * Loads a session for a member who wants its outputs: the session must belong to `workspaceId`,
 * and the member must take part in it or facilitate in the workspace. Guests never get here.
 */
export async function loadOutputsViewer(
	db: DbOrTx,
	userId: string,
	workspaceId: string,
	sessionId: string
): Promise<OutputsViewer> {
	const { actor, membership } = await loadActor(db, { kind: 'user', userId }, workspaceId);
	if (!membership) throw forbidden();
	const [session] = await db
		.select()
		.from(strategySessions)
		.where(and(eq(strategySessions.id, sessionId), eq(strategySessions.workspaceId, workspaceId)));
	if (!session) throw notFound();
	const [participant] = await db
		.select()
		.from(sessionParticipants)
		.where(
			and(eq(sessionParticipants.sessionId, sessionId), eq(sessionParticipants.userId, userId))
		);
	const subject = await sessionSubject(db, actor, session);
	if (!can(actor, 'open', subject)) throw new DomainError('session_not_participant', 403);
	return {
		userId,
		session,
		workspaceName: membership.workspaceName,
		role: membership.role,
		participant: participant ?? null,
		facilitates: can(actor, 'facilitate', subject),
		mayExport: can(actor, 'export', subject)
	};
}

/** Throws unless the viewer may export the session. */
export function requireExporter(viewer: OutputsViewer): void {
	if (!viewer.mayExport) throw forbidden();
}
