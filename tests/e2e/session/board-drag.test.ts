// The grouping board's mouse drag right after someone else changed the board, in real Chromium
// against the production build: a facilitator and two guests, each in their own browser context.
// A card that another person has just moved out of a column, or into one, must not leave the drop
// areas holding the cards' old places: the card after it can still be dragged, and the card moved
// in can be picked up at once.
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import fixture from '../../../src/lib/server/demo/demo-workshop.json';
import { useBrowser } from '../../utils/browser';
import { newAccount, signUp, uniqueSuffix } from '../../utils/e2e-accounts';
import {
	boardCard,
	boardColumn,
	dragCard,
	eventually,
	LIVE_TIMEOUT_MS,
	nameNewTheme,
	noShots,
	photographingFailure,
	textsOf,
	waitForStage,
	waitForSync,
	createSessionForGuests,
	joinAsGuest
} from './steps';

const session = fixture.session;
const UNSORTED = 'Not grouped yet';
const THEME = session.themes[3].name;

describe.skipIf(!inject('appUrl'))('dragging a card on the grouping board', () => {
	const browser = useBrowser();

	it(
		'works right after someone else moved a card out of the column or into it',
		async () => {
			const screens = new Map<string, Page>();
			await photographingFailure(screens, () => dragAfterOthersMoved(screens));
		},
		6 * 60_000
	);

	async function dragAfterOthersMoved(screens: Map<string, Page>): Promise<void> {
		const elena = await browser.newPage();
		screens.set('Elena', elena);
		elena.on('dialog', (dialog) => void dialog.accept());
		const errors: string[] = [];
		const watch = (page: Page, name: string) =>
			page.on('pageerror', (error) => errors.push(`${name}: ${error.message}`));
		watch(elena, 'Elena');
		await signUp(
			elena,
			{
				...newAccount('drag'),
				name: 'Elena Petrova',
				workspaceName: `${fixture.workspace.name} ${uniqueSuffix()}`
			},
			noShots
		);

		// ── A session that guests join by code ──────────────────────────────────────────────────
		const { sessionId, code } = await createSessionForGuests(elena, session);

		const join = async (name: string): Promise<Page> => {
			const page = await browser.newPage();
			screens.set(name, page);
			watch(page, name);
			await joinAsGuest(page, code, name, `/s/${sessionId}`);
			return page;
		};
		const pavel = await join('Pavel (partner)');
		const irina = await join('Irina (loyal patient)');

		// ── Three definitions, revealed, on the board ───────────────────────────────────────────
		const texts = session.definitions.slice(0, 3).map((definition) => definition.text);
		for (const [page, text] of [
			[elena, texts[0]],
			[pavel, texts[1]],
			[irina, texts[2]]
		] as const) {
			await page.getByLabel('Your definition').fill(text);
			await page.getByLabel(/^Your role/).fill('Partner');
			await page.getByRole('button', { name: 'Submit my definition' }).click();
			await page
				.getByText('Submitted. You can still take it back and edit until the reveal.')
				.waitFor({ timeout: LIVE_TIMEOUT_MS });
		}
		await elena.getByRole('button', { name: 'Reveal all definitions' }).click();
		await elena
			.getByRole('heading', { name: 'All definitions are revealed' })
			.waitFor({ timeout: LIVE_TIMEOUT_MS });
		await elena.getByRole('button', { name: 'Next stage' }).click();
		for (const page of [pavel, irina]) {
			await waitForStage(page, 'Group into themes');
			await waitForSync(page);
			for (const text of texts) await boardCard(page, text).waitFor({ timeout: LIVE_TIMEOUT_MS });
		}
		await nameNewTheme(pavel, THEME);
		await boardColumn(irina, THEME).waitFor({ timeout: LIVE_TIMEOUT_MS });

		// The cards as Pavel sees them waiting: the first and the last.
		const waiting = (page: Page) =>
			textsOf(boardColumn(page, UNSORTED).getByRole('article').locator('.text'));
		const order = await waiting(pavel);
		expect(order.slice().sort()).toEqual(texts.slice().sort());
		const [first, middle, last] = order;

		// ── Irina moves the first card away; Pavel at once drags the last one ───────────────────
		await boardCard(irina, first).getByLabel('Move to').selectOption({ label: THEME });
		await eventually(() => waiting(pavel), [middle, last]);
		await dragCard(pavel, last, boardColumn(pavel, THEME));
		for (const page of [pavel, irina])
			await boardCard(boardColumn(page, THEME), last).waitFor({ timeout: LIVE_TIMEOUT_MS });

		// ── Irina moves the middle card into the theme; Pavel at once drags it back ─────────────
		await boardCard(irina, middle).getByLabel('Move to').selectOption({ label: THEME });
		await boardCard(boardColumn(pavel, THEME), middle).waitFor({ timeout: LIVE_TIMEOUT_MS });
		await dragCard(pavel, middle, boardColumn(pavel, UNSORTED));
		for (const page of [pavel, irina, elena]) await eventually(() => waiting(page), [middle]);
		for (const page of [pavel, irina, elena])
			await eventually(
				async () =>
					(await textsOf(boardColumn(page, THEME).getByRole('article').locator('.text'))).sort(),
				[first, last].sort()
			);
		expect(errors).toEqual([]);
	}
});
