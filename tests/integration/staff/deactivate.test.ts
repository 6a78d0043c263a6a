// People who left: deactivated in bulk (by hand or by "not in this file" on import), they lose
// every page, endpoint and open room at once and cannot sign in; reactivated, they come back
// with the role and department they had.
import { describe, expect, it, vi } from 'vitest';
import { db } from '$lib/server/db';
import { signIn } from '$lib/server/auth/accounts';
import { ACCOUNT_RULE } from '$lib/server/auth/sign-in-throttle';
import { validateSessionToken } from '$lib/server/auth/session';
import { portraitRoomName } from '$lib/server/portraits/documents';
import { applyStaffImport, previewStaffImport } from '$lib/server/staff/import';
import { findMembership, listUserWorkspaces } from '$lib/server/workspaces/access';
import { deactivateMembers, reactivateMembers } from '$lib/server/workspaces/deactivation';
import { listMembers, updateMember } from '$lib/server/workspaces/members';
import { createDepartment } from '$lib/server/workspaces/departments';
import { CloseCode } from '$lib/sync/close-codes';
import { createAdmin, createMember, TEST_PASSWORD } from '../../utils/factories';
import { useAppSyncServer } from '../../utils/app-sync-server';
import { insertPortrait } from '../journeys/world';

const sync = useAppSyncServer();
const credentials = (email: string) => ({
	email,
	password: TEST_PASSWORD,
	clientAddress: '198.51.100.7'
});

