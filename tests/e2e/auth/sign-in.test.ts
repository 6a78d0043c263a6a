import { describe, expect, inject, it } from 'vitest';
import { screenshots, useBrowser } from '../../utils/browser';
import { newAccount, pathOf, signOut, signUp, submitSignIn } from '../../utils/e2e-accounts';

describe.skipIf(!inject('appUrl'))('sign in and sign out', () => {
	const browser = useBrowser();

	it('signs out from the top bar and back in with the right password', async () => {
		const shoot = screenshots('auth-sign-in');
		const page = await browser.newPage();
		const account = newAccount('signin');
		const workspaceId = await signUp(page, account, shoot);
		await shoot(page, 'workspace-home');

		await signOut(page);
		await page.getByRole('heading', { name: 'Sign in' }).waitFor();
		await shoot(page, 'signed-out');
		expect(pathOf(page)).toBe('/signin');
		expect(await page.locator('[data-signed-out]').count()).toBe(1);
		expect((await page.context().cookies()).map((cookie) => cookie.name)).not.toContain(
			'fb_session'
		);

		await submitSignIn(page, account.email, account.password, shoot);
		await page.waitForURL((url) => url.pathname === `/w/${workspaceId}`);
		await page.getByRole('heading', { name: 'Strategy sessions', exact: true }).waitFor();
		await shoot(page, 'signed-in-again');
		expect(await page.getByRole('banner').textContent()).toContain(account.workspaceName);
	});

	it('refuses a wrong password with one message and stays signed out', async () => {
		const shoot = screenshots('auth-wrong-password');
		const page = await browser.newPage();
		const account = newAccount('wrongpw');
		const workspaceId = await signUp(page, account, shoot);
		await shoot(page, 'workspace-home');
		await signOut(page);
		await shoot(page, 'signed-out');

		await submitSignIn(page, account.email, `${account.password} typo`, shoot);
		const alert = page.getByRole('alert');
		await alert.waitFor();
		await shoot(page, 'signin-refused');
		expect(await alert.textContent()).toContain('Wrong e-mail or password.');
		expect(pathOf(page)).toBe('/signin');
		expect(await page.getByLabel('E-mail').inputValue()).toBe(account.email);
		expect((await page.context().cookies()).map((cookie) => cookie.name)).not.toContain(
			'fb_session'
		);

		// Still signed out: the workspace sends the browser back to sign-in.
		await page.goto(`/w/${workspaceId}`);
		await page.waitForURL((url) => url.pathname === '/signin');
		await shoot(page, 'workspace-redirects-to-signin');
		expect(pathOf(page)).toBe('/signin');
	});
});
