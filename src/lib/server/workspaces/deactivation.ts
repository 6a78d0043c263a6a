// People who left: their membership is kept (history, authorship, reactivation) but grants
// nothing. A deactivated member opens no page, endpoint or room of the workspace; one who has no
// other active workspace cannot sign in, and their sessions end.
import { and, eq, inArray, isNotNull, isNull, ne } from 'drizzle-orm';
import type { Db, Tx } from '../db';
import { memberships } from '../db/schema';
import { invalidateUserSessions } from '../auth/session';
import { conflict } from '../errors';
import { announceTouchpointChanges } from '../journeys/rooms';
import { requireAllowed } from '../policies';
import { rooms } from '../ports';
import { releaseOwnedTouchpoints } from '../touchpoints/touchpoints';
import { countActiveAdmins, lockWorkspace } from './members';

type ChangedTouchpoint = { id: string; revision: number };

/**
 * Deactivates the active memberships of `userIds` inside `tx` (the caller holds the workspace
 * lock and checks the admins left): releases the touchpoints they owned and ends the sessions of
 * those who have no other active membership. Returns who was deactivated and the released touchpoints.
 */
export async function deactivateInTx(
	tx: Tx,
	workspaceId: string,
	userIds: string[],
	now: Date
): Promise<{ deactivated: string[]; released: ChangedTouchpoint[] }> {
	if (userIds.length === 0) return { deactivated: [], released: [] };
	const rows = await tx
		.update(memberships)
		.set({ deactivatedAt: now })
		.where(
			and(
				eq(memberships.workspaceId, workspaceId),
				inArray(memberships.userId, userIds),
				isNull(memberships.deactivatedAt)
			)
		)
		.returning({ userId: memberships.userId });
	const deactivated = rows.map((row) => row.userId);
	const released: ChangedTouchpoint[] = [];
	for (const userId of deactivated) {
		released.push(...(await releaseOwnedTouchpoints(tx, workspaceId, userId)));
		const [elsewhere] = await tx
			.select({ workspaceId: memberships.workspaceId })
			.from(memberships)
			.where(
				and(
					eq(memberships.userId, userId),
					ne(memberships.workspaceId, workspaceId),
					isNull(memberships.deactivatedAt)
				)
			)
			.limit(1);
		if (!elsewhere) await invalidateUserSessions(tx, userId);
	}
	return { deactivated, released };
}

/** Tells open rooms at once: deactivated people lose their connections, released touchpoints show. */
export async function announceDeactivation(
	workspaceId: string,
	change: { deactivated: string[]; released: ChangedTouchpoint[] }
) {
	for (const userId of change.deactivated) await rooms.reauthorizeUser(userId);
	await announceTouchpointChanges(workspaceId, change.released);
}

/** Admin only: deactivates members who left (never oneself, never the last active admin). */
export async function deactivateMembers(
	db: Db,
	actorId: string,
	workspaceId: string,
	userIds: string[],
	now = new Date()
): Promise<number> {
	await requireAllowed(db, actorId, workspaceId, 'manageMembers');
	if (userIds.includes(actorId)) throw conflict('deactivate_self');
	const change = await db.transaction(async (tx) => {
		await lockWorkspace(tx, workspaceId);
		const result = await deactivateInTx(tx, workspaceId, userIds, now);
		if ((await countActiveAdmins(tx, workspaceId)) === 0) throw conflict('last_admin');
		return result;
	});
	await announceDeactivation(workspaceId, change);
	return change.deactivated.length;
}

/** Admin only: gives deactivated members their membership back, with the role and department they had. */
export async function reactivateMembers(
	db: Db,
	actorId: string,
	workspaceId: string,
	userIds: string[]
): Promise<number> {
	await requireAllowed(db, actorId, workspaceId, 'manageMembers');
	if (userIds.length === 0) return 0;
	const rows = await db
		.update(memberships)
		.set({ deactivatedAt: null })
		.where(
			and(
				eq(memberships.workspaceId, workspaceId),
				inArray(memberships.userId, userIds),
				isNotNull(memberships.deactivatedAt)
			)
		)
		.returning({ userId: memberships.userId });
	return rows.length;
}
