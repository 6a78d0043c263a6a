// Signing out on a shared workshop computer leaves none of the signed-in person's documents in the
// browser: the sign-in page deletes every local copy (IndexedDB) of a room, and nothing else, then
// drops its ?signedOut marker from the address.
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { screenshots, useBrowser } from '../../utils/browser';
import { newAccount, pathOf, signOut, signUp } from '../../utils/e2e-accounts';
import { waitForHydration } from '../../utils/e2e-workspace';

/** Names of this origin's IndexedDB databases. */
function databases(page: Page): Promise<string[]> {
	return page.evaluate(async () =>
		(await indexedDB.databases()).flatMap((info) => (info.name ? [info.name] : []))
	);
}

describe.skipIf(!inject('appUrl'))('signing out', () => {
	const browser = useBrowser();

	it('deletes the local copies of documents, and only those', async () => {
		const shoot = screenshots('auth-sign-out-clears-local');
		const page = await browser.newPage();
		const workspaceId = await signUp(page, newAccount('signout'), shoot);

		// A session whose grouping board the facilitator opens: the board keeps a local copy.
		await page.goto(`/w/${workspaceId}/sessions/new`);
		await page.getByLabel('Title').fill('Shared computer');
		await page.getByRole('button', { name: 'Create session' }).click();
		await page.waitForURL((url) => url.pathname.startsWith('/s/'));
		const sessionId = pathOf(page).split('/')[2] ?? '';
		await waitForHydration(page);
		// Nobody wrote a definition yet: the facilitator is asked, and goes on.
		page.once('dialog', (dialog) => void dialog.accept());
		await page.getByRole('button', { name: 'Group into themes' }).click();
		await expect
			.poll(() => databases(page), { timeout: 15_000 })
			.toContainEqual(expect.stringMatching(new RegExp(`^focusboard:.*\\.board\\.${sessionId}$`)));
		// A database that is not ours stays.
		await page.evaluate(
			() =>
				new Promise<void>((resolve, reject) => {
					const request = indexedDB.open('someone-else');
					request.onsuccess = () => {
						request.result.close();
						resolve();
					};
					request.onerror = () => reject(new Error('could not open'));
				})
		);
		await shoot(page, 'board-open');

		await page.goto(`/w/${workspaceId}`);
		await signOut(page);
		await page
			.locator('[data-signed-out][data-local-cleared="true"]')
			.waitFor({ state: 'attached' });
		await shoot(page, 'signed-out');

		const left = await databases(page);
		expect(left.filter((name) => name.startsWith('focusboard:'))).toEqual([]);
		expect(left).toContain('someone-else');
		expect(await page.evaluate(() => localStorage.getItem('focusboard.sync.caches'))).toBeNull();
		// The marker is gone from the address: a reload does not clear again or say "signed out".
		expect(new URL(page.url()).search).toBe('');
		expect(pathOf(page)).toBe('/signin');
	});
});
