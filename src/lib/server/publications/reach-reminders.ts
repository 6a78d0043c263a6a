// Reach, the mail side: per department, the reminders sent about the current version and how many
// of the people reminded acknowledged it afterwards.
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db';
import {
	acknowledgements,
	departments,
	mailMessages,
	memberships,
	publications
} from '../db/schema';
import { requireAllowed } from '../policies';

export type DepartmentReminders = {
	departmentId: string | null;
	departmentName: string | null;
	/** Reminder messages sent. */
	sent: number;
	/** People who got at least one. */
	reminded: number;
	/** Of those, how many acknowledged after their first reminder. */
	acknowledgedAfter: number;
};

/** Leadership only; null before anything is published. Departments without reminders are left out. */
export async function reminderReach(
	db: DbOrTx,
	userId: string,
	workspaceId: string
): Promise<DepartmentReminders[] | null> {
	await requireAllowed(db, userId, workspaceId, 'seeReach');
	const [current] = await db
		.select({ id: publications.id })
		.from(publications)
		.where(eq(publications.workspaceId, workspaceId))
		.orderBy(desc(publications.version))
		.limit(1);
	if (!current) return null;
	const perPerson = db
		.select({
			userId: mailMessages.userId,
			sent: sql<number>`count(*)::int`.as('sent'),
			firstAt: sql<Date>`min(${mailMessages.sentAt})`.as('first_at')
		})
		.from(mailMessages)
		.where(
			and(
				eq(mailMessages.publicationId, current.id),
				eq(mailMessages.kind, 'reminder'),
				eq(mailMessages.status, 'sent')
			)
		)
		.groupBy(mailMessages.userId)
		.as('per_person');
	const rows = await db
		.select({
			departmentId: memberships.departmentId,
			departmentName: departments.name,
			sent: sql<number>`coalesce(sum(${perPerson.sent}), 0)::int`,
			reminded: sql<number>`count(${perPerson.userId})::int`,
			acknowledgedAfter: sql<number>`count(${acknowledgements.userId}) filter (where ${acknowledgements.acknowledgedAt} > ${perPerson.firstAt})::int`
		})
		.from(perPerson)
		.innerJoin(
			memberships,
			and(eq(memberships.userId, perPerson.userId), eq(memberships.workspaceId, workspaceId))
		)
		.leftJoin(departments, eq(departments.id, memberships.departmentId))
		.leftJoin(
			acknowledgements,
			and(
				eq(acknowledgements.userId, perPerson.userId),
				eq(acknowledgements.publicationId, current.id)
			)
		)
		.groupBy(memberships.departmentId, departments.name)
		.orderBy(asc(departments.name));
	return rows;
}
