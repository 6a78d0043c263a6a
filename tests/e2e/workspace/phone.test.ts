import { describe, expect, inject, it } from 'vitest';
import { screenshots, useBrowser } from '../../utils/browser';
import { newAccount, signUp } from '../../utils/e2e-accounts';

/** An iPhone 12-sized screen. */
const PHONE = { width: 390, height: 844 };

describe.skipIf(!inject('appUrl'))('on a phone', () => {
	const browser = useBrowser();

	it('shows the workspace home with the navigation at the bottom of the screen', async () => {
		const shoot = screenshots('workspace-phone');
		const page = await browser.newPage({ viewport: PHONE });
		await signUp(page, newAccount('phone'), shoot);
		await shoot(page, 'home');

		const nav = page.getByRole('navigation', { name: 'Main navigation' });
		const box = await nav.boundingBox();
		expect(box).not.toBeNull();
		expect(Math.round((box?.y ?? 0) + (box?.height ?? 0))).toBe(PHONE.height);
		const links = nav.getByRole('link');
		expect(await links.allTextContents()).toEqual([
			'Sessions',
			'Definition',
			'Customers',
			'Touchpoints',
			'Members',
			'Profile'
		]);
		const tops = await Promise.all(
			(await links.all()).map(async (link) => (await link.boundingBox())?.y)
		);
		expect(new Set(tops).size).toBe(1);
		expect(await page.getByRole('heading', { level: 1 }).isVisible()).toBe(true);
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
			PHONE.width
		);
	});
});
