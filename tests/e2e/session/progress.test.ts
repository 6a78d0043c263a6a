// Clear next steps in a live session, in Chromium: on stage 1 submitting is being done (one count,
// no second button) and the participant is told what happens next; a long pasted definition is
// kept whole, counted and refused until shortened; the timer field says what it counts; the
// facilitator is asked before jumping over stages with no work, and may go on; a double click (or
// two requests at once) on "Save version" makes one version.
import { describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshots, useBrowser } from '../../utils/browser';
import {
	draftEditor,
	LIVE_TIMEOUT_MS,
	openSessionWithMember,
	waitForLive,
	waitForStage,
	waitForSync
} from './steps';

/** Inserts `text` into the focused field as a paste does (through the browser's editing, which honors maxlength). */
async function paste(page: Page, selector: string, text: string): Promise<void> {
	await page.locator(selector).focus();
	await page.evaluate((value) => document.execCommand('insertText', false, value), text);
}

describe.skipIf(!inject('appUrl'))('next steps in a live session', () => {
	const browser = useBrowser();

	it('shows one progress per stage, counts text limits, warns before empty stages and saves a version once', async () => {
		const shoot = screenshots('session-progress');
		const { fay, max, sessionPath } = await openSessionWithMember(
			browser.newPage,
			'Progress check'
		);
		await max.goto(sessionPath);
		await waitForLive(max);

		// Stage 1: one idea of progress, and a line saying what to do.
		await max
			.getByText(
				'Write your definition and press “Submit my definition”. Nobody sees it until the facilitator reveals all of them.'
			)
			.waitFor();
		expect(await max.getByRole('button', { name: "I'm done" }).count()).toBe(0);

		// A pasted text over the limit is kept whole, counted, and neither saved nor sent.
		const long = `${'We keep every promise we make to a patient. '.repeat(50)}`.slice(0, 2100);
		await paste(max, '#own-definition', long);
		expect(await max.locator('#own-definition').inputValue()).toHaveLength(2100);
		await max.getByText('100 characters too long (at most 2,000): shorten it to save').waitFor();
		expect(await max.getByRole('button', { name: 'Submit my definition' }).isDisabled()).toBe(true);
		await shoot(max, 'definition-too-long');
		await max.locator('#own-definition').fill('We keep every promise we make to a patient.');
		await max.getByText('43 / 2,000').waitFor();
		await max.getByLabel(/^Your role/).fill('Front desk');
		await max.getByText('10 / 60').waitFor();
		await max.getByRole('button', { name: 'Submit my definition' }).click();
		await max
			.getByText('Everyone has submitted. Waiting for the facilitator to reveal all definitions.')
			.waitFor({ timeout: LIVE_TIMEOUT_MS });
		await fay.getByText('1 of 1 submitted').waitFor({ timeout: LIVE_TIMEOUT_MS });
		await fay.getByRole('heading', { name: 'Submitted: 1 of 1' }).waitFor();
		await shoot(max, 'submitted-next-step');

		// The timer field is labelled and gives its unit.
		await fay.getByLabel('Timer (Minutes)').waitFor();
		expect(await fay.locator('.controls .unit').textContent()).toBe('min');

		// Straight to the shared definition with nothing revealed, grouped or proposed: asked first.
		const stages = fay.getByRole('navigation', { name: 'Stages' });
		const questions: string[] = [];
		fay.once('dialog', (dialog) => {
			questions.push(dialog.message());
			void dialog.dismiss();
		});
		await stages.getByRole('button', { name: /Shared definition$/ }).click();
		await expect.poll(() => questions.length).toBe(1);
		expect(questions[0]).toBe(
			'Nothing has been done yet in “Own definitions”, “Group into themes”, “Criteria and voting”. Move everyone to “Shared definition” anyway?'
		);
		await waitForStage(fay, 'Own definitions');
		fay.once('dialog', (dialog) => void dialog.accept());
		await stages.getByRole('button', { name: /Shared definition$/ }).click();
		await waitForStage(fay, 'Shared definition');
		await waitForStage(max, 'Shared definition');
		await max
			.getByText("When you have finished here, press “I'm done”: the facilitator sees who is done.")
			.waitFor();

		// "Save version": a double click, then two requests at once, make one version.
		await waitForSync(fay);
		await draftEditor(fay).click();
		await fay.keyboard.type('Every patient knows what happens next.');
		await fay.getByRole('button', { name: 'Save version' }).dblclick();
		await fay
			.getByText('v1 · Every patient knows what happens next.')
			.waitFor({ timeout: LIVE_TIMEOUT_MS });
		const statuses = await fay.evaluate(async (path) => {
			const save = () =>
				fetch(`${path}/draft`, {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify({ action: 'save', name: '' })
				}).then((response) => response.status);
			return Promise.all([save(), save()]);
		}, sessionPath);
		expect(statuses).toEqual([200, 200]);
		await fay.reload();
		await waitForLive(fay);
		await fay
			.getByText('v1 · Every patient knows what happens next.')
			.waitFor({ timeout: LIVE_TIMEOUT_MS });
		const versions = fay.getByRole('region', { name: 'Versions' }).getByRole('listitem');
		expect(await versions.count()).toBe(1);
		await shoot(fay, 'one-version');
	});
});
