// Consensus among the people who are there: an invited member never joins; the guest leaves and comes
// back in another browser, asks for her place by name and the facilitator confirms it (her old
// browser loses it); the facilitator excuses the absentee, which closes the round the guest agreed
// to; the definition is published and the absent member reads and acknowledges it. The definition
// page and the session report say who agreed, who was excused and who did not answer.
import { describe, expect, inject, it } from 'vitest';
import type { Locator } from 'playwright-core';
import { screenshots, useBrowser } from '../../utils/browser';
import { pathOf } from '../../utils/e2e-accounts';
import {
	LIVE_TIMEOUT_MS,
	askToJoinAsGuest,
	joinAsGuest,
	draftEditor,
	openSessionWithMember,
	waitForLive,
	waitForStage,
	waitForSync
} from './steps';

const DRAFT = 'We keep every promise we make to a patient.';

/** The lines of a provenance list as "label: names". */
function provenanceLines(scope: Locator): Promise<string[]> {
	return scope
		.locator('dl.provenance > div')
		.evaluateAll((rows) =>
			rows.map(
				(row) =>
					`${row.querySelector('dt')?.textContent?.trim() ?? ''}: ${row.querySelector('dd')?.textContent?.trim() ?? ''}`
			)
		);
}

const EXPECTED_PROVENANCE = [
	'Agreed: Gina Guest',
	'Agreed with a concern: nobody',
	'Objected: nobody',
	'Excused: Max Member',
	'Did not answer: nobody'
];

describe.skipIf(!inject('appUrl'))('consensus among the people who are there', () => {
	const browser = useBrowser();

	it('a guest reclaims her place from another browser, the absentee is excused, the round closes and is published with its provenance', async () => {
		const shoot = screenshots('session-attendance');
		// Max is invited to the session but never opens it.
		const { fay, max, workspaceId, sessionPath, code } = await openSessionWithMember(
			browser.newPage,
			'Attendance check',
			{ guests: true, namesShown: true }
		);

		// Gina joins on her laptop, then leaves it behind.
		const laptop = await browser.newPage();
		await joinAsGuest(laptop, code, 'Gina Guest', sessionPath);

		// On her phone (another browser) she types the code and her name: she waits for Fay.
		const phone = await browser.newPage();
		await askToJoinAsGuest(phone, code, '  gina guest ');
		await phone.waitForURL((url) => url.pathname === '/join/waiting');
		await phone.getByRole('heading', { name: 'Waiting for the facilitator' }).waitFor();
		await shoot(phone, 'guest-waits');

		const roster = fay.locator('details.roster');
		await roster.locator('summary').click();
		const confirm = roster.getByRole('button', { name: 'Confirm the new device: Gina Guest' });
		await confirm.waitFor({ timeout: LIVE_TIMEOUT_MS });
		// One place: the roster lists Gina once.
		expect(await roster.locator('li').filter({ hasText: 'Gina Guest' }).count()).toBe(1);
		await shoot(fay, 'reclaim-request');
		await confirm.click();
		await phone.waitForURL((url) => url.pathname === sessionPath, { timeout: LIVE_TIMEOUT_MS });
		await waitForLive(phone);
		await confirm.waitFor({ state: 'detached', timeout: LIVE_TIMEOUT_MS });
		// The laptop's cookie no longer opens the session.
		await laptop.goto(sessionPath);
		expect(pathOf(laptop)).toBe('/signin');

		// Fay writes a draft and saves it as version 1 (going on past the stages left empty).
		fay.once('dialog', (dialog) => void dialog.accept());
		await fay
			.getByRole('navigation', { name: 'Stages' })
			.getByRole('button', { name: /Shared definition/ })
			.click();
		await waitForStage(fay, 'Shared definition');
		await waitForSync(fay);
		await draftEditor(fay).click();
		await fay.keyboard.type(DRAFT);
		await fay.getByLabel('Version name').fill('Promises');
		await fay.getByRole('button', { name: 'Save version' }).click();
		await fay.getByText('v1 · Promises').waitFor({ timeout: LIVE_TIMEOUT_MS });

		// Consensus: Gina accepts on her phone; Max is not there, so agreement is not met yet.
		await fay.getByRole('button', { name: 'Next stage' }).click();
		await waitForStage(fay, 'Consensus');
		await waitForStage(phone, 'Consensus');
		await fay.getByRole('button', { name: 'Ask for consensus' }).click();
		await phone
			.getByRole('heading', { name: 'Version 1: Promises' })
			.waitFor({ timeout: LIVE_TIMEOUT_MS });
		// The radio button sits hidden under its label's icon: a person taps the label.
		await phone.getByText('I support it as it is.', { exact: true }).click();
		await expect
			.poll(() =>
				phone.getByRole('radio', { name: 'Accept I support it as it is.', exact: true }).isChecked()
			)
			.toBe(true);
		await phone.getByRole('button', { name: 'Send my answer' }).click();
		await fay
			.getByText('Agreement: nobody objects and at least 2 of the 2 expected answer.')
			.waitFor({ timeout: LIVE_TIMEOUT_MS });
		await fay
			.getByText('Not met yet: 1 of the 2 answers needed.')
			.waitFor({ timeout: LIVE_TIMEOUT_MS });
		expect(
			await fay.getByRole('button', { name: 'Close with the answers given' }).isDisabled()
		).toBe(true);
		await shoot(fay, 'rule-not-met');

		// Fay excuses Max: everyone still expected has agreed, so the round closes.
		await roster.getByRole('button', { name: 'Excuse: Max Member' }).click();
		await fay
			.getByText('Agreed without objection. Version 1 can now be published.')
			.waitFor({ timeout: LIVE_TIMEOUT_MS });
		await phone
			.getByText('Agreed without objection. Version 1 can now be published.')
			.waitFor({ timeout: LIVE_TIMEOUT_MS });

		await fay.getByRole('button', { name: 'Go to publishing' }).click();
		await waitForStage(fay, 'Publish and explain');
		await fay.getByLabel('What it means in daily work').fill('Say what happens next.');
		await fay.getByRole('button', { name: 'Publish as version 1' }).click();
		await fay.getByText('Published as version 1.').waitFor({ timeout: LIVE_TIMEOUT_MS });

		// Max, who never joined, reads who agreed and who was excused, and acknowledges.
		await max.goto(`/w/${workspaceId}/definition`);
		const provenance = max.getByRole('region', { name: 'Who agreed' });
		expect(await provenanceLines(provenance)).toEqual(EXPECTED_PROVENANCE);
		await max.getByRole('button', { name: 'I have read and understood' }).click();
		await max
			.getByText(/You confirmed on .+ that you have read and understood this version\./)
			.waitFor();
		await shoot(max, 'definition-provenance');

		// The session report keeps the same record, for the round and for the publication.
		await fay.goto(`/w/${workspaceId}/sessions/${sessionPath.split('/')[2]}/report`);
		const consensus = fay.locator('section#consensus');
		expect(await provenanceLines(consensus)).toEqual(EXPECTED_PROVENANCE);
		expect(await provenanceLines(fay.locator('section#publication'))).toEqual(EXPECTED_PROVENANCE);
		await shoot(fay, 'report-provenance');
	});
});
