// Steps on a journey map page, a portrait page and the touchpoint register, done through the real
// screens (English UI) for the customer end-to-end tests.
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { escapeRegExp, LIVE_TIMEOUT_MS, squash } from './steps';

/** Touchpoint types as the map and the register name them. */
export const TYPE_LABELS = { business: 'Business', employee: 'Employee' } as const;
export type TouchpointType = keyof typeof TYPE_LABELS;

/** Experience levels: the value the select stores and the label it shows. */
export const LEVEL_LABELS = {
	below: 'Below expectations',
	indifferent: 'Indifferent',
	meets: 'Meets expectations',
	exceeds: 'Exceeds expectations'
} as const;
export type Level = keyof typeof LEVEL_LABELS;

/** An emotion score as the map shows it: −2, −1, 0, +1, +2 (a real minus sign). */
export const scoreText = (score: number): string =>
	score > 0 ? `+${score}` : score < 0 ? `−${-score}` : '0';

// ── Sync ──────────────────────────────────────────────────────────────────────────────────────

/** Waits until the page's shared document is connected and loaded ("Live"). */
export async function waitForLive(page: Page): Promise<void> {
	await page
		.locator('.connection-status[data-status="connected"]')
		.first()
		.waitFor({ timeout: LIVE_TIMEOUT_MS });
}

/** The presence avatars of the room open on the page (one per person). */
export const presenceAvatars = (page: Page): Locator =>
	page.getByRole('list', { name: 'People here' }).getByRole('listitem');

// ── Portrait page ─────────────────────────────────────────────────────────────────────────────

/** The live rich-text editor of one portrait section, by its key (`motives`, `role`, ...). */
export const sectionEditor = (page: Page, key: string): Locator =>
	page.locator(`[contenteditable="true"][aria-labelledby="label-${key}"]`);

/** The name labels of other people's carets in a portrait's editors. */
export const caretLabels = (page: Page): Locator => page.locator('.collaboration-carets__label');

// ── Journey map grid ──────────────────────────────────────────────────────────────────────────

/** The map's grid. */
export const grid = (page: Page): Locator => page.getByRole('grid');

/** One cell of the map: a lane by its label, a stage by its name (the cell's hidden first words). */
export const gridCell = (page: Page, lane: string, stage: string): Locator =>
	page.getByRole('gridcell').filter({
		has: page.locator('.cell-label', {
			hasText: new RegExp(`^${escapeRegExp(`${lane}, ${stage}`)}$`)
		})
	});

/**
 * One cell of the map, scrolled into view and drawn: the map fills in a cell's content only when
 * its stage and lane come near the screen.
 */
export async function shownCell(page: Page, lane: string, stage: string): Promise<Locator> {
	const cell = gridCell(page, lane, stage);
	await cell.scrollIntoViewIfNeeded();
	await cell.and(page.locator('[data-drawn]')).waitFor();
	return cell;
}

/** The stage names across the top of the map, in order, as this screen shows them. */
export async function stageNames(page: Page): Promise<string[]> {
	return grid(page)
		.getByRole('columnheader')
		.evaluateAll((headers) =>
			headers.slice(1).map((header) => {
				const input = header.querySelector('input');
				return input ? input.value : (header.textContent ?? '').trim();
			})
		);
}

/** The header of one stage (its name field and its move and remove buttons). */
export const stageHeader = (page: Page, stage: string): Locator =>
	grid(page)
		.getByRole('columnheader')
		.filter({ has: page.getByRole('button', { name: `Remove stage: ${stage}`, exact: true }) });

/** The card of a touchpoint placed in a stage (its button opens the side panel). */
export const touchpointCard = (page: Page, stage: string, name: string): Locator =>
	gridCell(page, 'Touchpoints', stage).getByRole('button', {
		name: new RegExp(`^${escapeRegExp(name)}\\s`)
	});

/** The card of a touchpoint placed in a stage, once its cell is in view and drawn. */
export async function shownTouchpointCard(
	page: Page,
	stage: string,
	name: string
): Promise<Locator> {
	await shownCell(page, 'Touchpoints', stage);
	return touchpointCard(page, stage, name);
}

/** The owner and rule badges of a touchpoint's card in a stage, as their text reads. */
export async function cardStatus(page: Page, stage: string, name: string): Promise<string> {
	const card = (await shownCell(page, 'Touchpoints', stage))
		.locator('.touchpoint')
		.filter({ has: page.getByRole('button', { name: new RegExp(`^${escapeRegExp(name)}\\s`) }) });
	return squash(await card.locator('.status').textContent());
}

