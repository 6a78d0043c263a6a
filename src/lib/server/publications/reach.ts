import { and, asc, desc, eq } from 'drizzle-orm';
import { activeMembership } from '../workspaces/access';
import type { DbOrTx } from '../db';
import { acknowledgements, departments, memberships, publications, users } from '../db/schema';
import type { DefinitionReach } from '$lib/publications/model';
import { reachFigures } from './reach-figures';
import { requireAllowed } from '../policies';

/**
 * Leadership only (workspace admins and facilitators): the share of members who acknowledged the
 * current version, per department, cumulative by day since publication, and who has not yet.
 */
export async function definitionReach(
	db: DbOrTx,
	userId: string,
	workspaceId: string,
	now = new Date()
): Promise<DefinitionReach | null> {
	await requireAllowed(db, userId, workspaceId, 'seeReach');
	const [current] = await db
		.select({
			id: publications.id,
			version: publications.version,
			publishedAt: publications.publishedAt
		})
		.from(publications)
		.where(eq(publications.workspaceId, workspaceId))
		.orderBy(desc(publications.version))
		.limit(1);
	if (!current) return null;
	const members = await db
		.select({
			userId: memberships.userId,
			name: users.name,
			departmentId: memberships.departmentId,
			departmentName: departments.name
		})
		.from(memberships)
		.innerJoin(users, eq(users.id, memberships.userId))
		.leftJoin(departments, eq(departments.id, memberships.departmentId))
		.where(and(eq(memberships.workspaceId, workspaceId), activeMembership))
		.orderBy(asc(users.name));
	const acks = await db
		.select({ userId: acknowledgements.userId, acknowledgedAt: acknowledgements.acknowledgedAt })
		.from(acknowledgements)
		.where(eq(acknowledgements.publicationId, current.id));
	return {
		version: current.version,
		publishedAt: current.publishedAt,
		...reachFigures(members, acks, current.publishedAt, now)
	};
}
