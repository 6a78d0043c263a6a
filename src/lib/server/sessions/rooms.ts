// The Yjs rooms of a strategy session: the grouping board, the proposed criteria and the
// definition draft. Everyone in a room receives the whole document, so only participants of the
// session get in, and nothing secret is ever written into these documents.
import { and, eq } from 'drizzle-orm';
import { buildRoomName } from '$lib/sync/room';
import { sessionParticipants, strategySessions } from '../db/schema';
import type { RoomAccess, RoomKindRegistry, RoomPolicyContext, SyncServer } from '../sync';
import { FACILITATING_ROLES } from './access';

/** Kinds of room a session has. */
export const sessionRoomKinds = ['board', 'criteria', 'draft'] as const;
export type SessionRoomKind = (typeof sessionRoomKinds)[number];

/** Room name of one of a session's documents. */
export function sessionRoomName(session: { id: string; workspaceId: string }, kind: SessionRoomKind): string {
	return buildRoomName({ workspaceId: session.workspaceId, kind, objectId: session.id });
}

/** Participants (and the workspace's facilitators) may write unless the facilitator locked editing. */
async function authoriseSessionRoom({ db, user, membership, guest, address }: RoomPolicyContext): Promise<RoomAccess | null> {
	const [session] = await db
		.select({ locked: strategySessions.locked })
		.from(strategySessions)
		.where(and(eq(strategySessions.id, address.objectId), eq(strategySessions.workspaceId, address.workspaceId)));
	if (!session) return null;
	if (guest) return guest.sessionId === address.objectId ? (session.locked ? 'read' : 'write') : null;
	if (!membership) return null;
	const [participant] = await db
		.select({ isFacilitator: sessionParticipants.isFacilitator })
		.from(sessionParticipants)
		.where(and(eq(sessionParticipants.sessionId, address.objectId), eq(sessionParticipants.userId, user.id)));
	const facilitates = participant?.isFacilitator || FACILITATING_ROLES.includes(membership.role);
	if (!participant && !facilitates) return null;
	return session.locked && !facilitates ? 'read' : 'write';
}

/** Registers the session room kinds with the sync server's registry. */
export function registerSessionRooms(kinds: RoomKindRegistry): void {
	for (const kind of sessionRoomKinds)
		if (!kinds.get(kind)) kinds.register(kind, { authorise: authoriseSessionRoom });
}

/** The process's sync server if one has been started (tests of the domain run without one). */
export function runningSyncServer(): SyncServer | undefined {
	const holder: { [key: symbol]: SyncServer | undefined } = globalThis;
	return holder[Symbol.for('focusboard.sync')];
}

/** After a lock change, makes open connections of the session's rooms check their access again. */
export async function reauthoriseSessionRooms(session: { id: string; workspaceId: string }): Promise<void> {
	const server = runningSyncServer();
	if (!server) return;
	for (const kind of sessionRoomKinds) await server.reauthorise(sessionRoomName(session, kind));
}
