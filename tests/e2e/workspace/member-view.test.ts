import { describe, expect, inject, it } from 'vitest';
import { screenshots, useBrowser } from '../../utils/browser';
import { newAccount, signUp } from '../../utils/e2e-accounts';
import { createInviteLink, joinByInvite, openMembers } from '../../utils/e2e-workspace';

describe.skipIf(!inject('appUrl'))('a member who is not an admin', () => {
	const browser = useBrowser();

	it('sees the members but no invite, department or role controls', async () => {
		const shoot = screenshots('workspace-member-view');
		const adminAccount = newAccount('owner');
		const admin = await browser.newPage();
		const workspaceId = await signUp(admin, adminAccount, shoot);
		await shoot(admin, 'admin-home');
		await openMembers(admin, workspaceId);
		await shoot(admin, 'admin-members');
		const link = await createInviteLink(admin, { role: 'member' }, shoot);

		const memberAccount = newAccount('member');
		const member = await browser.newPage();
		await joinByInvite(member, link, memberAccount, shoot);
		await shoot(member, 'member-home');
		expect(await member.getByRole('link', { name: 'Invite your team' }).count()).toBe(0);
		expect(await member.getByText('Your facilitator will start the first session').count()).toBe(1);

		await openMembers(member, workspaceId);
		await shoot(member, 'member-members');
		expect(
			await member.getByRole('row').filter({ hasText: adminAccount.email }).textContent()
		).toContain('Admin');
		expect(await member.getByRole('region', { name: 'Invite people' }).count()).toBe(0);
		expect(await member.getByRole('button', { name: 'Create invite link' }).count()).toBe(0);
		expect(await member.getByRole('region', { name: 'Departments' }).count()).toBe(0);
		expect(await member.getByRole('table').getByRole('combobox').count()).toBe(0);
		expect(await member.getByRole('table').getByRole('button').count()).toBe(0);
	});
});
