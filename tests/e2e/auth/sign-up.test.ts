import { describe, expect, inject, it } from 'vitest';
import { screenshots, useBrowser } from '../../utils/browser';
import {
	newAccount,
	pathOf,
	signUp,
	submitSignIn,
	submitSignUp,
	uniqueSuffix,
	WORKSPACE_HOME
} from '../../utils/e2e-accounts';

describe.skipIf(!inject('appUrl'))('sign up', () => {
	const browser = useBrowser();

	it('creates a workspace and lands in it as its admin, with the empty state', async () => {
		const shoot = screenshots('auth-sign-up');
		const page = await browser.newPage();
		const account = newAccount('signup');

		const workspaceId = await signUp(page, account, shoot);
		await shoot(page, 'workspace-home');

		expect(pathOf(page)).toBe(`/w/${workspaceId}`);
		expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Strategy sessions');
		const empty = page.getByRole('region', { name: 'No strategy sessions yet' });
		expect(await empty.textContent()).toContain(account.workspaceName);
		expect(await empty.getByRole('link', { name: 'Invite your team' }).getAttribute('href')).toBe(
			`/w/${workspaceId}/members#invite`
		);
		const nav = page.getByRole('navigation', { name: 'Main navigation' });
		expect(await nav.textContent()).toContain(account.name);
		expect(await nav.textContent()).toContain('Admin');
	});

	it('refuses a taken e-mail with a field error and creates nothing', async () => {
		const shoot = screenshots('auth-sign-up-taken');
		const account = newAccount('taken');
		const first = await browser.newPage();
		await signUp(first, account, shoot);
		await shoot(first, 'first-workspace-home');

		const second = await browser.newPage();
		const again = {
			...account,
			workspaceName: `Second ${uniqueSuffix()}`,
			name: 'Eve',
			password: `other phrase ${uniqueSuffix()}`
		};
		await submitSignUp(second, again, shoot);
		const emailError = second.locator('#field-email-error');
		await emailError.waitFor();
		await shoot(second, 'signup-email-taken');

		expect(await emailError.textContent()).toBe('An account with this e-mail already exists.');
		expect(await second.getByLabel('E-mail').getAttribute('aria-invalid')).toBe('true');
		expect(pathOf(second)).toBe('/signup');
		expect(await second.getByLabel('Company or team name').inputValue()).toBe(again.workspaceName);

		// Nothing of the second attempt exists: its password does not sign in ...
		await submitSignIn(second, again.email, again.password, shoot);
		await second.getByRole('alert').filter({ hasText: 'Wrong e-mail or password.' }).waitFor();
		await shoot(second, 'signin-second-password-refused');
		expect(pathOf(second)).toBe('/signin');

		// ... and the first user still belongs to their one workspace only.
		await submitSignIn(second, account.email, account.password, shoot);
		await second.waitForURL((url) => WORKSPACE_HOME.test(url.pathname));
		await second.getByRole('link', { name: 'Profile' }).click();
		await second.getByRole('heading', { name: 'Your workspaces' }).waitFor();
		await shoot(second, 'profile-one-workspace');
		const workspaces = second
			.locator('section')
			.filter({ has: second.getByRole('heading', { name: 'Your workspaces' }) })
			.getByRole('listitem');
		expect(await workspaces.allTextContents()).toEqual([
			expect.stringContaining(account.workspaceName)
		]);
	});
});
