import { describe, expect, it } from 'vitest';
import { delayAfter } from '$lib/server/auth/throttle';
import { ACCOUNT_RULE, ADDRESS_RULE } from '$lib/server/auth/sign-in-throttle';

describe('sign-in slow-down', () => {
	it('lets the first few failures on an account through without waiting', () => {
		for (let failures = 0; failures < ACCOUNT_RULE.freeFailures; failures++)
			expect(delayAfter(failures, ACCOUNT_RULE)).toBe(0);
	});

	it('doubles the wait after each further failure, up to a cap', () => {
		const free = ACCOUNT_RULE.freeFailures;
		expect(delayAfter(free, ACCOUNT_RULE)).toBe(1000);
		expect(delayAfter(free + 1, ACCOUNT_RULE)).toBe(2000);
		expect(delayAfter(free + 4, ACCOUNT_RULE)).toBe(16_000);
		expect(delayAfter(free + 40, ACCOUNT_RULE)).toBe(ACCOUNT_RULE.maxDelayMs);
	});

	it('allows more failures from one address, over all accounts, than on one account', () => {
		expect(ADDRESS_RULE.freeFailures).toBeGreaterThan(ACCOUNT_RULE.freeFailures);
		expect(delayAfter(ACCOUNT_RULE.freeFailures, ADDRESS_RULE)).toBe(0);
		expect(delayAfter(ADDRESS_RULE.freeFailures - 1, ADDRESS_RULE)).toBe(0);
		expect(delayAfter(ADDRESS_RULE.freeFailures, ADDRESS_RULE)).toBe(1000);
		expect(delayAfter(ADDRESS_RULE.freeFailures + 40, ADDRESS_RULE)).toBe(ADDRESS_RULE.maxDelayMs);
	});
});
