// The facilitator's roster in the live session, driven by keyboard: excusing a member turns their
// open page read-only and says why, bringing them back undoes it, and removing a guest (after a
// confirmation) takes the session from them.
import { describe, expect, inject, it } from 'vitest';
import { screenshots, useBrowser } from '../../utils/browser';
import { pathOf } from '../../utils/e2e-accounts';
import { LIVE_TIMEOUT_MS, joinAsGuest, openSessionWithMember, waitForLive } from './steps';

const EXCUSED_NOTICE =
	'The facilitator has excused you: you can follow the session but not write. They can bring you back.';

describe.skipIf(!inject('appUrl'))('the facilitator’s roster', () => {
	const browser = useBrowser();

	it('excuses and brings back a member, and removes a guest', async () => {
		const shoot = screenshots('session-roster');
		const { fay, max, sessionPath, code } = await openSessionWithMember(
			browser.newPage,
			'Roster check',
			{ guests: true }
		);

		const gina = await browser.newPage();
		await joinAsGuest(gina, code, 'Gina Guest', sessionPath);
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
