// An imported person has an account with no password; a claim link from an admin lets them set
// one and sign in, once.
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db } from '$lib/server/db';
import { users } from '$lib/server/db/schema';
import { signIn } from '$lib/server/auth/accounts';
import { validateSessionToken } from '$lib/server/auth/session';
import { applyStaffImport, previewStaffImport } from '$lib/server/staff/import';
import { claimAccount, createAccountClaim, describeAccountClaim } from '$lib/server/staff/claims';
import { listMembers } from '$lib/server/workspaces/members';
import { createAdmin, createMember } from '../../utils/factories';

const PASSWORD = 'a long new password';

async function importOne(admin: { userId: string; workspaceId: string }) {
	const email = `claim-${admin.userId}@example.test`;
	const csv = `name,email\nИрина Петрова,${email}\n`;
	const options = { deactivateMissing: false };
	const preview = await previewStaffImport(db, admin.userId, admin.workspaceId, csv, options);
	await applyStaffImport(db, admin.userId, admin.workspaceId, csv, {
		...options,
		fingerprint: preview.fingerprint
	});
	const [user] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
	return { userId: user.id, email };
}

describe('claiming an imported account', () => {
	it('sets the password through a single-use link and signs the person in', async () => {
		const admin = await createAdmin();
		const person = await importOne(admin);
		const before = await listMembers(db, admin.userId, admin.workspaceId);
		expect(before.find((m) => m.userId === person.userId)?.claimed).toBe(false);

		const { token } = await createAccountClaim(db, admin.userId, admin.workspaceId, person.userId);
		expect(await describeAccountClaim(db, token)).toEqual({
			name: 'Ирина Петрова',
			email: person.email,
			workspaceName: 'Test Workspace'
		});
		const claimed = await claimAccount(db, token, PASSWORD);
		expect(claimed).toMatchObject({ userId: person.userId, workspaceId: admin.workspaceId });
		expect((await validateSessionToken(db, claimed.token))?.user.id).toBe(person.userId);
		await expect(
			signIn(db, { email: person.email, password: PASSWORD, clientAddress: '192.0.2.4' })
		).resolves.toMatchObject({ userId: person.userId });

		await expect(claimAccount(db, token, 'another long password')).rejects.toMatchObject({
			code: 'invite_used'
		});
		await expect(describeAccountClaim(db, token)).rejects.toMatchObject({ code: 'invite_used' });
		// A claimed account gets no new link.
		await expect(
			createAccountClaim(db, admin.userId, admin.workspaceId, person.userId)
		).rejects.toMatchObject({
			code: 'not_found'
		});
	});

	it('is for admins, for unclaimed members only, and expires', async () => {
		const admin = await createAdmin();
		const person = await importOne(admin);
		const member = await createMember(admin, 'facilitator');
		await expect(
			createAccountClaim(db, member.userId, admin.workspaceId, person.userId)
		).rejects.toMatchObject({
			code: 'forbidden'
		});
		await expect(
			createAccountClaim(db, admin.userId, admin.workspaceId, member.userId)
		).rejects.toMatchObject({
			code: 'not_found'
		});
		const past = new Date(Date.now() - 15 * 24 * 60 * 60 * 1000);
		const { token } = await createAccountClaim(
			db,
			admin.userId,
			admin.workspaceId,
			person.userId,
			past
		);
		await expect(claimAccount(db, token, PASSWORD)).rejects.toMatchObject({
			code: 'invite_expired'
		});
		const [user] = await db
			.select({ passwordHash: users.passwordHash })
			.from(users)
			.where(eq(users.id, person.userId));
		expect(user.passwordHash).toBeNull();
	});
});
