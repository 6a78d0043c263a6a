import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../db';
import { departments } from '../db/schema';
import { conflict, isUniqueViolation, notFound } from '../errors';
import { requireAllowed } from '../policies';

export async function listDepartments(db: Db, actorId: string, workspaceId: string) {
	await requireAllowed(db, actorId, workspaceId, 'read');
	return db
		.select({ id: departments.id, name: departments.name })
		.from(departments)
		.where(eq(departments.workspaceId, workspaceId))
		.orderBy(asc(departments.name));
}

/** Admin only. Names are unique within a workspace. */
export async function createDepartment(db: Db, actorId: string, workspaceId: string, name: string) {
	await requireAllowed(db, actorId, workspaceId, 'manageMembers');
	try {
		const [row] = await db
			.insert(departments)
			.values({ workspaceId, name })
			.returning({ id: departments.id });
		return row.id;
	} catch (error) {
		if (isUniqueViolation(error)) throw conflict('department_exists', 'departmentName');
		throw error;
	}
}

/** Admin only. Members of a deleted department keep their membership with no department. */
export async function deleteDepartment(
	db: Db,
	actorId: string,
	workspaceId: string,
	departmentId: string
) {
	await requireAllowed(db, actorId, workspaceId, 'manageMembers');
	const deleted = await db
		.delete(departments)
		.where(and(eq(departments.id, departmentId), eq(departments.workspaceId, workspaceId)))
		.returning({ id: departments.id });
	if (!deleted.length) throw notFound();
}
