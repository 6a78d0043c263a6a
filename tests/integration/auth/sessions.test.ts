import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { authSessions } from '$lib/server/db/schema';
import { changePassword, signIn } from '$lib/server/auth/accounts';
import {
	createSession,
	hashToken,
	invalidateSession,
	SESSION_RENEW_MS,
	SESSION_TTL_MS,
	validateSessionToken
} from '$lib/server/auth/session';
import { createAdmin, TEST_PASSWORD } from '../../utils/factories';
import { uniqueClientAddress } from '../../utils/client-address';

describe('sessions', () => {
	it('stores only the hash of the token', async () => {
		const admin = await createAdmin();
		const rows = await db.select().from(authSessions).where(eq(authSessions.userId, admin.userId));
		expect(rows.map((row) => row.id)).toEqual([hashToken(admin.token)]);
	});

	it('expires, and an expired session is deleted', async () => {
		const admin = await createAdmin();
		const { token } = await createSession(db, admin.userId);
		const later = new Date(Date.now() + SESSION_TTL_MS + 1000);
		expect(await validateSessionToken(db, token, later)).toBeNull();
		expect(
			await db
				.select()
				.from(authSessions)
				.where(eq(authSessions.id, hashToken(token)))
		).toEqual([]);
	});

	it('slides: a session used near its end is extended', async () => {
		const admin = await createAdmin();
		const start = new Date();
		const { token, expiresAt } = await createSession(db, admin.userId, start);
		const nearEnd = new Date(expiresAt.getTime() - SESSION_RENEW_MS + 60_000);
		const renewed = await validateSessionToken(db, token, nearEnd);
		expect(renewed?.renewed).toBe(true);
		expect(renewed?.expiresAt.getTime()).toBe(nearEnd.getTime() + SESSION_TTL_MS);
		const early = await validateSessionToken(db, token, new Date(start.getTime() + 60_000));
		expect(early?.renewed).toBe(false);
	});

	it('rejects malformed and unknown tokens', async () => {
		expect(await validateSessionToken(db, 'x')).toBeNull();
		expect(await validateSessionToken(db, 'A'.repeat(43))).toBeNull();
	});

	it('sign-out ends only that session', async () => {
		const admin = await createAdmin();
		const other = await signIn(db, {
			email: admin.email,
			password: TEST_PASSWORD,
			clientAddress: uniqueClientAddress()
		});
		await invalidateSession(db, admin.token);
		expect(await validateSessionToken(db, admin.token)).toBeNull();
		expect(await validateSessionToken(db, other.token)).not.toBeNull();
	});

	it('a password change signs out every other session and keeps the user signed in', async () => {
		const admin = await createAdmin();
		const laptop = await signIn(db, {
			email: admin.email,
			password: TEST_PASSWORD,
			clientAddress: uniqueClientAddress()
		});
		const fresh = await changePassword(db, admin.userId, TEST_PASSWORD, 'a brand new passphrase');
		expect(await validateSessionToken(db, laptop.token)).toBeNull();
		expect(await validateSessionToken(db, admin.token)).toBeNull();
		expect(await validateSessionToken(db, fresh.token)).not.toBeNull();
		await expect(
			signIn(db, {
				email: admin.email,
				password: 'a brand new passphrase',
				clientAddress: uniqueClientAddress()
			})
		).resolves.toHaveProperty('token');
	});

	it('refuses a password change with the wrong current password', async () => {
		const admin = await createAdmin();
		await expect(
			changePassword(db, admin.userId, 'not it at all', 'another passphrase')
		).rejects.toMatchObject({
			code: 'invalid_credentials',
			field: 'currentPassword'
		});
		expect(await validateSessionToken(db, admin.token)).not.toBeNull();
	});
});
