import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { invites, memberships, users } from '$lib/server/db/schema';
import { findMembership } from '$lib/server/workspaces/access';
import { createDepartment } from '$lib/server/workspaces/departments';
import {
	acceptInvite,
	createInvite,
	describeInvite,
	listPendingInvites,
	revokeInvite,
	signUpWithInvite
} from '$lib/server/workspaces/invites';
import { createAdmin, createMember, TEST_PASSWORD, uniqueEmail } from '../../utils/factories';

const account = () => ({
	name: 'New Person',
	email: uniqueEmail(),
	password: TEST_PASSWORD,
	language: 'bg' as const
});
const memberInvite = { role: 'member' as const, departmentId: null, label: null, days: 7 };

describe('invites', () => {
	it('lets one new person join with the invite role and department', async () => {
		const admin = await createAdmin();
		const departmentId = await createDepartment(db, admin.userId, admin.workspaceId, 'Front desk');
		const invite = await createInvite(db, admin.userId, admin.workspaceId, {
			role: 'facilitator',
			departmentId,
			label: 'Georgi',
			days: 7
		});
		expect(await describeInvite(db, invite.token)).toMatchObject({
			workspaceName: 'Test Workspace',
			role: 'facilitator'
		});
		const joined = await signUpWithInvite(db, invite.token, account());
		expect(joined.workspaceId).toBe(admin.workspaceId);
		expect(await findMembership(db, joined.userId, admin.workspaceId)).toMatchObject({
			role: 'facilitator',
			departmentId
		});
		expect(await listPendingInvites(db, admin.userId, admin.workspaceId)).toEqual([]);
	});

	it('is single use', async () => {
		const admin = await createAdmin();
		const invite = await createInvite(db, admin.userId, admin.workspaceId, memberInvite);
		await signUpWithInvite(db, invite.token, account());
		await expect(signUpWithInvite(db, invite.token, account())).rejects.toMatchObject({
			code: 'invite_used'
		});
		await expect(describeInvite(db, invite.token)).rejects.toMatchObject({ code: 'invite_used' });
	});

	it('is single use when two people redeem it at the same moment', async () => {
		const admin = await createAdmin();
		const invite = await createInvite(db, admin.userId, admin.workspaceId, memberInvite);
		const outcomes = await Promise.allSettled([
			signUpWithInvite(db, invite.token, account()),
			signUpWithInvite(db, invite.token, account()),
			signUpWithInvite(db, invite.token, account())
		]);
		expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
		const members = await db
			.select()
			.from(memberships)
			.where(eq(memberships.workspaceId, admin.workspaceId));
		expect(members).toHaveLength(2);
	});

	it('expires', async () => {
		const admin = await createAdmin();
		const invite = await createInvite(db, admin.userId, admin.workspaceId, {
			...memberInvite,
			days: 1
		});
		const later = new Date(Date.now() + 2 * 24 * 60 * 60 * 1000);
		await expect(describeInvite(db, invite.token, later)).rejects.toMatchObject({
			code: 'invite_expired'
		});
		await expect(signUpWithInvite(db, invite.token, account(), later)).rejects.toMatchObject({
			code: 'invite_expired'
		});
	});

	it('can be revoked by an admin', async () => {
		const admin = await createAdmin();
		const invite = await createInvite(db, admin.userId, admin.workspaceId, memberInvite);
		await revokeInvite(db, admin.userId, admin.workspaceId, invite.id);
		await expect(describeInvite(db, invite.token)).rejects.toMatchObject({
			code: 'invite_invalid'
		});
	});

	it('writes nothing when the new account cannot be created', async () => {
		const admin = await createAdmin();
		const invite = await createInvite(db, admin.userId, admin.workspaceId, memberInvite);
		const taken = { ...account(), email: admin.email };
		await expect(signUpWithInvite(db, invite.token, taken)).rejects.toMatchObject({
			code: 'email_taken',
			field: 'email'
		});
		const [row] = await db.select().from(invites).where(eq(invites.id, invite.id));
		expect(row.usedAt).toBeNull();
		await expect(signUpWithInvite(db, invite.token, account())).resolves.toHaveProperty('userId');
	});

	it('lets a signed-in user of another workspace join, once', async () => {
		const admin = await createAdmin();
		const other = await createAdmin('Other Admin');
		const invite = await createInvite(db, admin.userId, admin.workspaceId, memberInvite);
		await acceptInvite(db, invite.token, other.userId);
		expect(await findMembership(db, other.userId, admin.workspaceId)).toMatchObject({
			role: 'member'
		});
		const second = await createInvite(db, admin.userId, admin.workspaceId, memberInvite);
		await expect(acceptInvite(db, second.token, other.userId)).rejects.toMatchObject({
			code: 'already_member'
		});
	});

	it('can only be made by an admin, and only with a department of the same workspace', async () => {
		const admin = await createAdmin();
		const facilitator = await createMember(admin, 'facilitator');
		await expect(
			createInvite(db, facilitator.userId, admin.workspaceId, memberInvite)
		).rejects.toMatchObject({
			code: 'forbidden',
			status: 403
		});
		const stranger = await createAdmin('Stranger');
		await expect(
			createInvite(db, stranger.userId, admin.workspaceId, memberInvite)
		).rejects.toMatchObject({
			code: 'forbidden'
		});
		const foreignDepartment = await createDepartment(
			db,
			stranger.userId,
			stranger.workspaceId,
			'Theirs'
		);
		await expect(
			createInvite(db, admin.userId, admin.workspaceId, {
				...memberInvite,
				departmentId: foreignDepartment
			})
		).rejects.toMatchObject({ code: 'department_unknown' });
	});

	it('stores only the hash of the invite token', async () => {
		const admin = await createAdmin();
		const invite = await createInvite(db, admin.userId, admin.workspaceId, memberInvite);
		const [row] = await db.select().from(invites).where(eq(invites.id, invite.id));
		expect(row.tokenHash).not.toContain(invite.token);
		const people = await db.select({ id: users.id }).from(users);
		expect(people.length).toBeGreaterThan(0);
	});
});
