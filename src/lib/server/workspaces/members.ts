import { and, asc, eq, isNull, ne, sql } from 'drizzle-orm';
import type { Db, Tx } from '../db';
import { departments, memberships, users, workspaces } from '../db/schema';
import { conflict, invalid, notFound } from '../errors';
import { announceTouchpointChanges } from '../journeys/rooms';
import { releaseOwnedTouchpoints } from '../touchpoints/touchpoints';
import { type Role } from './access';
import { requireAllowed } from '../policies';
import { rooms } from '../ports';

/** A member as the members page shows them. */
export type MemberRow = {
	userId: string;
	name: string;
	email: string;
	role: Role;
	departmentId: string | null;
	departmentName: string | null;
	joinedAt: Date;
	/** When the person was deactivated (left); null while active. */
	deactivatedAt: Date | null;
	/** False for an imported account with no password yet (see `staff/claims.ts`). */
	claimed: boolean;
};

/** Every member of a workspace; any member may see the list (names are needed to assign owners). */
export async function listMembers(
	db: Db,
	actorId: string,
	workspaceId: string
): Promise<MemberRow[]> {
	await requireAllowed(db, actorId, workspaceId, 'read');
	return db
		.select({
			userId: users.id,
			name: users.name,
			email: users.email,
			role: memberships.role,
			departmentId: memberships.departmentId,
			departmentName: departments.name,
			joinedAt: memberships.createdAt,
			deactivatedAt: memberships.deactivatedAt,
			claimed: sql<boolean>`${users.passwordHash} is not null`
		})
		.from(memberships)
		.innerJoin(users, eq(users.id, memberships.userId))
		.leftJoin(departments, eq(departments.id, memberships.departmentId))
		.where(eq(memberships.workspaceId, workspaceId))
		.orderBy(asc(users.name));
}

/** Throws when the department does not belong to the workspace. */
export async function assertDepartmentIn(db: Db, workspaceId: string, departmentId: string | null) {
	if (!departmentId) return;
	const [row] = await db
		.select({ id: departments.id })
		.from(departments)
		.where(and(eq(departments.id, departmentId), eq(departments.workspaceId, workspaceId)));
	if (!row) throw invalid('department_unknown', 'departmentId');
}

/**
 * Locks the workspace row: changes to who is an admin (demotion, removal, deactivation, an import)
 * take it first, so two of them at once cannot leave the workspace without an admin.
 */
export async function lockWorkspace(tx: Tx, workspaceId: string) {
	await tx.execute(
		sql`select 1 from ${workspaces} where ${workspaces.id} = ${workspaceId} for update`
	);
}

/** Active admins of the workspace, optionally not counting `exceptUserId`. */
export async function countActiveAdmins(tx: Tx, workspaceId: string, exceptUserId?: string) {
	const [row] = await tx
		.select({ count: sql<number>`count(*)::int` })
		.from(memberships)
		.where(
			and(
				eq(memberships.workspaceId, workspaceId),
				eq(memberships.role, 'admin'),
				isNull(memberships.deactivatedAt),
				exceptUserId ? ne(memberships.userId, exceptUserId) : undefined
			)
		);
	return row?.count ?? 0;
}

/** Counts active admins other than `userId`, under the workspace lock. */
async function otherAdmins(tx: Tx, workspaceId: string, userId: string) {
	await lockWorkspace(tx, workspaceId);
	return countActiveAdmins(tx, workspaceId, userId);
}

/** Admin only: sets a member's role and department; the last admin cannot be demoted. */
export async function updateMember(
	db: Db,
	actorId: string,
	workspaceId: string,
	change: { userId: string; role: Role; departmentId: string | null }
) {
	await requireAllowed(db, actorId, workspaceId, 'manageMembers');
	await assertDepartmentIn(db, workspaceId, change.departmentId);
	await db.transaction(async (tx) => {
		const [target] = await tx
			.select({ role: memberships.role })
			.from(memberships)
			.where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, change.userId)));
		if (!target) throw notFound();
		if (
			target.role === 'admin' &&
			change.role !== 'admin' &&
			(await otherAdmins(tx, workspaceId, change.userId)) === 0
		)
			throw conflict('last_admin', 'role');
		await tx
			.update(memberships)
			.set({ role: change.role, departmentId: change.departmentId })
			.where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, change.userId)));
	});
	// A lower role reaches the rooms the member has open now, not at their next connection.
	await rooms.reauthorizeUser(change.userId);
}

/** Admin only: removes a member (not the last admin). */
export async function removeMember(db: Db, actorId: string, workspaceId: string, userId: string) {
	await requireAllowed(db, actorId, workspaceId, 'manageMembers');
	const released = await db.transaction(async (tx) => {
		const [target] = await tx
			.select({ role: memberships.role })
			.from(memberships)
			.where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)));
		if (!target) throw notFound();
		if (target.role === 'admin' && (await otherAdmins(tx, workspaceId, userId)) === 0)
			throw conflict('last_admin');
		const owned = await releaseOwnedTouchpoints(tx, workspaceId, userId);
		await tx
			.delete(memberships)
			.where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)));
		return owned;
	});
	await rooms.reauthorizeUser(userId);
	await announceTouchpointChanges(workspaceId, released);
}

/** Admin only: renames the workspace. */
export async function renameWorkspace(db: Db, actorId: string, workspaceId: string, name: string) {
	await requireAllowed(db, actorId, workspaceId, 'manageMembers');
	await db.update(workspaces).set({ name }).where(eq(workspaces.id, workspaceId));
}
