// Builds rows through the real services, with unique e-mails so test files never collide.
import { randomBytes } from 'node:crypto';
import { db } from '$lib/server/db';
import { signUpWithWorkspace } from '$lib/server/auth/accounts';
import { createInvite, signUpWithInvite } from '$lib/server/workspaces/invites';
import type { Role } from '$lib/server/workspaces/access';

export const TEST_PASSWORD = 'correct horse battery';

export function uniqueEmail(prefix = 'user'): string {
	return `${prefix}-${randomBytes(5).toString('hex')}@example.test`;
}

/** A new admin with a new workspace, signed in (the token is a valid session cookie value). */
export async function createAdmin(name = 'Ada Admin') {
	const email = uniqueEmail('admin');
	const account = await signUpWithWorkspace(db, {
		name,
		email,
		password: TEST_PASSWORD,
		language: 'en',
		workspaceName: 'Test Workspace'
	});
	return { ...account, email, name };
}

/** A new member of `workspaceId` with `role`, joined through a real invite. */
export async function createMember(
	admin: { userId: string; workspaceId: string },
	role: Role = 'member',
	name = 'Max Member'
) {
	const email = uniqueEmail(role);
	const invite = await createInvite(db, admin.userId, admin.workspaceId, {
		role,
		departmentId: null,
		label: null,
		days: 7
	});
	const account = await signUpWithInvite(db, invite.token, {
		name,
		email,
		password: TEST_PASSWORD,
		language: 'en'
	});
	return { ...account, email, name };
}
