// The journey map's measured level end to end: customers answer about a touchpoint placed in a
// stage and about the stage itself (a stage questionnaire, answered on a phone); the map's
// experience lane then shows the stage's level from those answers, with their count, beside the
// team's own estimate, and the emotion curve can be drawn from them; an improvement action on the
// stage, once done, shows the stage's answers before and after. The printable customer experience
// page carries the touchpoint's figures and the stage's action with its before and after.
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { screenshots, useBrowser } from '../../utils/browser';
import { newAccount, signUp } from '../../utils/e2e-accounts';
import { waitForHydration } from '../../utils/e2e-workspace';
import {
	emotionCurve,
	grid,
	placeTouchpoint,
	shownCell,
	waitForLive
} from '../customers/journey-page';
import { squash } from '../customers/steps';

const STAGE = 'First contact';

/** Customers answer a questionnaire without a browser page (a plain form post, as with no script). */
async function answerByForm(page: Page, answerUrl: string, levels: string[]) {
	const origin = new URL(answerUrl).origin;
	for (const level of levels) {
		const response = await page.request.post(answerUrl, {
			form: { level, expected: '', comment: '' },
			headers: { origin }
		});
		expect(response.status()).toBe(200);
	}
}

const measuredText = async (page: Page) =>
	squash(
		await (
			await shownCell(page, 'Experience level', STAGE)
		)
			.getByTestId('measured-level')
			.textContent()
	);

