import { and, eq, inArray, lt, sql } from 'drizzle-orm';
import type { Db } from '../db';
import { signInThrottle } from '../db/schema';

/** How a failure counter slows attempts down. */
export type ThrottleRule = {
	/** Failures allowed before each further attempt must wait. */
	freeFailures: number;
	/** Longest wait between attempts, in milliseconds. */
	maxDelayMs: number;
};

/** A counter an attempt is counted on; only `enforced` ones can make it wait. */
export type ThrottleCounter = { key: string; rule: ThrottleRule; enforced: boolean };

/** A counter with no failure for this long starts again from zero (and its row is removed). */
export const FORGET_AFTER_MS = 24 * 60 * 60 * 1000;

/** Wait after `failures` failed attempts: none for the first few, then doubling from 1 s, up to the cap. */
export function delayAfter(failures: number, rule: ThrottleRule): number {
	if (failures < rule.freeFailures) return 0;
	return Math.min(1000 * 2 ** (failures - rule.freeFailures), rule.maxDelayMs);
}

type CounterRow = typeof signInThrottle.$inferSelect;

/** Failures and block of a row as they count now: nothing, once the row has been quiet long enough. */
function liveState(
	row: CounterRow | undefined,
	now: Date
): { failures: number; blockedUntil: Date | null } {
	if (!row || now.getTime() - row.updatedAt.getTime() > FORGET_AFTER_MS)
		return { failures: 0, blockedUntil: null };
	return { failures: row.failures, blockedUntil: row.blockedUntil };
}

const secondsLeft = (blockedUntil: Date | null, now: Date): number =>
	blockedUntil ? Math.max(0, Math.ceil((blockedUntil.getTime() - now.getTime()) / 1000)) : 0;

/**
 * Takes one attempt. If an enforced counter still asks to wait, returns the seconds left and
 * counts nothing. Otherwise counts the attempt as a failure on every counter before the password
 * is checked, so that parallel attempts cannot all pass the check before any failure is stored
 * (the counters are locked, in key order, for the check and the count), and returns 0; a right
 * password then settles the attempt with `settleSuccess`.
 */
export async function reserveAttempt(
	db: Db,
	counters: ThrottleCounter[],
	now = new Date()
): Promise<number> {
	const keys = [...new Set(counters.map((counter) => counter.key))].sort();
	if (!keys.length) return 0;
	const wait = await db.transaction(async (tx) => {
		await tx
			.insert(signInThrottle)
			.values(keys.map((key) => ({ key, failures: 0, updatedAt: now })))
			.onConflictDoNothing();
		const rows = await tx
			.select()
			.from(signInThrottle)
			.where(inArray(signInThrottle.key, keys))
			.orderBy(signInThrottle.key)
			.for('update');
		const state = new Map(rows.map((row) => [row.key, liveState(row, now)]));
		const waits = counters
			.filter((counter) => counter.enforced)
			.map((counter) => secondsLeft(state.get(counter.key)?.blockedUntil ?? null, now));
		const longest = Math.max(0, ...waits);
		if (longest > 0) return longest;
		for (const counter of counters) {
			const failures = (state.get(counter.key)?.failures ?? 0) + 1;
			const delay = delayAfter(failures, counter.rule);
			await tx
				.update(signInThrottle)
				.set({
					failures,
					updatedAt: now,
					blockedUntil: delay ? new Date(now.getTime() + delay) : null
				})
				.where(eq(signInThrottle.key, counter.key));
		}
		return 0;
	});
	await db
		.delete(signInThrottle)
		.where(lt(signInThrottle.updatedAt, new Date(now.getTime() - FORGET_AFTER_MS)));
	return wait;
}

/**
 * Settles an attempt `reserveAttempt` counted as a failure that proved right: the counters in
 * `cleared` start again from zero; the others get the failure back (and lose their block if they
 * drop below their free failures), without forgetting the failures before it.
 */
export async function settleSuccess(
	db: Db,
	counters: ThrottleCounter[],
	cleared: string[]
): Promise<void> {
	if (cleared.length) await db.delete(signInThrottle).where(inArray(signInThrottle.key, cleared));
	for (const counter of counters) {
		if (cleared.includes(counter.key)) continue;
		await db
			.update(signInThrottle)
			.set({
				failures: sql`greatest(${signInThrottle.failures} - 1, 0)`,
				blockedUntil: sql`case when ${signInThrottle.failures} - 1 < ${counter.rule.freeFailures} then null else ${signInThrottle.blockedUntil} end`
			})
			.where(and(eq(signInThrottle.key, counter.key), sql`${signInThrottle.failures} > 0`));
	}
}
