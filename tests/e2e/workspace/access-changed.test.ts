// A member with a portrait open is made a reader, then removed, by an admin in another browser:
// the open page follows at once and says why (the hardening issue: "the UI says why").
import { describe, expect, inject, it } from 'vitest';
import { screenshots, useBrowser } from '../../utils/browser';
import { newAccount, pathOf, signUp } from '../../utils/e2e-accounts';
import {
	createInviteLink,
	joinByInvite,
	openMembers,
	waitForHydration
} from '../../utils/e2e-workspace';

describe.skipIf(!inject('appUrl'))('a member whose rights are reduced while a page is open', () => {
	const browser = useBrowser();

	it('is told their access changed, then that it ended', async () => {
		const shoot = screenshots('workspace-access-changed');
		const adminAccount = newAccount('owner');
		const admin = await browser.newPage();
		const workspaceId = await signUp(admin, adminAccount, shoot);
		await openMembers(admin, workspaceId);
		const link = await createInviteLink(admin, { role: 'member' }, shoot);
		const memberAccount = newAccount('member');
		const member = await browser.newPage();
		await joinByInvite(member, link, memberAccount, shoot);

		await admin.goto(new URL(`/w/${workspaceId}/portraits/new`, admin.url()).href);
		await admin.getByLabel('Name of the portrait').fill('Busy parent');
		await admin.getByRole('button', { name: 'Create portrait' }).click();
		await admin.waitForURL((url) => /\/portraits\/[0-9a-f-]{36}$/.test(url.pathname));
		const portraitPath = pathOf(admin);

		await member.goto(new URL(portraitPath, member.url()).href);
		await waitForHydration(member);
		const status = member.locator('.connection-status');
		await expect.poll(() => status.getAttribute('data-status')).toBe('connected');
		expect(await member.getByRole('alert').filter({ hasText: 'access' }).count()).toBe(0);

		await openMembers(admin, workspaceId);
		const row = admin.getByRole('row').filter({ hasText: memberAccount.email });
		await row.getByRole('combobox').first().selectOption('reader');
		await row.getByRole('button', { name: `Save: ${memberAccount.name}` }).click();

		const notice = member.locator('.sync-notice');
		await expect
			.poll(() => notice.textContent(), { timeout: 5_000 })
			.toBe('Your access here was changed: you can now read but not edit.');
		await expect.poll(() => status.getAttribute('data-status')).toBe('read-only');
		await shoot(member, 'made-reader');

		admin.once('dialog', (dialog) => void dialog.accept());
		await row.getByRole('button', { name: `Remove: ${memberAccount.name}` }).click();
		await row.waitFor({ state: 'detached' });
		await expect
			.poll(() => notice.textContent(), { timeout: 5_000 })
			.toBe('You no longer have access to this. Ask a workspace admin if this is a mistake.');
		await shoot(member, 'removed');
	});
});
