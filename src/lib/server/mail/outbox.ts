// What admins read about mail: every queued message with its state and the server's last answer,
// and the workspace's reminder schedule; and each person's own choice about reminders.
import { desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../db';
import { mailMessages, mailPreferences, mailSettings } from '../db/schema';
import { invalid } from '../errors';
import { requireAllowed } from '../policies';
import { DEFAULT_REMINDER_DAYS } from './reminders';

export type OutboxEntry = {
	id: string;
	kind: string;
	toAddress: string;
	subject: string | null;
	bodyText: string | null;
	status: string;
	deliveredVia: string | null;
	attempts: number;
	lastError: string | null;
	nextAttemptAt: Date;
	sentAt: Date | null;
	createdAt: Date;
};

/** Admins only: the workspace's newest messages. */
export async function listOutbox(
	db: Db,
	userId: string,
	workspaceId: string,
	limit = 200
): Promise<OutboxEntry[]> {
	await requireAllowed(db, userId, workspaceId, 'readMail');
	return db
		.select({
			id: mailMessages.id,
			kind: mailMessages.kind,
			toAddress: mailMessages.toAddress,
			subject: mailMessages.subject,
			bodyText: mailMessages.bodyText,
			status: mailMessages.status,
			deliveredVia: mailMessages.deliveredVia,
			attempts: mailMessages.attempts,
			lastError: mailMessages.lastError,
			nextAttemptAt: mailMessages.nextAttemptAt,
			sentAt: mailMessages.sentAt,
			createdAt: mailMessages.createdAt
		})
		.from(mailMessages)
		.where(eq(mailMessages.workspaceId, workspaceId))
		.orderBy(desc(mailMessages.createdAt), desc(mailMessages.id))
		.limit(limit);
}

export const REMINDER_DAY_MAX = 365;
export const REMINDER_STEPS_MAX = 10;

/** Reads "3, 7" into sorted distinct days; throws on anything but whole days in range. */
export function parseReminderDays(input: string): number[] {
	const parts = input
		.split(/[,;\s]+/)
		.map((part) => part.trim())
		.filter(Boolean);
	const days = parts.map(Number);
	if (
		parts.length > REMINDER_STEPS_MAX ||
		days.some((day) => !Number.isInteger(day) || day < 1 || day > REMINDER_DAY_MAX)
	)
		throw invalid('mail_schedule_invalid', 'reminderDays');
	return [...new Set(days)].sort((a, b) => a - b);
}

export async function reminderSchedule(
	db: Db,
	userId: string,
	workspaceId: string
): Promise<number[]> {
	await requireAllowed(db, userId, workspaceId, 'readMail');
	const [row] = await db
		.select({ days: mailSettings.reminderDays })
		.from(mailSettings)
		.where(eq(mailSettings.workspaceId, workspaceId));
	return row?.days ?? DEFAULT_REMINDER_DAYS;
}

/** Admins only: sets the days after publication when reminders go out. */
export async function setReminderSchedule(
	db: Db,
	userId: string,
	workspaceId: string,
	days: number[]
): Promise<void> {
	await requireAllowed(db, userId, workspaceId, 'manageMail');
	await db
		.insert(mailSettings)
		.values({ workspaceId, reminderDays: days })
		.onConflictDoUpdate({
			target: mailSettings.workspaceId,
			set: { reminderDays: days, updatedAt: sql`now()` }
		});
}

/** Whether the person gets reminders (the default is yes). */
export async function remindersWanted(db: Db, userId: string): Promise<boolean> {
	const [row] = await db
		.select({ reminders: mailPreferences.reminders })
		.from(mailPreferences)
		.where(eq(mailPreferences.userId, userId));
	return row?.reminders ?? true;
}

/** The person's own choice; only ever about themselves. */
export async function setRemindersWanted(db: Db, userId: string, wanted: boolean): Promise<void> {
	await db
		.insert(mailPreferences)
		.values({ userId, reminders: wanted })
		.onConflictDoUpdate({
			target: mailPreferences.userId,
			set: { reminders: wanted, updatedAt: sql`now()` }
		});
}
