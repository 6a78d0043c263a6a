import { describe, expect, it } from 'vitest';
import { ACCOUNT_RULE, ADDRESS_RULE, signInThrottlePlan } from '$lib/server/auth/sign-in-throttle';

const email = 'ada@example.com';
const home = 'a'.repeat(64);
const elsewhere = 'b'.repeat(64);

describe('which failures make a sign-in attempt wait', () => {
	it('from an unknown address: the account (from all unknown addresses) and the address', () => {
		const plan = signInThrottlePlan({ email, addressHash: elsewhere, knownAddress: false });
		const enforced = plan.counters.filter((counter) => counter.enforced);
		expect(enforced.map((counter) => counter.rule)).toEqual([ACCOUNT_RULE, ADDRESS_RULE]);
		const fromOtherUnknownAddress = signInThrottlePlan({
			email,
			addressHash: home,
			knownAddress: false
		});
		const accountKey = enforced[0]?.key;
		expect(fromOtherUnknownAddress.counters.map((counter) => counter.key)).toContain(accountKey);
	});

	it('from a known address: only this account at this address, which nobody elsewhere can fill', () => {
		const plan = signInThrottlePlan({ email, addressHash: home, knownAddress: true });
		const enforced = plan.counters.filter((counter) => counter.enforced);
		expect(enforced).toHaveLength(1);
		expect(enforced[0]?.rule).toBe(ACCOUNT_RULE);
		const attacker = signInThrottlePlan({ email, addressHash: elsewhere, knownAddress: false });
		const attackerKeys = attacker.counters.map((counter) => counter.key);
		expect(attackerKeys).not.toContain(enforced[0]?.key);
	});

	it('from a known address the failure still counts on the address, for spraying from it', () => {
		const known = signInThrottlePlan({ email, addressHash: home, knownAddress: true });
		const other = signInThrottlePlan({
			email: 'bob@example.com',
			addressHash: home,
			knownAddress: false
		});
		const addressKey = other.counters.find((counter) => counter.rule === ADDRESS_RULE)?.key;
		expect(known.counters.map((counter) => counter.key)).toContain(addressKey);
	});

	it('a right password clears only the account at its known address, never the shared counters', () => {
		const unknown = signInThrottlePlan({ email, addressHash: elsewhere, knownAddress: false });
		expect(unknown.clearedOnSuccess).toEqual([]);
		const known = signInThrottlePlan({ email, addressHash: home, knownAddress: true });
		const enforced = known.counters.find((counter) => counter.enforced);
		expect(known.clearedOnSuccess).toEqual([enforced?.key]);
	});
});