describe('deactivating members who left', () => {
	it('deactivates the members not in the file, after showing them, and closes their rooms at once', async () => {
		const admin = await createAdmin('Ada Admin');
		const stays = await createMember(admin, 'member', 'Anna Stays');
		const leaves = await createMember(admin, 'facilitator', 'Tom Leaves');
		const portrait = {
			id: await insertPortrait(admin.workspaceId, 'Busy parent'),
			workspaceId: admin.workspaceId
		};
		const room = sync.connect(portraitRoomName(portrait), leaves.token);
		const staying = sync.connect(portraitRoomName(portrait), stays.token);
		await Promise.all([room.synced(), staying.synced()]);

		// The admin importing is never deactivated, even when the file does not list them.
		const csv = `name;email\nAnna Stays;${stays.email}\n`;
		const options = { deactivateMissing: true };
		const preview = await previewStaffImport(db, admin.userId, admin.workspaceId, csv, options);
		expect(preview.deactivate).toEqual([
			{ userId: leaves.userId, name: 'Tom Leaves', email: leaves.email, role: 'facilitator' }
		]);
		expect(await findMembership(db, leaves.userId, admin.workspaceId)).not.toBeNull();
		const result = await applyStaffImport(db, admin.userId, admin.workspaceId, csv, {
			...options,
			fingerprint: preview.fingerprint
		});
		expect(result.deactivated).toBe(1);

		await vi.waitFor(() => expect(room.closeCodes).toHaveLength(1));
		expect([CloseCode.Unauthorized, CloseCode.Forbidden]).toContain(room.closeCodes[0]);
		expect(staying.closeCodes).toEqual([]);
		expect(await findMembership(db, leaves.userId, admin.workspaceId)).toBeNull();
		expect(await listUserWorkspaces(db, leaves.userId)).toEqual([]);
		await expect(listMembers(db, leaves.userId, admin.workspaceId)).rejects.toMatchObject({
			code: 'forbidden'
		});
		expect(await validateSessionToken(db, leaves.token)).toBeNull();
		await expect(signIn(db, credentials(leaves.email))).rejects.toMatchObject({
			code: 'account_deactivated'
		});
		const listed = await listMembers(db, admin.userId, admin.workspaceId);
		expect(listed.find((m) => m.userId === leaves.userId)?.deactivatedAt).toBeInstanceOf(Date);
		expect(listed.find((m) => m.userId === admin.userId)?.deactivatedAt).toBeNull();

		// The same file again changes nothing; listing the person again brings them back.
		const again = await previewStaffImport(db, admin.userId, admin.workspaceId, csv, options);
		expect(again).toMatchObject({ deactivate: [], update: [], unchanged: 1 });
		const back = `name;email\nAnna Stays;${stays.email}\nTom Leaves;${leaves.email}\n`;
		const comeback = await previewStaffImport(db, admin.userId, admin.workspaceId, back, options);
		expect(comeback.update).toMatchObject([
			{ userId: leaves.userId, reactivate: true, role: 'facilitator' }
		]);
		await applyStaffImport(db, admin.userId, admin.workspaceId, back, {
			...options,
			fingerprint: comeback.fingerprint
		});
		expect(await findMembership(db, leaves.userId, admin.workspaceId)).toMatchObject({
			role: 'facilitator'
		});
		await expect(signIn(db, credentials(leaves.email))).resolves.toMatchObject({
			userId: leaves.userId
		});
	});

	it('deactivates selected members and reactivates them with their role and department', async () => {
		const admin = await createAdmin();
		const a = await createMember(admin, 'member', 'A');
		const b = await createMember(admin, 'reader', 'B');
		const departmentId = await createDepartment(db, admin.userId, admin.workspaceId, 'Doctors');
		await updateMember(db, admin.userId, admin.workspaceId, {
			userId: a.userId,
			role: 'member',
			departmentId
		});
		const room = sync.connect(
			portraitRoomName({
				id: await insertPortrait(admin.workspaceId, 'Walk-in'),
				workspaceId: admin.workspaceId
			}),
			a.token
		);
		await room.synced();

		expect(await deactivateMembers(db, admin.userId, admin.workspaceId, [a.userId, b.userId])).toBe(
			2
		);
		await vi.waitFor(() => expect(room.closeCodes).toHaveLength(1));
		expect(await findMembership(db, a.userId, admin.workspaceId)).toBeNull();
		expect(await findMembership(db, b.userId, admin.workspaceId)).toBeNull();
		// Deactivating twice is no change.
		expect(await deactivateMembers(db, admin.userId, admin.workspaceId, [a.userId])).toBe(0);

		expect(await reactivateMembers(db, admin.userId, admin.workspaceId, [a.userId])).toBe(1);
		expect(await findMembership(db, a.userId, admin.workspaceId)).toMatchObject({
			role: 'member',
			departmentId
		});
		expect(await findMembership(db, b.userId, admin.workspaceId)).toBeNull();
		await expect(signIn(db, credentials(a.email))).resolves.toMatchObject({ userId: a.userId });
	});

	it('refuses non-admins, oneself and leaving no admin', async () => {
		const admin = await createAdmin();
		const second = await createMember(admin, 'admin', 'Second Admin');
		const facilitator = await createMember(admin, 'facilitator');
		await expect(
			deactivateMembers(db, facilitator.userId, admin.workspaceId, [second.userId])
		).rejects.toMatchObject({ code: 'forbidden' });
		await expect(
			reactivateMembers(db, facilitator.userId, admin.workspaceId, [second.userId])
		).rejects.toMatchObject({ code: 'forbidden' });
		await expect(
			deactivateMembers(db, admin.userId, admin.workspaceId, [admin.userId])
		).rejects.toMatchObject({
			code: 'deactivate_self'
		});
		expect(await deactivateMembers(db, admin.userId, admin.workspaceId, [second.userId])).toBe(1);
		// With the second admin gone, demoting the first would leave none: active admins are what count.
		await expect(
			updateMember(db, admin.userId, admin.workspaceId, {
				userId: admin.userId,
				role: 'member',
				departmentId: null
			})
		).rejects.toMatchObject({ code: 'last_admin' });
		expect(await findMembership(db, facilitator.userId, admin.workspaceId)).toMatchObject({
			role: 'facilitator'
		});
	});

	it("does not count a deactivated person's right password as a guess", async () => {
		const admin = await createAdmin('Nina Admin');
		const leaves = await createMember(admin, 'member', 'Lev Leaves');
		await deactivateMembers(db, admin.userId, admin.workspaceId, [leaves.userId]);
		// More tries than the account's free failures: each is refused as deactivated, none is
		// slowed, and the office address they share with colleagues is not charged for them.
		for (let i = 0; i <= ACCOUNT_RULE.freeFailures + 1; i++)
			await expect(signIn(db, credentials(leaves.email))).rejects.toMatchObject({
				code: 'account_deactivated'
			});
	});
});
