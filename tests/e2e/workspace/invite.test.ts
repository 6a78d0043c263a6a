import { describe, expect, inject, it } from 'vitest';
import { screenshots, useBrowser } from '../../utils/browser';
import { newAccount, signUp, uniqueSuffix } from '../../utils/e2e-accounts';
import {
	addDepartment,
	createInviteLink,
	joinByInvite,
	openMembers
} from '../../utils/e2e-workspace';

describe.skipIf(!inject('appUrl'))('invite link', () => {
	const browser = useBrowser();

	it('lets a second person join as facilitator once, and is refused after that', async () => {
		const shoot = screenshots('workspace-invite');
		const adminAccount = newAccount('admin');
		const admin = await browser.newPage();
		const workspaceId = await signUp(admin, adminAccount, shoot);
		await shoot(admin, 'admin-home');

		await openMembers(admin, workspaceId);
		await shoot(admin, 'members');
		const department = `Front desk ${uniqueSuffix()}`;
		await addDepartment(admin, department);
		await shoot(admin, 'members-department-added');
		const link = await createInviteLink(admin, { role: 'facilitator', department }, shoot);
		expect(link).toMatch(new RegExp(`^${inject('appUrl')}/invite/[\\w-]+$`));

		const inviteeAccount = newAccount('invitee');
		const invitee = await browser.newPage();
		await invitee.goto(link);
		const title = invitee.getByRole('heading', { level: 1 });
		await title.waitFor();
		await shoot(invitee, 'invite-opened');
		expect(await title.textContent()).toBe(`Join ${adminAccount.workspaceName}`);
		expect(await invitee.getByText('You have been invited as Facilitator.').count()).toBe(1);

		const joinedId = await joinByInvite(invitee, link, inviteeAccount, shoot);
		await shoot(invitee, 'invitee-home');
		expect(joinedId).toBe(workspaceId);
		expect(
			await invitee.getByRole('navigation', { name: 'Main navigation' }).textContent()
		).toContain('Facilitator');

		await admin.goto(`/w/${workspaceId}/members`);
		const row = admin.getByRole('row').filter({ hasText: inviteeAccount.email });
		await row.waitFor();
		await shoot(admin, 'members-with-invitee');
		expect(await row.textContent()).toContain(inviteeAccount.name);
		expect(await row.getByLabel('Role').inputValue()).toBe('facilitator');
		expect(await row.getByLabel('Department').locator('option:checked').textContent()).toBe(
			department
		);
		expect(await admin.getByText('Members: 2').count()).toBe(1);
		expect(await admin.getByRole('region', { name: 'Invite people' }).textContent()).toContain(
			'No open invitations.'
		);

		const latecomer = await browser.newPage();
		await latecomer.goto(link);
		const problem = latecomer.getByRole('alert');
		await problem.waitFor();
		await shoot(latecomer, 'invite-used');
		expect(await problem.textContent()).toBe('This invitation has already been used.');
		expect(await latecomer.getByRole('heading', { level: 1 }).textContent()).toBe(
			'This invitation cannot be used'
		);
		expect(await latecomer.getByRole('button', { name: 'Join the workspace' }).count()).toBe(0);
	});
});
