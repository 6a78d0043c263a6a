// Once-only work across instances: a Postgres advisory lock held by a transaction of its own for as
// long as the work runs, so two instances never do the same work (compact the same document) at
// once. On the embedded PGlite there is one process by construction, and the work just runs.
import { sql } from 'drizzle-orm';
import { databaseDriver, type Db } from '../db';

/**
 * Runs `work` while holding the advisory lock named `name`; resolves with null, without running
 * it, when another instance holds the lock. The lock ends with its transaction, also when the
 * instance dies.
 */
export async function withAdvisoryLock<T>(
	db: Db,
	name: string,
	work: () => Promise<T>
): Promise<T | null> {
	if (databaseDriver === 'pglite') return work();
	return db.transaction(async (tx) => {
		const [row] = await tx.execute<{ locked: boolean }>(
			sql`select pg_try_advisory_xact_lock(hashtextextended(${name}, 0)) as locked`
		);
		if (!row?.locked) return null;
		return work();
	});
}
