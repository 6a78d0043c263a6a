import { describe, expect, it } from 'vitest';
import { generateToken, hashToken } from '$lib/server/auth/session';

describe('session tokens', () => {
	it('are 256-bit URL-safe random strings', () => {
		const tokens = new Set(Array.from({ length: 200 }, generateToken));
		expect(tokens.size).toBe(200);
		for (const token of tokens) expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
	});

	it('are stored as a SHA-256 hash that does not contain the token', () => {
		const token = generateToken();
		const hashed = hashToken(token);
		expect(hashed).toMatch(/^[0-9a-f]{64}$/);
		expect(hashed).toBe(hashToken(token));
		expect(hashed).not.toContain(token);
		expect(hashToken(generateToken())).not.toBe(hashed);
	});
});
