import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from '$lib/server/auth/password';

describe('password hashing', () => {
	it('stores argon2id at the configured cost and verifies only the right password', async () => {
		const hash = await hashPassword('correct horse battery');
		expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
		expect(await verifyPassword(hash, 'correct horse battery')).toBe(true);
		expect(await verifyPassword(hash, 'correct horse battery ')).toBe(false);
	});

	it('salts every hash, so equal passwords do not give equal hashes', async () => {
		const [first, second] = await Promise.all([
			hashPassword('same secret'),
			hashPassword('same secret')
		]);
		expect(first).not.toBe(second);
	});

	it('refuses an account without a password and a malformed hash', async () => {
		expect(await verifyPassword(null, 'focusboard-decoy-password')).toBe(false);
		expect(await verifyPassword('not-a-hash', 'anything')).toBe(false);
	});
});