/** Names of the touchpoints placed in a stage, as this screen shows them. */
export async function touchpointNames(page: Page, stage: string): Promise<string[]> {
	const names = await (
		await shownCell(page, 'Touchpoints', stage)
	)
		.locator('.touchpoint .name')
		.allTextContents();
	return names.map(squash).sort();
}

/** Creates a touchpoint from a stage's "Add touchpoint" form; waits for its card. */
export async function addTouchpoint(
	page: Page,
	stage: string,
	touchpoint: { name: string; type: TouchpointType }
): Promise<void> {
	const cell = await shownCell(page, 'Touchpoints', stage);
	await cell.getByRole('button', { name: 'Add touchpoint' }).click();
	await cell.getByLabel('Name', { exact: true }).fill(touchpoint.name);
	await cell.getByLabel('Type', { exact: true }).selectOption(touchpoint.type);
	await cell.getByRole('button', { name: 'Create touchpoint' }).click();
	await touchpointCard(page, stage, touchpoint.name).waitFor();
	await cell.getByRole('button', { name: 'Add touchpoint' }).waitFor();
}

/** Places an existing touchpoint in another stage through the same form; waits for its card. */
export async function placeTouchpoint(page: Page, stage: string, name: string): Promise<void> {
	const cell = await shownCell(page, 'Touchpoints', stage);
	await cell.getByRole('button', { name: 'Add touchpoint' }).click();
	await cell.getByLabel('Existing touchpoint', { exact: true }).selectOption({ label: name });
	await cell.getByRole('button', { name: 'Place', exact: true }).click();
	await touchpointCard(page, stage, name).waitFor();
}

/** Adds a text card to a cell with its "Add card" button and types `text` into it. */
export async function addTextCard(
	page: Page,
	lane: string,
	stage: string,
	text: string
): Promise<void> {
	const cell = await shownCell(page, lane, stage);
	const before = await cell.getByRole('textbox').count();
	await cell.getByRole('button', { name: 'Add card' }).click();
	const card = cell.getByRole('textbox').nth(before);
	// The new card takes the focus itself.
	await expectFocused(card);
	await page.keyboard.type(text);
}

/** The texts of the text cards in a cell, in order. */
export async function cardTexts(page: Page, lane: string, stage: string): Promise<string[]> {
	return (await shownCell(page, lane, stage))
		.getByRole('textbox')
		.evaluateAll((fields) =>
			fields.map((field) => (field instanceof HTMLTextAreaElement ? field.value : ''))
		);
}

/** The value chosen in the select of an experience or emotion cell. */
export async function cellChoice(page: Page, lane: string, stage: string): Promise<string> {
	return (await shownCell(page, lane, stage)).getByRole('combobox').inputValue();
}

/** Chooses a value in the select of an experience or emotion cell. */
export async function chooseInCell(
	page: Page,
	lane: string,
	stage: string,
	value: string
): Promise<void> {
	await (await shownCell(page, lane, stage)).getByRole('combobox').selectOption(value);
}

/** The emotion curve (an SVG image named after its points). */
export const emotionCurve = (page: Page): Locator =>
	page.getByRole('img', { name: /^Emotion curve:/ });

/**
 * The name of the element that has the keyboard focus: its aria-label, for a map cell where it is
 * (its hidden first words), else its text.
 */
export const focusedName = (page: Page): Promise<string> =>
	page.evaluate(() => {
		const element = document.activeElement;
		if (!element) return '';
		const text =
			element.getAttribute('aria-label') ??
			element.querySelector(':scope > .cell-label')?.textContent ??
			element.textContent ??
			'';
		return text.replace(/\s+/g, ' ').trim();
	});

/** Waits until `locator` has the keyboard focus. */
export async function expectFocused(locator: Locator): Promise<void> {
	await locator.waitFor();
	const handle = await locator.elementHandle();
	await locator.page().waitForFunction((element) => document.activeElement === element, handle);
}

// ── Touchpoint side panel ─────────────────────────────────────────────────────────────────────

/** The side panel of the touchpoint open on the map. */
export const touchpointPanel = (page: Page): Locator =>
	page.getByRole('complementary', { name: 'Touchpoint' });

