import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '$lib/server/db';
import { signIn } from '$lib/server/auth/accounts';
import { validateSessionToken } from '$lib/server/auth/session';
import { ACCOUNT_RULE } from '$lib/server/auth/sign-in-throttle';
import { createAdmin, TEST_PASSWORD, uniqueEmail } from '../../utils/factories';
import { uniqueClientAddress } from '../../utils/client-address';

/**
 * The throttle's clock, held still within a test: the first waits last a second or two, and a
 * slow run must not see them run out between two attempts.
 */
let now = new Date();
beforeEach(() => {
	now = new Date();
});

const attempt = (email: string, password: string, clientAddress: string, at = now) =>
	signIn(db, { email, password, clientAddress }, at);

/** `count` wrong passwords on one account from one address, each refused as wrong (not yet slowed). */
async function failOn(email: string, clientAddress: string, count: number) {
	for (let i = 0; i < count; i++)
		await expect(attempt(email, `guess ${i}`, clientAddress)).rejects.toMatchObject({
			code: 'invalid_credentials'
		});
}

describe('sign in', () => {
	it('opens a session for the right password', async () => {
		const admin = await createAdmin();
		const result = await attempt(admin.email, TEST_PASSWORD, uniqueClientAddress());
		const session = await validateSessionToken(db, result.token);
		expect(session?.user.id).toBe(admin.userId);
		expect(result.token).not.toBe(admin.token);
	});

	it('answers the same for a wrong password and an unknown e-mail', async () => {
		const admin = await createAdmin();
		await expect(
			attempt(admin.email, 'wrong password!', uniqueClientAddress())
		).rejects.toMatchObject({
			code: 'invalid_credentials',
			status: 400
		});
		await expect(
			attempt(uniqueEmail(), TEST_PASSWORD, uniqueClientAddress())
		).rejects.toMatchObject({
			code: 'invalid_credentials',
			status: 400
		});
	});

	it('slows down repeated failures, even when the right password finally comes', async () => {
		const admin = await createAdmin();
		const address = uniqueClientAddress();
		await failOn(admin.email, address, ACCOUNT_RULE.freeFailures);
		const blocked = attempt(admin.email, TEST_PASSWORD, address);
		await expect(blocked).rejects.toMatchObject({ code: 'too_many_attempts', status: 429 });
		await expect(blocked).rejects.toHaveProperty('params.seconds', 1);
	});

	it('slows down guessing one account from many addresses, also for the right password from a new one', async () => {
		const admin = await createAdmin();
		for (let i = 0; i < ACCOUNT_RULE.freeFailures; i++)
			await failOn(admin.email, uniqueClientAddress(), 1);
		await expect(
			attempt(admin.email, 'one more guess', uniqueClientAddress())
		).rejects.toMatchObject({
			code: 'too_many_attempts'
		});
		await expect(attempt(admin.email, TEST_PASSWORD, uniqueClientAddress())).rejects.toMatchObject({
			code: 'too_many_attempts',
			status: 429
		});
	});

	it('slows down spraying a few passwords over many accounts from one address', async () => {
		const sprayer = uniqueClientAddress();
		const accounts = await Promise.all(Array.from({ length: 21 }, () => createAdmin()));
		const victims = accounts.slice(0, 20);
		for (const victim of victims) await failOn(victim.email, sprayer, 1);
		const next = accounts[20]?.email ?? '';
		await expect(attempt(next, 'Summer2026!', sprayer)).rejects.toMatchObject({
			code: 'too_many_attempts',
			status: 429
		});
		await expect(attempt(uniqueEmail(), 'Summer2026!', sprayer)).rejects.toMatchObject({
			code: 'too_many_attempts'
		});
		// Each account had one failure only: their owners sign in from anywhere else.
		await expect(attempt(next, TEST_PASSWORD, uniqueClientAddress())).resolves.toHaveProperty(
			'token'
		);
	});

	it('lets the owner in from their usual address while someone elsewhere keeps failing on their account', async () => {
		const owner = await createAdmin();
		const home = uniqueClientAddress();
		await attempt(owner.email, TEST_PASSWORD, home);
		const attacker = uniqueClientAddress();
		await failOn(owner.email, attacker, ACCOUNT_RULE.freeFailures);
		for (let i = 0; i < 3; i++)
			await expect(attempt(owner.email, `more ${i}`, attacker)).rejects.toMatchObject({
				code: 'too_many_attempts'
			});
		await expect(attempt(owner.email, 'a typo', home)).rejects.toMatchObject({
			code: 'invalid_credentials'
		});
		const session = await attempt(owner.email, TEST_PASSWORD, home);
		expect((await validateSessionToken(db, session.token))?.user.id).toBe(owner.userId);
	});

	it('slows down guessing from the usual address too', async () => {
		const owner = await createAdmin();
		const home = uniqueClientAddress();
		await attempt(owner.email, TEST_PASSWORD, home);
		await failOn(owner.email, home, ACCOUNT_RULE.freeFailures);
		await expect(attempt(owner.email, TEST_PASSWORD, home)).rejects.toMatchObject({
			code: 'too_many_attempts'
		});
	});

	it("a right password clears the owner's own failures at that address, and nothing the guessing elsewhere built up", async () => {
		const owner = await createAdmin();
		const home = uniqueClientAddress();
		await attempt(owner.email, TEST_PASSWORD, home);
		const attacker = uniqueClientAddress();
		await failOn(owner.email, attacker, ACCOUNT_RULE.freeFailures);

		await failOn(owner.email, home, ACCOUNT_RULE.freeFailures - 1);
		await attempt(owner.email, TEST_PASSWORD, home);
		await failOn(owner.email, home, ACCOUNT_RULE.freeFailures - 1);
		await expect(attempt(owner.email, TEST_PASSWORD, home)).resolves.toHaveProperty('token');

		await expect(attempt(owner.email, 'still guessing', attacker)).rejects.toMatchObject({
			code: 'too_many_attempts'
		});
		await expect(attempt(owner.email, TEST_PASSWORD, uniqueClientAddress())).rejects.toMatchObject({
			code: 'too_many_attempts'
		});
	});

	it("signing in to one's own account does not reset the address's count for spraying", async () => {
		const sprayer = uniqueClientAddress();
		const own = await createAdmin();
		await attempt(own.email, TEST_PASSWORD, sprayer);
		const victims = await Promise.all(Array.from({ length: 21 }, () => createAdmin()));
		for (const victim of victims.slice(0, 20)) await failOn(victim.email, sprayer, 1);
		await expect(attempt(own.email, TEST_PASSWORD, sprayer)).resolves.toHaveProperty('token');
		await expect(attempt(victims[20]?.email ?? '', 'Winter2026!', sprayer)).rejects.toMatchObject({
			code: 'too_many_attempts'
		});
	});

	it('counts attempts sent in parallel before checking their passwords', async () => {
		const admin = await createAdmin();
		const address = uniqueClientAddress();
		const results = await Promise.allSettled(
			Array.from({ length: 12 }, (_, i) => attempt(admin.email, `parallel ${i}`, address))
		);
		const codes = results.map((result) =>
			result.status === 'rejected' ? (result.reason as { code?: string }).code : 'signed in'
		);
		expect(codes.filter((code) => code === 'invalid_credentials')).toHaveLength(
			ACCOUNT_RULE.freeFailures
		);
		expect(codes.filter((code) => code === 'too_many_attempts')).toHaveLength(
			12 - ACCOUNT_RULE.freeFailures
		);
	});

	it('forgets failures after a quiet day', async () => {
		const admin = await createAdmin();
		const address = uniqueClientAddress();
		await failOn(admin.email, address, ACCOUNT_RULE.freeFailures);
		await expect(attempt(admin.email, TEST_PASSWORD, address)).rejects.toMatchObject({
			code: 'too_many_attempts'
		});
		const nextDay = new Date(now.getTime() + 25 * 60 * 60 * 1000);
		await expect(attempt(admin.email, TEST_PASSWORD, address, nextDay)).resolves.toHaveProperty(
			'token'
		);
	});
});
