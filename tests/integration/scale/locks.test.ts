// Once-only work: while one holder runs work under an advisory lock, another asking for the same
// lock is turned away (on PostgreSQL, where instances share the database); a different lock, or
// the same one afterwards, is free. On the embedded PGlite (one process) the work always runs.
import { describe, expect, it } from 'vitest';
import { databaseDriver, db } from '$lib/server/db';
import { withAdvisoryLock } from '$lib/server/scale';

describe('advisory locks', () => {
	it('lets one holder at a time run the work of one name', async () => {
		let release = () => {};
		const held = new Promise<void>((resolve) => (release = resolve));
		let entered = () => {};
		const inside = new Promise<void>((resolve) => (entered = resolve));
		const first = withAdvisoryLock(db, 'compact:test-doc', async () => {
			entered();
			await held;
			return 'first';
		});
		await inside;
		const second = await withAdvisoryLock(db, 'compact:test-doc', () => Promise.resolve('second'));
		const other = await withAdvisoryLock(db, 'compact:other-doc', () => Promise.resolve('other'));
		release();
		expect(await first).toBe('first');
		expect(other).toBe('other');
		expect(second).toBe(databaseDriver === 'pglite' ? 'second' : null);
		expect(await withAdvisoryLock(db, 'compact:test-doc', () => Promise.resolve('again'))).toBe(
			'again'
		);
	});
});
