import { randomUUID } from 'node:crypto';
import { describe, expect, inject, it } from 'vitest';
import { screenshots, useBrowser } from '../../utils/browser';
import { newAccount, signUp } from '../../utils/e2e-accounts';

describe.skipIf(!inject('appUrl'))('forbidden and unknown pages', () => {
	const browser = useBrowser();

	it('shows a 403 page for a workspace the user does not belong to', async () => {
		const shoot = screenshots('workspace-forbidden');
		const stranger = await browser.newPage();
		const otherWorkspaceId = await signUp(stranger, newAccount('stranger'), shoot);
		await shoot(stranger, 'stranger-home');

		const page = await browser.newPage();
		await signUp(page, newAccount('outsider'), shoot);
		await shoot(page, 'own-home');

		for (const [label, workspaceId] of [
			['other-workspace', otherWorkspaceId],
			['unknown-workspace', randomUUID()]
		] as const) {
			const response = await page.goto(`/w/${workspaceId}`);
			await page.getByRole('heading', { level: 1 }).waitFor();
			await shoot(page, label);
			expect(response?.status()).toBe(403);
			expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('No access');
			expect(await page.getByRole('link', { name: 'Go to the start page' }).count()).toBe(1);
		}
	});

	it('shows a 404 page for an unknown address', async () => {
		const shoot = screenshots('workspace-not-found');
		const page = await browser.newPage();
		for (const [label, path] of [
			['no-such-page', '/no-such-page'],
			['malformed-workspace-id', '/w/not-a-uuid']
		] as const) {
			const response = await page.goto(path);
			await page.getByRole('heading', { level: 1 }).waitFor();
			await shoot(page, label);
			expect(response?.status()).toBe(404);
			expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Page not found');
		}
	});
});
