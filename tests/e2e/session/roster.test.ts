// The facilitator's roster in the live session, driven by keyboard: excusing a member turns their
// open page read-only and says why, bringing them back undoes it, and removing a guest (after a
// confirmation) takes the session from them.
import { describe, expect, inject, it } from 'vitest';
import { screenshots, useBrowser } from '../../utils/browser';
import { newAccount, pathOf, signUp } from '../../utils/e2e-accounts';
import {
	createInviteLink,
	joinByInvite,
	openMembers,
	waitForHydration
} from '../../utils/e2e-workspace';
import { LIVE_TIMEOUT_MS, noShots, waitForLive } from './steps';

const EXCUSED_NOTICE =
	'The facilitator has excused you: you can follow the session but not write. They can bring you back.';

describe.skipIf(!inject('appUrl'))('the facilitator’s roster', () => {
	const browser = useBrowser();

	it('excuses and brings back a member, and removes a guest', async () => {
		const shoot = screenshots('session-roster');
		const fay = await browser.newPage();
		const workspaceId = await signUp(fay, newAccount('owner'), noShots);
		await openMembers(fay, workspaceId);
		const link = await createInviteLink(fay, { role: 'member' }, noShots);
		const max = await browser.newPage();
		await joinByInvite(max, link, { ...newAccount('member'), name: 'Max Member' }, noShots);

		await fay.goto(`/w/${workspaceId}`);
		await waitForHydration(fay);
		await fay.getByRole('link', { name: 'New session' }).first().click();
		await waitForHydration(fay);
		await expect
			.poll(
				async () => {
					await fay.getByLabel('Max Member').check();
					return fay.getByLabel('Max Member').isChecked();
				},
				{ timeout: LIVE_TIMEOUT_MS, interval: 500 }
			)
			.toBe(true);
		await fay.getByLabel('Title').fill('Roster check');
		await fay.getByLabel('Let guests join by code (e.g. loyal customers)').check();
		await fay.getByRole('button', { name: 'Create session' }).click();
		await fay.waitForURL((url) => /^\/s\/[0-9a-f-]{36}$/.test(url.pathname));
		const sessionPath = pathOf(fay);
		await waitForLive(fay);
		const guestLine = fay.getByText(/^Guests join at \S+\/join with code [A-Z0-9]{6}$/);
		const code = /code ([A-Z0-9]{6})$/.exec((await guestLine.textContent()) ?? '')?.[1] ?? '';

		const gina = await browser.newPage();
		await gina.goto('/join');
		await gina.getByLabel('Session code').fill(code);
		await gina.getByLabel('Your name').fill('Gina Guest');
		await gina.getByRole('button', { name: 'Join' }).click();
		await gina.waitForURL((url) => url.pathname === sessionPath);
		await waitForLive(gina);
		await max.goto(sessionPath);
		await waitForLive(max);
		await fay.getByText('2 of 2 here').waitFor({ timeout: LIVE_TIMEOUT_MS });

		// The roster opens and works from the keyboard; each button names the person it acts on.
		const roster = fay.locator('details.roster');
		await roster.locator('summary').focus();
		await fay.keyboard.press('Enter');
		const excuseMax = roster.getByRole('button', { name: 'Excuse: Max Member' });
		await excuseMax.focus();
		await fay.keyboard.press('Enter');
		await max.getByText(EXCUSED_NOTICE).waitFor({ timeout: LIVE_TIMEOUT_MS });
		expect(await max.getByRole('button', { name: 'I’m done' }).count()).toBe(0);
		await fay.getByText('1 of 1 here').waitFor({ timeout: LIVE_TIMEOUT_MS });
		await shoot(fay, 'member-excused');
		await shoot(max, 'excused-notice');

		const bringBack = roster.getByRole('button', { name: 'Bring back: Max Member' });
		await bringBack.focus();
		await fay.keyboard.press('Enter');
		await expect
			.poll(() => max.getByText(EXCUSED_NOTICE).count(), { timeout: LIVE_TIMEOUT_MS })
			.toBe(0);
		await fay.getByText('2 of 2 here').waitFor({ timeout: LIVE_TIMEOUT_MS });

		fay.once('dialog', (dialog) => void dialog.accept());
		const removeGina = roster.getByRole('button', { name: 'Remove: Gina Guest' });
		await removeGina.focus();
		await fay.keyboard.press('Enter');
		await removeGina.waitFor({ state: 'detached', timeout: LIVE_TIMEOUT_MS });
		await fay.getByText('1 of 1 here').waitFor({ timeout: LIVE_TIMEOUT_MS });
		// Her cookie no longer resolves: the session sends her to sign in, as anyone without access.
		await gina.goto(sessionPath);
		expect(pathOf(gina)).toBe('/signin');
		expect(await gina.getByText('Gina Guest').count()).toBe(0);
		await shoot(gina, 'guest-removed');
	});
});
