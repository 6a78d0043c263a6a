// On a slow phone a person types before the app's scripts have arrived; when they arrive, the
// page must keep what was typed (a wiped password field leaves a form that silently will not submit).
import { describe, expect, inject, it } from 'vitest';
import { screenshots, useBrowser } from '../../utils/browser';
import { waitForHydration } from '../../utils/e2e-workspace';

describe.skipIf(!inject('appUrl'))('typing before the scripts arrive', () => {
	const browser = useBrowser();

	it('keeps the e-mail and password typed into the sign-in form', async () => {
		const shoot = screenshots('typed-before-hydration');
		const page = await browser.newPage();
		let releaseScripts: () => void = () => {};
		const scriptsHeld = new Promise<void>((resolve) => (releaseScripts = resolve));
		await page.route('**/_app/immutable/**', async (route) => {
			await scriptsHeld;
			await route.fallback();
		});

		await page.goto('/signin', { waitUntil: 'domcontentloaded' });
		await page.getByLabel('E-mail').fill('early@example.com');
		await page.getByLabel('Password', { exact: true }).fill('typed before the scripts');
		expect(await page.locator('html[data-hydrated]').count()).toBe(0);

		releaseScripts();
		await waitForHydration(page);
		await shoot(page, 'hydrated');
		expect(await page.getByLabel('E-mail').inputValue()).toBe('early@example.com');
		expect(await page.getByLabel('Password', { exact: true }).inputValue()).toBe(
			'typed before the scripts'
		);
	});
});
