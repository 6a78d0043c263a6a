// A session on a wall screen and a phone, in real Chromium against the production build: a guest on
// a phone writes a definition of the full 2,000 characters, and it stays a short card with "More"
// on the reveal grid, the grouping board and the projector (heights measured); the projector shows
// each stage's live state in large type; the phone's header keeps to two lines and its stage
// stepper shows the current stage; the ballot's "+" is disabled, with the reason beside it, when it
// cannot add a dot, and never asks the server in vain. Screenshots of the board and the projector
// at 1280×800 and 390×844 go to test-results/e2e/session/.
import type { Locator, Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import fixture from '../../../src/lib/server/demo/demo-workshop.json';
import { useBrowser } from '../../utils/browser';
import { newAccount, signUp, uniqueSuffix } from '../../utils/e2e-accounts';
import {
	boardCard,
	boardColumn,
	eventually,
	LIVE_TIMEOUT_MS,
	nameNewTheme,
	noShots,
	photographingFailure,
	proposalTexts,
	sessionShots,
	waitForStage,
	createSessionForGuests,
	joinAsGuest
} from './steps';

const WALL = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };

const session = fixture.session;
/** The demo's definitions run together up to the 2,000 characters a definition may have. */
const LONG_DEFINITION = (() => {
	let text = '';
	for (let round = 0; text.length < 2000; round++)
		for (const definition of session.definitions) text += `${definition.text} `;
	return text.slice(0, 2000).trimEnd();
})();
const SHORT_DEFINITION = session.definitions[1].text;
const [c0, c1, c2] = session.criteria;

/** Height of an element as drawn, in CSS pixels. */
async function heightOf(locator: Locator): Promise<number> {
	const box = await locator.boundingBox();
	if (!box) throw new Error('not on screen');
	return Math.round(box.height);
}

/** The font size an element's text is drawn in, in CSS pixels. */
const fontSizeOf = (locator: Locator): Promise<number> =>
	locator.evaluate((element) => parseFloat(getComputedStyle(element).fontSize));

/**
 * The session header on a phone: how many lines its title row takes (its visible parts grouped
 * by where they stand), and whether the stepper's current step is wholly on screen.
 */
async function phoneHeader(
	page: Page
): Promise<{ lines: number; currentInView: boolean; pageWidth: number }> {
	return page.evaluate(() => {
		const row = document.querySelector('header.top .title-row');
		const parts = row
			? [...row.querySelectorAll<HTMLElement>(':scope > *, :scope > .end > *')].filter(
					(part) => !part.classList.contains('end') && part.getBoundingClientRect().height > 0
				)
			: [];
		const middles = parts
			.map((part) => {
				const box = part.getBoundingClientRect();
				return box.top + box.height / 2;
			})
			.sort((a, b) => a - b);
		let lines = 0;
		let last = -Infinity;
		for (const middle of middles) {
			if (middle - last > 12) lines += 1;
			last = middle;
		}
		const current = document.querySelector('[aria-current="step"]')?.getBoundingClientRect();
		return {
			lines,
			currentInView: Boolean(current && current.left >= 0 && current.right <= window.innerWidth),
			pageWidth: document.documentElement.scrollWidth
		};
	});
}

/**
 * Whether the board's columns (`selector`) are all wholly inside the window's width and the page
 * does not scroll sideways: the themes wrap onto rows instead.
 */
const columnsFitWidth = (page: Page, selector: string): Promise<boolean> =>
	page.evaluate((columnSelector) => {
		const width = document.documentElement.clientWidth;
		const columns = [...document.querySelectorAll(columnSelector)];
		return (
			columns.length > 0 &&
			document.documentElement.scrollWidth <= width &&
			columns.every((column) => {
				const box = column.getBoundingClientRect();
				return box.left >= 0 && box.right <= width;
			})
		);
	}, selector);
const BOARD_COLUMNS = '.columns > section';
const PROJECTOR_COLUMNS = '.projector-columns > section';

