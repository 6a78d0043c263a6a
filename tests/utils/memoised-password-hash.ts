// Integration setup: argon2id costs about 0.1 s a hash and every factory account pays it, so each
// password is hashed once per worker and the same real hash is reused (sign-in still verifies it with
// argon2). The hasher itself is covered without this by tests/unit/auth/password.test.ts.
import { vi } from 'vitest';

vi.mock('$lib/server/auth/password', async (importOriginal) => {
	const real = await importOriginal<typeof import('$lib/server/auth/password')>();
	const hashes = new Map<string, Promise<string>>();
	return {
		...real,
		hashPassword(password: string): Promise<string> {
			let hash = hashes.get(password);
			if (!hash) hashes.set(password, (hash = real.hashPassword(password)));
			return hash;
		}
	};
});