describe.skipIf(!inject('appUrl'))("a journey map's measured level", () => {
	const browser = useBrowser();

	it("shows customers' level beside the team's estimate and draws the curve from it", async () => {
		const shoot = screenshots('voice-map');
		const editor = await browser.newPage();
		const workspaceId = await signUp(editor, newAccount('voicemap'), shoot);
		const base = `/w/${workspaceId}`;

		// A touchpoint with its own questionnaire and eight customer answers.
		const created = await editor.request.post(`${base}/touchpoints/all`, {
			data: { name: 'Reception desk', type: 'business', kind: 'office', channel: 'Clinic' }
		});
		const { touchpoint } = (await created.json()) as { touchpoint: { id: string } };
		await editor.goto(`${base}/touchpoints/${touchpoint.id}`);
		await editor.getByRole('button', { name: 'Open a customer questionnaire' }).click();
		const deskLink = editor.getByTestId('answer-link');
		await deskLink.waitFor();
		await answerByForm(editor, (await deskLink.getAttribute('href'))!, [
			...Array<string>(6).fill('meets'),
			'exceeds',
			'exceeds'
		]);

		// A portrait and its journey map; the desk placed in the first stage.
		await editor.goto(`${base}/portraits/new`);
		await waitForHydration(editor);
		await editor.getByLabel('Name of the portrait').fill('Young parents');
		await editor.getByRole('button', { name: 'Create portrait' }).click();
		await editor.getByLabel('Title of the map').waitFor();
		await editor.getByLabel('Title of the map').fill('Clinic visit');
		await editor.getByRole('button', { name: 'Create map' }).click();
		await editor.waitForURL((url) => /\/journeys\/[0-9a-f-]{36}$/.test(url.pathname));
		await waitForLive(editor);
		await grid(editor).waitFor();
		await placeTouchpoint(editor, STAGE, 'Reception desk');
		await expect.poll(() => measuredText(editor)).toBe('Customers: too few answers (8 of 10)');

		// The stage's own questionnaire, opened from the panel below the map.
		const panel = editor.getByRole('region', { name: 'Customer questionnaires per stage' });
		const stageItem = panel.getByRole('listitem').filter({ hasText: STAGE });
		await stageItem.getByText('Open a questionnaire on this stage').click();
		await stageItem.getByRole('checkbox', { name: 'Comfort' }).check();
		await stageItem.getByRole('button', { name: 'Open a customer questionnaire' }).click();
		const stageLink = stageItem.getByTestId('stage-answer-link');
		await stageLink.waitFor();
		const stageUrl = (await stageLink.getAttribute('href'))!;
		const qr = await editor.request.get(
			`${new URL(editor.url()).pathname}/stages/${await stageItem.getAttribute('data-stage')}/qr.svg`
		);
		expect(qr.headers()['content-type']).toBe('image/svg+xml');
		await shoot(editor, 'stage-questionnaire-opened');

		// A customer answers it on a phone, asked about the stage by its name.
		const customer = await browser.newPage({ viewport: { width: 390, height: 844 } });
		await customer.goto(stageUrl);
		await customer.getByRole('heading', { name: `${STAGE}: tell us how it was` }).waitFor();
		await customer.getByRole('radio', { name: 'Better than I expected' }).check();
		await customer
			.getByRole('radiogroup', { name: 'Comfort' })
			.getByRole('radio', { name: '5' })
			.check();
		await shoot(customer, 'customer-answering-stage');
		await customer.getByRole('button', { name: 'Send my answer' }).click();
		await customer
			.getByRole('heading', { name: 'Thank you! Your answer has been received.' })
			.waitFor();
		await answerByForm(customer, stageUrl, ['exceeds']);

		// The map counts the desk's 8 answers and the stage's 2: a level, beside the team's estimate.
		await editor.reload();
		await waitForLive(editor);
		await grid(editor).waitFor();
		await expect.poll(() => measuredText(editor)).toBe('Customers: Meets expectations 10 answers');
		const experienceCell = await shownCell(editor, 'Experience level', STAGE);
		await experienceCell.getByRole('combobox').selectOption('below');
		expect(await experienceCell.getByRole('combobox').inputValue()).toBe('below');
		expect(
			await panel
				.getByRole('listitem')
				.filter({ hasText: STAGE })
				.getByTestId('measured-level')
				.textContent()
		).toContain('10 answers');
		await experienceCell.scrollIntoViewIfNeeded();
		await shoot(editor, 'measured-beside-estimate');

		// An improvement action on the stage, added below the map and done: the stage's answers
		// before it (all ten satisfied) and after (none yet).
		const title = 'Greet every parent by name';
		await stageItem.getByText(`Add an improvement action on ${STAGE}`).click();
		await stageItem.getByLabel('What will change').fill(title);
		await stageItem.getByRole('button', { name: 'Add the action' }).click();
		const action = stageItem.getByTestId('action').filter({ hasText: title });
		await action.waitFor();
		await action.getByRole('combobox', { name: `Status: ${title}` }).selectOption('done');
		await action.getByRole('button', { name: 'Update' }).click();
		await expect
			.poll(async () => squash(await action.getByTestId('before-after').textContent()))
			.toBe('Customers satisfied before: 10 of 10; after: 0 of 0.');
		await shoot(editor, 'stage-action-done');

		// The emotion curve: the team set no score; drawn from customers' answers, the first stage
		// sits at +1.2 (a mean of 3.4 of 4) and the others, without answers, have no point.
		expect(await emotionCurve(editor).getAttribute('aria-label')).toContain(`${STAGE}: —`);
		await editor.getByRole('radio', { name: "customers' answers" }).check();
		await expect
			.poll(() => emotionCurve(editor).getAttribute('aria-label'))
			.toContain(`${STAGE}: +1.2; Consideration: —`);
		// The map scrolled to its first stage and down to the curve, for the picture.
		await grid(editor).evaluate((element) => {
			const scroller = element.parentElement;
			if (scroller) scroller.scrollTo({ left: 0, top: scroller.scrollHeight });
		});
		await shoot(editor, 'curve-from-customers');
		await editor.getByRole('radio', { name: "team's estimate" }).check();
		await expect
			.poll(() => emotionCurve(editor).getAttribute('aria-label'))
			.toContain(`${STAGE}: —`);

		// The printable customer experience page carries the desk's figures.
		await editor.goto(`${base}/touchpoints/experience`);
		const desk = editor.getByRole('region', { name: 'Reception desk' });
		await desk.waitFor();
		expect(squash(await desk.textContent())).toContain('Customer answers: 8');
		// …and, after the touchpoints, the stage's action with its before and after.
		const stageActions = editor.getByRole('region', {
			name: 'Improvement actions on journey stages'
		});
		const printed = squash(await stageActions.textContent());
		expect(printed).toContain(STAGE);
		expect(printed).toContain(title);
		expect(printed).toContain('Customers satisfied before: 10 of 10; after: 0 of 0.');
		await shoot(editor, 'experience-page');
	});
});
