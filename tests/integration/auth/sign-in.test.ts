import { describe, expect, it } from 'vitest';
import { db } from '$lib/server/db';
import { signIn } from '$lib/server/auth/accounts';
import { validateSessionToken } from '$lib/server/auth/session';
import { FREE_FAILURES } from '$lib/server/auth/throttle';
import { createAdmin, TEST_PASSWORD, uniqueEmail } from '../../utils/factories';

describe('sign in', () => {
	it('opens a session for the right password', async () => {
		const admin = await createAdmin();
		const result = await signIn(db, admin.email, TEST_PASSWORD);
		const session = await validateSessionToken(db, result.token);
		expect(session?.user.id).toBe(admin.userId);
		expect(result.token).not.toBe(admin.token);
	});

	it('answers the same for a wrong password and an unknown e-mail', async () => {
		const admin = await createAdmin();
		await expect(signIn(db, admin.email, 'wrong password!')).rejects.toMatchObject({
			code: 'invalid_credentials',
			status: 400
		});
		await expect(signIn(db, uniqueEmail(), TEST_PASSWORD)).rejects.toMatchObject({
			code: 'invalid_credentials',
			status: 400
		});
	});

	it('slows down repeated failures, even when the right password finally comes', async () => {
		const admin = await createAdmin();
		for (let i = 0; i < FREE_FAILURES; i++)
			await expect(signIn(db, admin.email, `guess ${i}`)).rejects.toMatchObject({ code: 'invalid_credentials' });
		const blocked = signIn(db, admin.email, TEST_PASSWORD);
		await expect(blocked).rejects.toMatchObject({ code: 'too_many_attempts', status: 429 });
		await expect(blocked).rejects.toHaveProperty('params.seconds', 1);
	});

	it('forgets earlier failures after a successful sign-in', async () => {
		const admin = await createAdmin();
		for (let i = 0; i < FREE_FAILURES - 1; i++) await signIn(db, admin.email, `guess ${i}`).catch(() => {});
		await signIn(db, admin.email, TEST_PASSWORD);
		for (let i = 0; i < FREE_FAILURES - 1; i++) await signIn(db, admin.email, `again ${i}`).catch(() => {});
		await expect(signIn(db, admin.email, TEST_PASSWORD)).resolves.toHaveProperty('token');
	});
});
