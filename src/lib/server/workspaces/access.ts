import { and, eq, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../db';
import type { Membership } from '$lib/workspaces/membership';
import { memberships, workspaces } from '../db/schema';

export { ALL_ROLES, type Membership, type Role } from '$lib/workspaces/membership';

/** A membership that grants something: not deactivated. */
export const activeMembership = isNull(memberships.deactivatedAt);

/** The user's active membership of the workspace; a deactivated one is none. */
export async function findMembership(
	db: DbOrTx,
	userId: string,
	workspaceId: string
): Promise<Membership | null> {
	const [row] = await db
		.select({
			workspaceId: memberships.workspaceId,
			workspaceName: workspaces.name,
			userId: memberships.userId,
			role: memberships.role,
			departmentId: memberships.departmentId
		})
		.from(memberships)
		.innerJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
		.where(
			and(
				eq(memberships.userId, userId),
				eq(memberships.workspaceId, workspaceId),
				activeMembership
			)
		);
	return row ?? null;
}

/** Workspaces a user belongs to (active memberships), oldest membership first. */
export async function listUserWorkspaces(db: DbOrTx, userId: string) {
	return db
		.select({ id: workspaces.id, name: workspaces.name, role: memberships.role })
		.from(memberships)
		.innerJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
		.where(and(eq(memberships.userId, userId), activeMembership))
		.orderBy(memberships.createdAt);
}

/**
 * True when every membership the user has is deactivated (and they have at least one): the
 * person left, so they may not sign in. A user with no workspace yet is not deactivated.
 */
export async function isDeactivatedEverywhere(db: DbOrTx, userId: string): Promise<boolean> {
	const rows = await db
		.select({ deactivatedAt: memberships.deactivatedAt })
		.from(memberships)
		.where(eq(memberships.userId, userId));
	return rows.length > 0 && rows.every((row) => row.deactivatedAt !== null);
}
