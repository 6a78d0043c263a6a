import { describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshots, useBrowser } from '../../utils/browser';
import {
	newAccount,
	signOut,
	signUp,
	submitSignIn,
	WORKSPACE_HOME
} from '../../utils/e2e-accounts';
import { waitForHydration } from '../../utils/e2e-workspace';

/** Picks a language in the header's selector, which submits itself, and waits for the page in that language. */
async function switchLanguage(page: Page, language: string, homeTitle: string): Promise<void> {
	await waitForHydration(page);
	await page.locator('#language-select').selectOption(language);
	await page.getByRole('heading', { level: 1, name: homeTitle, exact: true }).waitFor();
}

const documentLanguage = (page: Page) => page.evaluate(() => document.documentElement.lang);

describe.skipIf(!inject('appUrl'))('language switch', () => {
	const browser = useBrowser();

	it('switches to Russian and Bulgarian, remembered across reloads and sign-ins', async () => {
		const shoot = screenshots('workspace-language');
		const account = newAccount('language');
		const page = await browser.newPage();
		const workspaceId = await signUp(page, account, shoot);
		await shoot(page, 'home-english');
		expect(await documentLanguage(page)).toBe('en');

		await switchLanguage(page, 'ru', 'Стратегические сессии');
		await shoot(page, 'home-russian');
		expect(await documentLanguage(page)).toBe('ru');
		expect(await page.locator('#language-select').inputValue()).toBe('ru');
		expect(
			await page.getByRole('heading', { name: 'Стратегических сессий пока нет' }).count()
		).toBe(1);

		await page.reload();
		await page
			.getByRole('heading', { level: 1, name: 'Стратегические сессии', exact: true })
			.waitFor();
		await shoot(page, 'home-russian-reloaded');
		expect(await documentLanguage(page)).toBe('ru');

		await signOut(page, 'Выйти');
		await page.getByRole('heading', { level: 1, name: 'Вход' }).waitFor();
		await shoot(page, 'signin-russian');
		expect(await documentLanguage(page)).toBe('ru');

		// A browser that never chose a language gets Russian back from the profile on sign-in.
		const elsewhere = await browser.newPage();
		await submitSignIn(elsewhere, account.email, account.password, shoot);
		await elsewhere.waitForURL((url) => WORKSPACE_HOME.test(url.pathname));
		await elsewhere
			.getByRole('heading', { level: 1, name: 'Стратегические сессии', exact: true })
			.waitFor();
		await shoot(elsewhere, 'home-russian-after-signin');
		expect(await elsewhere.locator('#language-select').inputValue()).toBe('ru');
		expect(await documentLanguage(elsewhere)).toBe('ru');

		await switchLanguage(elsewhere, 'bg', 'Стратегически сесии');
		await shoot(elsewhere, 'home-bulgarian');
		expect(await documentLanguage(elsewhere)).toBe('bg');

		await elsewhere.goto(`/w/${workspaceId}/profile`);
		await elsewhere.getByRole('heading', { level: 1 }).waitFor();
		await shoot(elsewhere, 'profile-bulgarian');
		expect(await elsewhere.locator('#profile-language').inputValue()).toBe('bg');
	});
});