/** The owner and rule badges of a touchpoint, as their text reads. */
export const statusText = (owner: string | null, hasRule: boolean): string =>
	`${owner ? `Owner: ${owner}` : 'No owner'} ${hasRule ? 'Rule' : 'No rule'}`;

/** What to set on a touchpoint in its side panel. */
export type TouchpointEdit = { owner?: string; rule?: string; channel?: string };

/**
 * Opens a touchpoint's side panel from its card, sets channel, owner and rule, saves, waits for
 * "Saved." and the owner and rule badges, and closes the panel.
 */
export async function editTouchpoint(
	page: Page,
	stage: string,
	name: string,
	edit: TouchpointEdit
): Promise<void> {
	await (await shownTouchpointCard(page, stage, name)).click();
	const panel = touchpointPanel(page);
	// The panel shows the touchpoint's name once it has loaded it.
	await panel.getByRole('heading', { name, exact: true }).waitFor();
	if (edit.channel !== undefined) await panel.getByLabel('Channel').fill(edit.channel);
	if (edit.owner !== undefined) await panel.getByLabel('Owner').selectOption({ label: edit.owner });
	if (edit.rule !== undefined) {
		const rule = panel.locator('[contenteditable="true"][role="textbox"]');
		await rule.click();
		await page.keyboard.type(edit.rule);
		await rule.filter({ hasText: edit.rule }).waitFor();
	}
	await panel.getByRole('button', { name: 'Save', exact: true }).click();
	await panel.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
	// The panel's badges say what was saved (a new touchpoint has neither owner nor rule).
	await expect
		.poll(async () => squash(await panel.locator('.status').first().textContent()))
		.toBe(statusText(edit.owner ?? null, Boolean(edit.rule)));
	await panel.getByRole('button', { name: 'Close' }).click();
	await panel.waitFor({ state: 'detached' });
}

// ── Touchpoint register ───────────────────────────────────────────────────────────────────────

/** One row of the register as the page shows it. */
export type ShownRow = {
	name: string;
	type: string;
	channel: string;
	stages: string;
	owner: string;
	rule: string;
	experience: string;
	portraits: string;
	/** The row is marked as missing an owner or a rule. */
	marked: boolean;
	/** The row's first cell carries the red bar that makes it stand out. */
	bar: boolean;
};

/** The rows of the register table, in the order shown. */
export async function registerRows(page: Page): Promise<ShownRow[]> {
	return page
		.getByRole('table')
		.locator('tbody tr[data-touchpoint]')
		.evaluateAll((rows) =>
			rows.map((row) => {
				const cells = [...row.querySelectorAll('td')];
				const text = (index: number) =>
					(cells[index]?.textContent ?? '').replace(/\s+/g, ' ').trim();
				const first = cells[0];
				return {
					name: (first?.querySelector('a')?.textContent ?? '').trim(),
					type: text(1),
					channel: text(2),
					stages: text(3),
					owner: text(4),
					rule: text(5),
					experience: text(6),
					// 7 and 8: what customers say and the gap (the voice of the customer).
					portraits: text(9),
					marked: row.classList.contains('incomplete'),
					bar: first ? getComputedStyle(first).boxShadow !== 'none' : false
				};
			})
		);
}

/** The names in the register table, in the order shown. */
export async function registerNames(page: Page): Promise<string[]> {
	return (await registerRows(page)).map((row) => row.name);
}

/** The coverage box of the register. */
export const coverageRegion = (page: Page): Locator =>
	page.getByRole('region', { name: 'Coverage', exact: true });

/** The coverage headline as shown: the percentage and "(covered of total)". */
export async function coverageHeadline(page: Page): Promise<{ percent: string; counts: string }> {
	const headline = page.getByTestId('coverage-headline');
	return {
		percent: squash(await headline.locator('strong').textContent()),
		counts: squash(await headline.locator('.muted').textContent())
	};
}

/** The coverage of each stage as shown: name → "NN% covered of total". */
export async function stageCoverage(page: Page): Promise<Record<string, string>> {
	const items = await coverageRegion(page)
		.getByRole('listitem')
		.evaluateAll((elements) =>
			elements.map((element) => {
				const part = (selector: string) =>
					(element.querySelector(selector)?.textContent ?? '').replace(/\s+/g, ' ').trim();
				return [part('.name'), `${part('.figure')} ${part('.count')}`] as const;
			})
		);
	return Object.fromEntries(items);
}

/** The filter form of the register. */
export const registerFilters = (page: Page): Locator => page.getByRole('form', { name: 'Filters' });
