import { describe, expect, inject, it } from 'vitest';
import { screenshots, useBrowser } from '../../utils/browser';
import { newAccount, pathOf, signUp, submitSignIn } from '../../utils/e2e-accounts';

describe.skipIf(!inject('appUrl'))('a page visited while signed out', () => {
	const browser = useBrowser();

	it('redirects to sign-in and returns there after signing in', async () => {
		const shoot = screenshots('auth-return-after-sign-in');
		const account = newAccount('return');
		const owner = await browser.newPage();
		const workspaceId = await signUp(owner, account, shoot);
		await shoot(owner, 'workspace-home');

		const page = await browser.newPage();
		const target = `/w/${workspaceId}/members`;
		await page.goto(target);
		await page.waitForURL((url) => url.pathname === '/signin');
		await shoot(page, 'signin-with-redirect');
		expect(new URL(page.url()).searchParams.get('redirectTo')).toBe(target);

		await submitSignIn(page, account.email, account.password, shoot);
		await page.waitForURL((url) => url.pathname === target);
		await page.getByRole('heading', { level: 1, name: 'Members' }).waitFor();
		await shoot(page, 'members-after-signin');
		expect(pathOf(page)).toBe(target);
	});
});
