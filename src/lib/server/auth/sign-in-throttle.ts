import type { ThrottleCounter, ThrottleRule } from './throttle';

/**
 * Failures on one account: counted from all the addresses it has not signed in from together, so
 * guessing one password from many addresses is slowed; and separately at each known address.
 */
export const ACCOUNT_RULE: ThrottleRule = { freeFailures: 5, maxDelayMs: 15 * 60 * 1000 };

/**
 * Failures from one client address over all accounts, so that trying a few passwords on many
 * accounts (password spraying) is slowed too. Looser, since colleagues behind one office address
 * share it.
 */
export const ADDRESS_RULE: ThrottleRule = { freeFailures: 20, maxDelayMs: 15 * 60 * 1000 };

/** One sign-in attempt as the throttle sees it. */
export type SignInAttempt = {
	/** Normalized e-mail, whether or not an account has it. */
	email: string;
	/** See `hashClientAddress`. */
	addressHash: string;
	/** The account has signed in from this address before (see `known-addresses.ts`). */
	knownAddress: boolean;
};

/** What an attempt is counted on, and which counters a right password clears. */
export type SignInThrottlePlan = { counters: ThrottleCounter[]; clearedOnSuccess: string[] };

const accountKey = (email: string) => `email:${email}`;
const addressKey = (addressHash: string) => `address:${addressHash}`;
const accountAtAddressKey = (email: string, addressHash: string) =>
	`email-at:${addressHash}:${email}`;

/**
 * From an address the account has signed in from, only the failures on this account from this
 * address make it wait: nobody elsewhere, and no sprayer sharing the address, can keep its owner
 * out. From any other address, both the account's failures from unknown addresses and the
 * address's failures make it wait. A right password clears only what the person who typed it
 * caused: the account's failures at this known address. It never clears the account's counter
 * for unknown addresses (that would hand whoever is guessing fresh free attempts) nor the
 * address's (anyone could then spray, sign in to an account of their own, and spray again).
 */
export function signInThrottlePlan(attempt: SignInAttempt): SignInThrottlePlan {
	const address = addressKey(attempt.addressHash);
	if (attempt.knownAddress) {
		const accountHere = accountAtAddressKey(attempt.email, attempt.addressHash);
		return {
			counters: [
				{ key: accountHere, rule: ACCOUNT_RULE, enforced: true },
				{ key: address, rule: ADDRESS_RULE, enforced: false }
			],
			clearedOnSuccess: [accountHere]
		};
	}
	return {
		counters: [
			{ key: accountKey(attempt.email), rule: ACCOUNT_RULE, enforced: true },
			{ key: address, rule: ADDRESS_RULE, enforced: true }
		],
		clearedOnSuccess: []
	};
}
