import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../db';
import { memberships, workspaces } from '../db/schema';

/** Every role; a reader reads and acknowledges, and edits nothing. */
export const ALL_ROLES = ['admin', 'facilitator', 'member', 'reader'] as const;

export type Role = (typeof ALL_ROLES)[number];

/** What a signed-in user is in one workspace. */
export type Membership = {
	workspaceId: string;
	workspaceName: string;
	userId: string;
	role: Role;
	departmentId: string | null;
};

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
		.where(and(eq(memberships.userId, userId), eq(memberships.workspaceId, workspaceId)));
	return row ?? null;
}

/** Workspaces a user belongs to, oldest membership first. */
export async function listUserWorkspaces(db: DbOrTx, userId: string) {
	return db
		.select({ id: workspaces.id, name: workspaces.name, role: memberships.role })
		.from(memberships)
		.innerJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
		.where(eq(memberships.userId, userId))
		.orderBy(memberships.createdAt);
}
