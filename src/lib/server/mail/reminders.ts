// Reminders to members who have not acknowledged the workspace's current version, on the
// workspace's schedule (days after publication). Only the latest due step is queued, so a worker
// that was down for a week sends one reminder, not two; the worker checks again before sending.
import { and, desc, eq, gt, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db';
import {
	acknowledgements,
	mailMessages,
	mailPreferences,
	mailSettings,
	memberships,
	publications,
	users,
	workspaces
} from '../db/schema';

const DAY_MS = 24 * 60 * 60 * 1000;
export const DEFAULT_REMINDER_DAYS = [3, 7];
/** Publications older than this get no more reminders. */
const HORIZON_DAYS = 366;

/** The reminder step due at `now` for a version published at `publishedAt`, or null. */
export function dueReminderDay(days: number[], publishedAt: Date, now: Date): number | null {
	const due = days.filter((day) => publishedAt.getTime() + day * DAY_MS <= now.getTime());
	return due.length ? Math.max(...due) : null;
}

/** Each workspace's current version published within the horizon, with its reminder schedule. */
async function currentPublications(db: DbOrTx, now: Date) {
	return db
		.selectDistinctOn([publications.workspaceId], {
			id: publications.id,
			workspaceId: publications.workspaceId,
			workspaceName: workspaces.name,
			version: publications.version,
			publishedAt: publications.publishedAt,
			reminderDays: mailSettings.reminderDays
		})
		.from(publications)
		.innerJoin(workspaces, eq(workspaces.id, publications.workspaceId))
		.leftJoin(mailSettings, eq(mailSettings.workspaceId, publications.workspaceId))
		.orderBy(publications.workspaceId, desc(publications.version))
		.then((rows) =>
			rows.filter((row) => row.publishedAt.getTime() > now.getTime() - HORIZON_DAYS * DAY_MS)
		);
}

/** Queues the reminders due at `now`; returns how many were queued. */
export async function scheduleReminders(db: DbOrTx, now: Date): Promise<number> {
	let queued = 0;
	for (const publication of await currentPublications(db, now)) {
		const day = dueReminderDay(
			publication.reminderDays ?? DEFAULT_REMINDER_DAYS,
			publication.publishedAt,
			now
		);
		if (day === null) continue;
		const pending = await db
			.select({ userId: users.id, email: users.email, language: users.language })
			.from(memberships)
			.innerJoin(users, eq(users.id, memberships.userId))
			.leftJoin(
				acknowledgements,
				and(
					eq(acknowledgements.userId, memberships.userId),
					eq(acknowledgements.publicationId, publication.id)
				)
			)
			.leftJoin(mailPreferences, eq(mailPreferences.userId, memberships.userId))
			.where(
				and(
					eq(memberships.workspaceId, publication.workspaceId),
					isNull(acknowledgements.userId),
					sql`coalesce(${mailPreferences.reminders}, true)`
				)
			);
		if (!pending.length) continue;
		const rows = await db
			.insert(mailMessages)
			.values(
				pending.map((member) => ({
					workspaceId: publication.workspaceId,
					eventKey: `reminder:${publication.id}:${day}:${member.userId}`,
					kind: 'reminder',
					userId: member.userId,
					toAddress: member.email,
					language: member.language,
					publicationId: publication.id,
					nextAttemptAt: now,
					createdAt: now,
					payload: {
						workspaceId: publication.workspaceId,
						workspaceName: publication.workspaceName,
						version: String(publication.version),
						days: String(day)
					}
				}))
			)
			.onConflictDoNothing({ target: mailMessages.eventKey })
			.returning({ id: mailMessages.id });
		queued += rows.length;
	}
	return queued;
}

/**
 * Whether an announcement or reminder is still wanted when its turn comes: its version is still
 * the current one, the person is still a member and has not acknowledged it, and (for reminders)
 * has not turned reminders off.
 */
export async function stillWanted(
	db: DbOrTx,
	mail: { kind: string; userId: string | null; workspaceId: string; publicationId: string | null }
): Promise<boolean> {
	if (mail.kind !== 'announcement' && mail.kind !== 'reminder') return true;
	if (!mail.userId || !mail.publicationId) return false;
	const [publication] = await db
		.select({ version: publications.version })
		.from(publications)
		.where(eq(publications.id, mail.publicationId));
	if (!publication) return false;
	const [newer] = await db
		.select({ id: publications.id })
		.from(publications)
		.where(
			and(
				eq(publications.workspaceId, mail.workspaceId),
				gt(publications.version, publication.version)
			)
		)
		.limit(1);
	if (newer) return false;
	const [member] = await db
		.select({ reminders: mailPreferences.reminders, acknowledged: acknowledgements.userId })
		.from(memberships)
		.leftJoin(mailPreferences, eq(mailPreferences.userId, memberships.userId))
		.leftJoin(
			acknowledgements,
			and(
				eq(acknowledgements.userId, memberships.userId),
				eq(acknowledgements.publicationId, mail.publicationId)
			)
		)
		.where(and(eq(memberships.userId, mail.userId), eq(memberships.workspaceId, mail.workspaceId)));
	if (!member || member.acknowledged) return false;
	return mail.kind === 'announcement' || member.reminders !== false;
}
