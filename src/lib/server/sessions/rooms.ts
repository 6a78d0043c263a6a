// The Yjs rooms of a strategy session: the grouping board, the proposed criteria and the
// definition draft. Everyone in a room receives the whole document, so only participants of the
// session get in, and nothing secret is ever written into these documents.
import { and, eq } from 'drizzle-orm';
import { buildRoomName } from '$lib/sync/room';
import { strategySessions } from '../db/schema';
import { roomActor, roomRight, sessionSubject } from '../policies';
import { rooms } from '../ports';
import type { RoomAccess, RoomKindRegistry, RoomPolicyContext } from '../sync';

/** Kinds of room a session has. */
export const sessionRoomKinds = ['board', 'criteria', 'draft'] as const;
export type SessionRoomKind = (typeof sessionRoomKinds)[number];

/** Room name of one of a session's documents. */
export function sessionRoomName(
	session: { id: string; workspaceId: string },
	kind: SessionRoomKind
): string {
	return buildRoomName({ workspaceId: session.workspaceId, kind, objectId: session.id });
}

/** The policy decides: `contribute` writes, `open` reads (a reader participant, or anyone while locked). */
async function authorizeSessionRoom(ctx: RoomPolicyContext): Promise<RoomAccess | null> {
	const { db, address } = ctx;
	const [session] = await db
		.select({ id: strategySessions.id, locked: strategySessions.locked })
		.from(strategySessions)
		.where(
			and(
				eq(strategySessions.id, address.objectId),
				eq(strategySessions.workspaceId, address.workspaceId)
			)
		);
	if (!session) return null;
	const actor = roomActor(ctx);
	return roomRight(actor, await sessionSubject(db, actor, session), {
		write: 'contribute',
		read: 'open'
	});
}

/** Registers the session room kinds with the sync server's registry. */
export function registerSessionRooms(kinds: RoomKindRegistry): void {
	for (const kind of sessionRoomKinds)
		if (!kinds.get(kind)) kinds.register(kind, { authorize: authorizeSessionRoom });
}

/** After a lock change, makes open connections of the session's rooms check their access again. */
export async function reauthorizeSessionRooms(session: {
	id: string;
	workspaceId: string;
}): Promise<void> {
	for (const kind of sessionRoomKinds) await rooms.reauthorize(sessionRoomName(session, kind));
}