describe.skipIf(!inject('appUrl'))('a session on a wall screen and a phone', () => {
	const browser = useBrowser();

	it(
		'keeps long cards short, the projector readable, the phone header tidy and the ballot honest',
		async () => {
			const screens = new Map<string, Page>();
			await photographingFailure(screens, () => wallAndPhone(screens));
		},
		8 * 60_000
	);

	async function wallAndPhone(screens: Map<string, Page>): Promise<void> {
		const shoot = sessionShots();
		const elena = await browser.newPage({ viewport: WALL });
		screens.set('Elena', elena);
		elena.on('dialog', (dialog) => void dialog.accept());
		await signUp(
			elena,
			{
				...newAccount('wall'),
				name: 'Elena Petrova',
				workspaceName: `${fixture.workspace.name} ${uniqueSuffix()}`
			},
			noShots
		);

		// ── A session with guests, who join by code: one on a phone, one on a laptop ─────────────
		const { sessionId, code } = await createSessionForGuests(elena, session);

		const join = async (name: string, viewport: { width: number; height: number }) => {
			const page = await browser.newPage({ viewport });
			screens.set(name, page);
			await joinAsGuest(page, code, name, `/s/${sessionId}`);
			return page;
		};
		const irina = await join('Irina (loyal patient)', PHONE);
		const pavel = await join('Pavel (partner)', WALL);

		// ── The phone's header: two lines at most, the current stage in view ───────────────────
		const header = await phoneHeader(irina);
		expect(header).toEqual({ lines: 2, currentInView: true, pageWidth: PHONE.width });

		// ── Stage 1: a definition of the full 2,000 characters, written on the phone ─────────────
		const write = async (page: Page, text: string, role: string) => {
			await page.getByLabel('Your definition').fill(text);
			await page.getByLabel(/^Your role/).fill(role);
			await page.getByRole('button', { name: 'Submit my definition' }).click();
			await page
				.getByText('Submitted. You can still take it back and edit until the reveal.')
				.waitFor({ timeout: LIVE_TIMEOUT_MS });
		};
		expect(LONG_DEFINITION.length).toBe(2000);
		await write(irina, LONG_DEFINITION, 'Patient');
		await write(pavel, SHORT_DEFINITION, 'Partner');

		// The projector, opened by the facilitator, shows who has written, in large type.
		const projector = await elena.context().newPage();
		screens.set('projector', projector);
		await projector.goto(`/s/${sessionId}/projector`);
		await projector.getByRole('heading', { level: 1, name: 'Own definitions' }).waitFor();
		const written = projector.getByText('2 of 2 have written their definition');
		await written.waitFor({ timeout: LIVE_TIMEOUT_MS });
		expect(await fontSizeOf(written)).toBeGreaterThanOrEqual(36);
		expect(await fontSizeOf(projector.getByRole('heading', { level: 1 }))).toBeGreaterThanOrEqual(
			48
		);

		await elena.getByRole('button', { name: 'Reveal all definitions' }).click();

		// ── The reveal grid: the long definition is a short card that opens with "More" ───────────
		const revealed = (page: Page) =>
			page
				.getByRole('region', { name: 'All definitions are revealed' })
				.getByRole('listitem')
				.filter({ hasText: LONG_DEFINITION.slice(0, 60) });
		const longCard = revealed(elena);
		await longCard.waitFor({ timeout: LIVE_TIMEOUT_MS });
		const shortened = await heightOf(longCard);
		expect(shortened).toBeLessThan(320);
		const more = longCard.getByRole('button', { name: 'More' });
		expect(await more.getAttribute('aria-expanded')).toBe('false');
		await more.click();
		const opened = await heightOf(longCard);
		expect(opened).toBeGreaterThan(shortened + 400);
		await longCard.getByRole('button', { name: 'Less' }).click();
		expect(await heightOf(longCard)).toBe(shortened);
		// A short definition has no "More".
		expect(
			await elena
				.getByRole('region', { name: 'All definitions are revealed' })
				.getByRole('listitem')
				.filter({ hasText: SHORT_DEFINITION, hasNotText: LONG_DEFINITION.slice(0, 60) })
				.getByRole('button', { name: 'More' })
				.count()
		).toBe(0);
		await revealed(irina).waitFor({ timeout: LIVE_TIMEOUT_MS });
		expect(await heightOf(revealed(irina))).toBeLessThan(360);

		// The projector shows the revealed cards, shortened too, in type a room reads.
		const projectedLong = projector
			.locator('.projector-card')
			.filter({ hasText: LONG_DEFINITION.slice(0, 60) });
		await projectedLong.waitFor({ timeout: LIVE_TIMEOUT_MS });
		expect(await heightOf(projectedLong)).toBeLessThan(330);
		expect(await fontSizeOf(projectedLong.locator('.body'))).toBeGreaterThanOrEqual(22);
		await projectedLong.getByRole('button', { name: 'More' }).waitFor();

		// ── Stage 2: the grouping board ─────────────────────────────────────────────────────────
		await elena.getByRole('button', { name: 'Next stage' }).click();
		for (const page of [elena, irina]) await waitForStage(page, 'Group into themes');
		const boardLong = boardCard(elena, LONG_DEFINITION);
		await boardLong.waitFor({ timeout: LIVE_TIMEOUT_MS });
		expect(await heightOf(boardLong)).toBeLessThan(300);
		await boardLong.getByRole('button', { name: 'More' }).click();
		expect(await heightOf(boardLong)).toBeGreaterThan(600);
		await boardLong.getByRole('button', { name: 'Less' }).click();
		// Five themes and the cards not grouped yet: the columns wrap onto rows, none is cut off.
		for (const theme of session.themes) await nameNewTheme(elena, theme.name);
		expect(await columnsFitWidth(elena, BOARD_COLUMNS)).toBe(true);
		await shoot(elena, 'wall-board-1280x800');
		const phoneCard = boardCard(irina, LONG_DEFINITION);
		await phoneCard.waitFor({ timeout: LIVE_TIMEOUT_MS });
		expect(await heightOf(phoneCard)).toBeLessThan(300);
		for (const theme of session.themes)
			await boardColumn(irina, theme.name).waitFor({ timeout: LIVE_TIMEOUT_MS });
		expect(await columnsFitWidth(irina, BOARD_COLUMNS)).toBe(true);
		expect(await phoneHeader(irina)).toEqual({
			lines: 2,
			currentInView: true,
			pageWidth: PHONE.width
		});
		await shoot(irina, 'wall-board-390x844');

		await projector
			.getByRole('heading', { level: 1, name: 'Group into themes' })
			.waitFor({ timeout: LIVE_TIMEOUT_MS });
		const boardOnWall = projector
			.getByRole('region', { name: 'Not grouped yet' })
			.locator('.projector-card')
			.filter({ hasText: LONG_DEFINITION.slice(0, 60) });
		await boardOnWall.waitFor({ timeout: LIVE_TIMEOUT_MS });
		expect(await heightOf(boardOnWall)).toBeLessThan(300);
		expect(await fontSizeOf(boardOnWall.locator('.body'))).toBeGreaterThanOrEqual(22);
		await projector
			.getByText(`${session.themes.length} themes · 2 cards`)
			.waitFor({ timeout: LIVE_TIMEOUT_MS });
		expect(await columnsFitWidth(projector, PROJECTOR_COLUMNS)).toBe(true);
		await shoot(projector, 'wall-projector-1280x800');
		await projector.setViewportSize(PHONE);
		expect(await heightOf(boardOnWall)).toBeLessThan(360);
		expect(await columnsFitWidth(projector, PROJECTOR_COLUMNS)).toBe(true);
		await shoot(projector, 'wall-projector-390x844');
		await projector.setViewportSize(WALL);

		// ── Stage 3: the ballot's "+" says why it cannot add a dot ──────────────────────────────
		await elena.getByRole('button', { name: 'Next stage' }).click();
		for (const page of [elena, irina, pavel]) await waitForStage(page, 'Criteria and voting');
		for (const text of [c0, c1, c2]) {
			await pavel.getByLabel('New criterion').fill(text);
			await pavel.getByRole('button', { name: 'Add', exact: true }).click();
			await eventually(async () => (await proposalTexts(pavel)).includes(text), true);
		}
		await projector.getByText('3 criteria proposed').waitFor({ timeout: LIVE_TIMEOUT_MS });
		await eventually(async () => (await proposalTexts(elena)).sort(), [c0, c1, c2].sort());
		// Four dots a person, at most three on one criterion (not the defaults of three and two).
		await elena.getByLabel('Dots per person').fill('4');
		await elena.getByLabel('Most dots on one criterion').fill('3');
		await elena.getByRole('button', { name: 'Open the vote' }).click();
		await irina.getByText('Voting is open').waitFor({ timeout: LIVE_TIMEOUT_MS });
		await irina
			.getByText('Spend up to 4 dots, at most 3 on one criterion.', { exact: false })
			.waitFor();
		expect(await phoneHeader(irina)).toEqual({
			lines: 2,
			currentInView: true,
			pageWidth: PHONE.width
		});

		const refused: string[] = [];
		irina.on('response', (response) => {
			if (response.status() === 409) refused.push(response.url());
		});
		const plus = (text: string) => irina.getByRole('button', { name: `Put a dot on: ${text}` });
		const reasonOf = async (button: Locator) => {
			const id = await button.getAttribute('aria-describedby');
			return id ? ((await irina.locator(`[id="${id}"]`).textContent()) ?? '').trim() : null;
		};
		expect(await plus(c0).isDisabled()).toBe(false);
		expect(await reasonOf(plus(c0))).toBeNull();
		await irina.getByText('Dots left: 4 of 4').waitFor();
		for (const left of [3, 2, 1]) {
			await plus(c0).click();
			await irina.getByText(`Dots left: ${left} of 4`).waitFor();
		}
		// Three dots are the most one criterion takes.
		expect(await plus(c0).isDisabled()).toBe(true);
		expect(await reasonOf(plus(c0))).toBe('At most 3 dots on one criterion.');
		expect(await plus(c1).isDisabled()).toBe(false);
		await plus(c1).click();
		await irina.getByText('Dots left: 0 of 4').waitFor();
		// No dots left: every "+" is disabled and says so once.
		expect(await plus(c2).isDisabled()).toBe(true);
		expect(await reasonOf(plus(c2))).toBe(
			'All your dots are placed: take one off another criterion first.'
		);
		expect(
			await irina
				.getByText('All your dots are placed: take one off another criterion first.')
				.count()
		).toBe(1);
		await irina.getByText('Your dots are saved.').waitFor({ timeout: LIVE_TIMEOUT_MS });
		// Taking one back makes room again.
		await irina.getByRole('button', { name: `Take a dot back from: ${c0}` }).click();
		await irina.getByText('Dots left: 1 of 4').waitFor();
		expect(await plus(c2).isDisabled()).toBe(false);
		expect(await plus(c0).isDisabled()).toBe(false);
		await irina.getByText('Your dots are saved.').waitFor({ timeout: LIVE_TIMEOUT_MS });
		expect(refused).toEqual([]);
		await shoot(irina, 'wall-ballot-390x844');

		// The projector follows the vote without showing anyone's dots.
		await projector
			.getByText('Voting: 1 of 2 have placed their dots')
			.waitFor({ timeout: LIVE_TIMEOUT_MS });
		await shoot(projector, 'wall-projector-vote-1280x800');
	}
});
