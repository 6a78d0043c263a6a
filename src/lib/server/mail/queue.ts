// The mail queue in the database. Queuing is idempotent per event and recipient (the unique event
// key); sending claims due rows with FOR UPDATE SKIP LOCKED and leases them by moving their next
// attempt ahead, so several workers (in one process or many) never take the same row, and a worker
// that dies mid-send leaves the row to be retried once the lease runs out.
import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db';
import { mailMessages } from '../db/schema';
import type { MailKind } from './render';

/** A message to queue. */
export type NewMail = {
	workspaceId: string;
	/** Names the event and the recipient; a second message with the same key is not queued. */
	eventKey: string;
	kind: MailKind;
	userId: string | null;
	toAddress: string;
	language: string;
	payload: Record<string, string>;
	publicationId?: string | null;
	/** Not before (defaults to now). */
	notBefore?: Date;
};

/** Queues a message unless its event key is already queued; true when it was queued now. */
export async function enqueueMail(db: DbOrTx, mail: NewMail): Promise<boolean> {
	const rows = await db
		.insert(mailMessages)
		.values({
			workspaceId: mail.workspaceId,
			eventKey: mail.eventKey,
			kind: mail.kind,
			userId: mail.userId,
			toAddress: mail.toAddress,
			language: mail.language,
			payload: mail.payload,
			publicationId: mail.publicationId ?? null,
			...(mail.notBefore ? { nextAttemptAt: mail.notBefore, createdAt: mail.notBefore } : {})
		})
		.onConflictDoNothing({ target: mailMessages.eventKey })
		.returning({ id: mailMessages.id });
	return rows.length > 0;
}

export type ClaimedMail = typeof mailMessages.$inferSelect;

/**
 * Takes up to `limit` due messages for this worker: each gets one more attempt and is hidden from
 * other workers for `leaseMs`.
 */
export async function claimDueMail(
	db: DbOrTx,
	now: Date,
	limit: number,
	leaseMs: number
): Promise<ClaimedMail[]> {
	const leaseUntil = new Date(now.getTime() + leaseMs);
	return db
		.update(mailMessages)
		.set({ attempts: sql`${mailMessages.attempts} + 1`, nextAttemptAt: leaseUntil })
		.where(
			sql`${mailMessages.id} in (select ${mailMessages.id} from ${mailMessages}
				where ${mailMessages.status} = 'pending' and ${mailMessages.nextAttemptAt} <= ${now.toISOString()}
				order by ${mailMessages.nextAttemptAt} limit ${limit} for update skip locked)`
		)
		.returning();
}

/** The claim a worker holds: only it may settle the row (the attempt number changes on a new claim). */
const held = (mail: ClaimedMail) =>
	and(
		eq(mailMessages.id, mail.id),
		eq(mailMessages.status, 'pending'),
		eq(mailMessages.attempts, mail.attempts)
	);

/** First retry after a minute, doubling up to six hours; given up after `MAX_ATTEMPTS`. */
export const RETRY_BASE_MS = 60_000;
export const RETRY_MAX_MS = 6 * 60 * 60 * 1000;
export const MAX_ATTEMPTS = 10;

export function retryDelay(attempts: number): number {
	return Math.min(RETRY_BASE_MS * 2 ** Math.max(0, attempts - 1), RETRY_MAX_MS);
}

export async function markSent(
	db: DbOrTx,
	mail: ClaimedMail,
	sent: {
		subject: string;
		bodyText: string;
		via: 'smtp' | 'outbox';
		payload: Record<string, string>;
	},
	now: Date
): Promise<void> {
	await db
		.update(mailMessages)
		.set({
			status: 'sent',
			sentAt: now,
			subject: sent.subject,
			bodyText: sent.bodyText,
			deliveredVia: sent.via,
			payload: sent.payload,
			lastError: null
		})
		.where(held(mail));
}

/** Records a failed attempt: retried later with back-off, or given up when permanent or too many. */
export async function markFailed(
	db: DbOrTx,
	mail: ClaimedMail,
	error: string,
	permanent: boolean,
	now: Date
): Promise<void> {
	const giveUp = permanent || mail.attempts >= MAX_ATTEMPTS;
	await db
		.update(mailMessages)
		.set({
			status: giveUp ? 'failed' : 'pending',
			lastError: error.slice(0, 1000),
			nextAttemptAt: giveUp ? now : new Date(now.getTime() + retryDelay(mail.attempts))
		})
		.where(held(mail));
}

export async function markCancelled(db: DbOrTx, mail: ClaimedMail): Promise<void> {
	await db.update(mailMessages).set({ status: 'cancelled' }).where(held(mail));
}
