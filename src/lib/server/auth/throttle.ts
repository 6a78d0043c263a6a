import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db';
import { signInThrottle } from '../db/schema';

/** Failures allowed before each further attempt must wait. */
export const FREE_FAILURES = 5;
/** Longest wait between attempts. */
export const MAX_DELAY_MS = 15 * 60 * 1000;

/** Wait after `failures` failed attempts: none for the first few, then doubling from 1 s. */
export function delayAfter(failures: number): number {
	if (failures < FREE_FAILURES) return 0;
	return Math.min(1000 * 2 ** (failures - FREE_FAILURES), MAX_DELAY_MS);
}

/** Seconds to wait before `key` may try again, or 0. */
export async function secondsUntilAllowed(db: DbOrTx, key: string, now = new Date()): Promise<number> {
	const [row] = await db.select().from(signInThrottle).where(eq(signInThrottle.key, key));
	if (!row?.blockedUntil) return 0;
	return Math.max(0, Math.ceil((row.blockedUntil.getTime() - now.getTime()) / 1000));
}

export async function recordFailure(db: DbOrTx, key: string, now = new Date()): Promise<void> {
	const [row] = await db
		.insert(signInThrottle)
		.values({ key, failures: 1, updatedAt: now })
		.onConflictDoUpdate({
			target: signInThrottle.key,
			set: { failures: sql`${signInThrottle.failures} + 1`, updatedAt: now }
		})
		.returning({ failures: signInThrottle.failures });
	const delay = delayAfter(row?.failures ?? 1);
	if (delay > 0)
		await db
			.update(signInThrottle)
			.set({ blockedUntil: new Date(now.getTime() + delay) })
			.where(eq(signInThrottle.key, key));
}

export async function clearFailures(db: DbOrTx, key: string): Promise<void> {
	await db.delete(signInThrottle).where(eq(signInThrottle.key, key));
}
