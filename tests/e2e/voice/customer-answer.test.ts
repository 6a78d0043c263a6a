// Part D end to end: an editor opens a questionnaire on a touchpoint; a customer on a phone, with
// no account and no script running, answers it in Bulgarian through the public link; the answer
// shows in the touchpoint's figures; once closed, the link says so.
import { describe, expect, inject, it } from 'vitest';
import { screenshots, useBrowser } from '../../utils/browser';
import { newAccount, signUp } from '../../utils/e2e-accounts';

describe.skipIf(!inject('appUrl'))('a customer questionnaire on a touchpoint', () => {
	const browser = useBrowser();

	it('is answered on a phone without an account and counted in the figures', async () => {
		const shoot = screenshots('voice');
		const editor = await browser.newPage();
		const workspaceId = await signUp(editor, newAccount('voice'), shoot);
		const created = await editor.request.post(`/w/${workspaceId}/touchpoints/all`, {
			data: { name: 'Call centre line', type: 'business', kind: 'phone', channel: 'Phone' }
		});
		const { touchpoint } = (await created.json()) as { touchpoint: { id: string } };
		const touchpointPage = `/w/${workspaceId}/touchpoints/${touchpoint.id}`;

		await editor.goto(touchpointPage);
		const questionnaireCard = editor.getByRole('region', { name: 'Voice of the customer' });
		await questionnaireCard.getByRole('checkbox', { name: 'Availability' }).check();
		await questionnaireCard.getByRole('checkbox', { name: 'Lead time' }).check();
		await questionnaireCard.getByRole('checkbox', { name: /leave a contact/ }).check();
		await editor.getByRole('button', { name: 'Open a customer questionnaire' }).click();
		const link = editor.getByTestId('answer-link');
		await link.waitFor();
		const answerUrl = (await link.getAttribute('href'))!;
		expect(answerUrl).toMatch(/\/q\/[\w-]{16}$/);
		const qr = await editor.request.get(`${touchpointPage}/qr.png`);
		expect(qr.headers()['content-type']).toBe('image/png');
		expect((await qr.body()).subarray(1, 4).toString()).toBe('PNG');
		expect(await editor.getByTestId('too-few').textContent()).toContain('0');
		await shoot(editor, 'questionnaire-opened');

		const customer = await browser.newPage({ viewport: { width: 390, height: 844 } });
		const scripts: string[] = [];
		customer.on('request', (request) => {
			if (request.resourceType() === 'script') scripts.push(request.url());
		});
		await customer.goto(answerUrl);
		await customer.getByRole('button', { name: 'Български' }).click();
		await customer
			.getByRole('heading', { name: /Call centre line: разкажете ни как мина/ })
			.waitFor();
		await customer.getByRole('radio', { name: 'По-зле, отколкото очаквах' }).check();
		await customer
			.getByRole('radiogroup', { name: 'Достъпност' })
			.getByRole('radio', { name: '2' })
			.check();
		await customer.getByLabel('Какво очаквахте?').fill('Да ми вдигнат до минута.');
		await customer
			.getByLabel('Какво друго бихте искали да ни кажете?')
			.fill('<b>Чаках</b> единадесет минути.');
		await customer.getByRole('checkbox', { name: /свържете с мен/ }).check();
		await customer.getByLabel('Имейл или телефон').fill('+359 88 555 0101');
		await shoot(customer, 'customer-answering');
		await customer.getByRole('button', { name: 'Изпрати отговора' }).click();
		await customer.getByRole('heading', { name: 'Благодарим! Отговорът ви е получен.' }).waitFor();
		await shoot(customer, 'customer-thanked');
		expect(scripts).toEqual([]);

		await editor.reload();
		const figures = editor.getByTestId('voice-figures');
		expect(await figures.getByRole('heading', { name: 'Customer answers: 1' }).count()).toBe(1);
		expect(await editor.getByTestId('level-below').textContent()).toBe('1');
		// The customer's text is shown as text, never as markup.
		expect(await figures.getByText('<b>Чаках</b> единадесет минути.').count()).toBe(1);
		expect(await figures.locator('b').count()).toBe(0);
		expect(await figures.getByText(/\+359 88 555 0101/).count()).toBe(1);
		// Our own view: the editor thinks customers are satisfied, and the gap says we rate it higher.
		await editor
			.getByRole('group', { name: 'How do our customers experience this touchpoint?' })
			.getByRole('radio', { name: 'Exceeds expectations' })
			.check();
		await editor.getByRole('button', { name: 'Save my view' }).click();
		await editor.getByText('Your view is saved.').waitFor();
		expect(await editor.getByTestId('voice-gap').textContent()).toContain('3.00 points higher');
		await shoot(editor, 'figures-and-gap');

		// A competitor's estimate on a criterion, beside what our customers rate it.
		await editor.getByLabel('Competitor', { exact: true }).fill('City Family Clinic');
		await editor
			.getByRole('region', { name: 'Against competitors' })
			.getByLabel('Criterion it aims at')
			.selectOption('availability');
		await editor.getByLabel('Estimate (1–5)').fill('4');
		await editor.getByLabel(/^Source/).fill('mystery call');
		await editor.getByRole('button', { name: 'Add the estimate' }).click();
		const availability = editor.getByTestId('competitor-availability');
		await availability.waitFor();
		expect(await availability.textContent()).toContain('our customers: 2');
		expect(await availability.textContent()).toContain('City Family Clinic: 4');

		// An improvement action aimed at what the customer named; once done, the next answers show whether the level moved.
		await editor.getByLabel('What will change').fill('Answer within three rings');
		await editor
			.getByRole('region', { name: 'Improvement actions' })
			.getByLabel('Criterion it aims at')
			.selectOption('lead_time');
		await editor.getByRole('button', { name: 'Add the action' }).click();
		const action = editor.getByTestId('action');
		await action.waitFor();
		await editor.getByLabel('Status: Answer within three rings').selectOption('done');
		await editor.getByRole('button', { name: 'Update' }).click();
		await editor.getByTestId('before-after').waitFor();
		await customer.goto(answerUrl);
		await customer.getByRole('radio', { name: 'Както очаквах' }).check();
		await customer.getByRole('button', { name: 'Изпрати отговора' }).click();
		await customer.getByRole('heading', { name: 'Благодарим! Отговорът ви е получен.' }).waitFor();
		await editor.reload();
		expect(await editor.getByTestId('before-after').textContent()).toBe(
			'Customers satisfied before: 0 of 1; after: 1 of 1.'
		);
		await shoot(editor, 'action-before-after');

		await editor.getByRole('button', { name: 'Close the questionnaire' }).click();
		await editor.getByText('This questionnaire is closed').waitFor();
		await customer.goto(answerUrl);
		await customer.getByRole('heading', { name: 'Анкетата е затворена' }).waitFor();
		expect(await customer.getByRole('button', { name: 'Изпрати отговора' }).count()).toBe(0);
	});
});
