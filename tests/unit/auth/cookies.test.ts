import { afterEach, describe, expect, it } from 'vitest';
import { isSecureOrigin } from '$lib/server/auth/cookies';

const originBefore = process.env.ORIGIN;
afterEach(() => {
	if (originBefore === undefined) delete process.env.ORIGIN;
	else process.env.ORIGIN = originBefore;
});

describe('Secure cookies', () => {
	it('whenever ORIGIN is https, even when the request reached the app over http (TLS ends at a proxy)', () => {
		process.env.ORIGIN = 'https://focus.example.com';
		expect(isSecureOrigin(new URL('http://127.0.0.1:3000/signin'))).toBe(true);
	});

	it('not when ORIGIN is plain http', () => {
		process.env.ORIGIN = 'http://localhost:3000';
		expect(isSecureOrigin(new URL('http://localhost:3000/signin'))).toBe(false);
	});

	it('without ORIGIN, when the request itself is https', () => {
		delete process.env.ORIGIN;
		expect(isSecureOrigin(new URL('https://focus.example.com/signin'))).toBe(true);
		expect(isSecureOrigin(new URL('http://localhost:5173/signin'))).toBe(false);
	});
});
