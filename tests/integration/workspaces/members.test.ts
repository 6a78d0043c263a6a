import { describe, expect, it } from 'vitest';
import { db } from '$lib/server/db';
import { findMembership } from '$lib/server/workspaces/access';
import {
	createDepartment,
	deleteDepartment,
	listDepartments
} from '$lib/server/workspaces/departments';
import {
	listMembers,
	removeMember,
	renameWorkspace,
	updateMember
} from '$lib/server/workspaces/members';
import { createAdmin, createMember } from '../../utils/factories';

describe('members and roles', () => {
	it('lists members to any member, with role and department', async () => {
		const admin = await createAdmin('Elena');
		const member = await createMember(admin, 'member', 'Tom');
		const departmentId = await createDepartment(db, admin.userId, admin.workspaceId, 'Security');
		await updateMember(db, admin.userId, admin.workspaceId, {
			userId: member.userId,
			role: 'member',
			departmentId
		});
		const rows = await listMembers(db, member.userId, admin.workspaceId);
		expect(rows.map((r) => [r.name, r.role, r.departmentName])).toEqual([
			['Elena', 'admin', null],
			['Tom', 'member', 'Security']
		]);
	});

	it('refuses outsiders and non-admins on admin actions, changing nothing', async () => {
		const admin = await createAdmin();
		const member = await createMember(admin, 'member');
		const facilitator = await createMember(admin, 'facilitator');
		const outsider = await createAdmin('Outsider');
		await expect(listMembers(db, outsider.userId, admin.workspaceId)).rejects.toMatchObject({
			status: 403
		});
		for (const actor of [member, facilitator, outsider]) {
			await expect(
				updateMember(db, actor.userId, admin.workspaceId, {
					userId: member.userId,
					role: 'admin',
					departmentId: null
				})
			).rejects.toMatchObject({ code: 'forbidden' });
			await expect(
				removeMember(db, actor.userId, admin.workspaceId, admin.userId)
			).rejects.toMatchObject({ code: 'forbidden' });
			await expect(
				createDepartment(db, actor.userId, admin.workspaceId, 'X')
			).rejects.toMatchObject({ code: 'forbidden' });
			await expect(
				renameWorkspace(db, actor.userId, admin.workspaceId, 'Mine')
			).rejects.toMatchObject({ code: 'forbidden' });
		}
		expect(await findMembership(db, member.userId, admin.workspaceId)).toMatchObject({
			role: 'member'
		});
		expect(await findMembership(db, admin.userId, admin.workspaceId)).toMatchObject({
			role: 'admin',
			workspaceName: 'Test Workspace'
		});
	});

	it('keeps at least one admin', async () => {
		const admin = await createAdmin();
		await expect(
			updateMember(db, admin.userId, admin.workspaceId, {
				userId: admin.userId,
				role: 'member',
				departmentId: null
			})
		).rejects.toMatchObject({ code: 'last_admin' });
		await expect(
			removeMember(db, admin.userId, admin.workspaceId, admin.userId)
		).rejects.toMatchObject({ code: 'last_admin' });
		const second = await createMember(admin, 'admin');
		await updateMember(db, admin.userId, admin.workspaceId, {
			userId: admin.userId,
			role: 'member',
			departmentId: null
		});
		expect(await findMembership(db, admin.userId, admin.workspaceId)).toMatchObject({
			role: 'member'
		});
		await expect(
			removeMember(db, second.userId, admin.workspaceId, second.userId)
		).rejects.toMatchObject({ code: 'last_admin' });
	});

	it('two admins demoting each other at once leave one admin', async () => {
		const admin = await createAdmin();
		const second = await createMember(admin, 'admin');
		const results = await Promise.allSettled([
			updateMember(db, admin.userId, admin.workspaceId, {
				userId: second.userId,
				role: 'member',
				departmentId: null
			}),
			updateMember(db, second.userId, admin.workspaceId, {
				userId: admin.userId,
				role: 'member',
				departmentId: null
			})
		]);
		const roles = await listMembers(db, admin.userId, admin.workspaceId).catch(() =>
			listMembers(db, second.userId, admin.workspaceId)
		);
		expect(roles.filter((r) => r.role === 'admin')).toHaveLength(1);
		expect(results.some((r) => r.status === 'fulfilled')).toBe(true);
	});

	it('removes a member, who then has no access', async () => {
		const admin = await createAdmin();
		const member = await createMember(admin);
		await removeMember(db, admin.userId, admin.workspaceId, member.userId);
		await expect(listMembers(db, member.userId, admin.workspaceId)).rejects.toMatchObject({
			code: 'forbidden'
		});
	});

	it('keeps department names unique per workspace and frees members of a deleted one', async () => {
		const admin = await createAdmin();
		const member = await createMember(admin);
		const id = await createDepartment(db, admin.userId, admin.workspaceId, 'Doctors');
		await expect(
			createDepartment(db, admin.userId, admin.workspaceId, 'Doctors')
		).rejects.toMatchObject({
			code: 'department_exists',
			field: 'departmentName'
		});
		await updateMember(db, admin.userId, admin.workspaceId, {
			userId: member.userId,
			role: 'member',
			departmentId: id
		});
		await deleteDepartment(db, admin.userId, admin.workspaceId, id);
		expect(await listDepartments(db, admin.userId, admin.workspaceId)).toEqual([]);
		expect(await findMembership(db, member.userId, admin.workspaceId)).toMatchObject({
			departmentId: null
		});
	});
});
