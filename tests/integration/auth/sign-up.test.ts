import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { memberships, users, workspaces } from '$lib/server/db/schema';
import { signUpWithWorkspace } from '$lib/server/auth/accounts';
import { validateSessionToken } from '$lib/server/auth/session';
import { DomainError } from '$lib/server/errors';
import { TEST_PASSWORD, uniqueEmail } from '../../utils/factories';

describe('sign up with a new workspace', () => {
	it('creates the user, the workspace and an admin membership, and signs the user in', async () => {
		const email = uniqueEmail();
		const result = await signUpWithWorkspace(db, {
			name: 'Elena Petrova',
			email,
			password: TEST_PASSWORD,
			language: 'ru',
			workspaceName: 'Northwind Clinics'
		});
		const [member] = await db
			.select()
			.from(memberships)
			.where(eq(memberships.userId, result.userId));
		expect(member).toMatchObject({ workspaceId: result.workspaceId, role: 'admin' });
		const [workspace] = await db
			.select()
			.from(workspaces)
			.where(eq(workspaces.id, result.workspaceId));
		expect(workspace.name).toBe('Northwind Clinics');
		const session = await validateSessionToken(db, result.token);
		expect(session?.user).toMatchObject({ id: result.userId, email, language: 'ru' });
	});

	it('stores an argon2id hash, never the password', async () => {
		const email = uniqueEmail();
		await signUpWithWorkspace(db, {
			name: 'A',
			email,
			password: TEST_PASSWORD,
			language: 'en',
			workspaceName: 'W'
		});
		const [user] = await db.select().from(users).where(eq(users.email, email));
		expect(user.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
		expect(user.passwordHash).not.toContain(TEST_PASSWORD);
	});

	it('refuses a taken e-mail and writes nothing', async () => {
		const email = uniqueEmail();
		await signUpWithWorkspace(db, {
			name: 'A',
			email,
			password: TEST_PASSWORD,
			language: 'en',
			workspaceName: 'First'
		});
		const before = await db.select().from(workspaces);
		const attempt = signUpWithWorkspace(db, {
			name: 'B',
			email,
			password: TEST_PASSWORD,
			language: 'en',
			workspaceName: 'Second'
		});
		await expect(attempt).rejects.toMatchObject({ code: 'email_taken', field: 'email' });
		await expect(attempt).rejects.toBeInstanceOf(DomainError);
		const after = await db.select().from(workspaces);
		expect(after).toHaveLength(before.length);
	});
});
