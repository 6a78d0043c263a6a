import { describe, expect, it } from 'vitest';
import { delayAfter, FREE_FAILURES, MAX_DELAY_MS } from '$lib/server/auth/throttle';

describe('sign-in slow-down', () => {
	it('lets the first few failures through without waiting', () => {
		for (let failures = 0; failures < FREE_FAILURES; failures++) expect(delayAfter(failures)).toBe(0);
	});

	it('doubles the wait after each further failure, up to a cap', () => {
		expect(delayAfter(FREE_FAILURES)).toBe(1000);
		expect(delayAfter(FREE_FAILURES + 1)).toBe(2000);
		expect(delayAfter(FREE_FAILURES + 4)).toBe(16_000);
		expect(delayAfter(FREE_FAILURES + 40)).toBe(MAX_DELAY_MS);
	});
});
