// Steps of the whole-session end-to-end test, done through the live session's real screens
// (English UI): waiting on what a person sees, never on fixed sleeps.
import { resolve } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import {
	SCREENSHOT_DIR,
	noShots,
	numberedShots,
	photographingFailureIn
} from '../../utils/browser';
import { newAccount, pathOf, signUp } from '../../utils/e2e-accounts';
import {
	createInviteLink,
	joinByInvite,
	openMembers,
	waitForHydration
} from '../../utils/e2e-workspace';

/** Where the screenshots of the session go: test-results/e2e/session/. */
export const SESSION_SHOTS = resolve(SCREENSHOT_DIR, 'session');

/** How long a change may take to reach another person's screen. */
export const LIVE_TIMEOUT_MS = 20_000;

/** A full-page capture draws a fixed bar where the window ended, over the middle of the page. */
const DONE_BAR_AT_END = '.done-bar { position: static !important; }';

/** Screenshots numbered in the order taken (`01-<label>.png`, ...); `saved` lists the paths. */
export function sessionShots() {
	const shoot = numberedShots(SESSION_SHOTS);
	return Object.assign(
		(page: Page, label: string) => shoot(page, label, { style: DONE_BAR_AT_END }),
		{
			saved: shoot.saved
		}
	);
}

/**
 * Runs the steps of a test; if one fails, first saves what every screen showed at that moment
 * (test-results/e2e/session/failed-<name>.png), then fails with the step's error.
 */
export function photographingFailure(
	screens: Map<string, Page>,
	steps: () => Promise<void>
): Promise<void> {
	return photographingFailureIn(SESSION_SHOTS, screens, steps);
}

export { noShots };

/** Waits until `read()` gives `expected` (compared with toEqual). */
export async function eventually<T>(
	read: () => Promise<T>,
	expected: T,
	timeout = LIVE_TIMEOUT_MS
): Promise<void> {
	await expect.poll(read, { timeout, interval: 200 }).toEqual(expected);
}

/** The texts of all elements a locator matches, trimmed and with runs of white space as one space. */
export async function textsOf(locator: Locator): Promise<string[]> {
	return (await locator.allTextContents()).map((text) => text.replace(/\s+/g, ' ').trim());
}

/**
 * Waits until the live page is hydrated and its event stream is open (the page marks itself
 * `data-live="connected"` only then), so clicks from here on reach the page's handlers.
 */
export async function waitForLive(page: Page): Promise<void> {
	await page.getByRole('heading', { level: 1 }).waitFor();
	await page.locator('[data-live="connected"]').waitFor({ timeout: LIVE_TIMEOUT_MS });
}

/** Waits until the page shows stage `name` as the current one. */
export async function waitForStage(page: Page, name: string): Promise<void> {
	await page
		.getByRole('heading', { level: 1, name: new RegExp(`^\\d+\\. ${name}$`) })
		.waitFor({ timeout: LIVE_TIMEOUT_MS });
}

/** Waits until the shared document on this screen (board, criteria list, draft) is connected and loaded. */
export async function waitForSync(page: Page): Promise<void> {
	await page
		.locator('.connection-status[data-status="connected"]')
		.first()
		.waitFor({ timeout: LIVE_TIMEOUT_MS });
}

/** A card of the grouping board, found by the start of its text. */
export function boardCard(scope: Page | Locator, text: string): Locator {
	return scope.getByRole('article', { name: text.slice(0, 80) });
}

/** A column of the grouping board: a theme by its name, or "Not grouped yet". */
export function boardColumn(page: Page, name: string): Locator {
	return page.getByRole('region', { name, exact: true });
}

/** Adds a new theme on the board and names it. */
export async function nameNewTheme(page: Page, name: string): Promise<void> {
	await page.getByRole('button', { name: 'New theme', exact: true }).click();
	const input = boardColumn(page, 'Untitled theme').getByLabel('Theme name');
	await input.fill(name);
	await input.press('Enter');
	await boardColumn(page, name).waitFor();
}

/** The centre of an element as drawn now, in the window's coordinates. */
async function centreOf(locator: Locator): Promise<{ x: number; y: number }> {
	const box = await locator.boundingBox();
	if (!box) throw new Error('dragCard: an element of the drag is not on screen');
	return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** Throws unless the point is inside the window: a person cannot drag to where they cannot see. */
function inWindow(page: Page, point: { x: number; y: number }): void {
	const viewport = page.viewportSize();
	if (!viewport) throw new Error('dragCard: the page has no window size');
	if (point.x < 0 || point.y < 0 || point.x > viewport.width || point.y > viewport.height)
		throw new Error(`dragCard: (${point.x}, ${point.y}) is outside the window`);
}

/**
 * Drags the board card with `text` onto a column with the mouse, in small steps as a hand does: press
 * the card's middle, move past the library's threshold, then hover the column's drop area until the
 * card's placeholder shows there, and release. The drop area is measured again on every try, so a
 * column that moved meanwhile is followed as a person's eye would. Both ends must be in the window
 * and the card not hidden under the sticky bar, as for a person with a mouse.
 */
export async function dragCard(page: Page, text: string, column: Locator): Promise<void> {
	const card = boardCard(page, text);
	await card.evaluate((element) => element.scrollIntoView({ block: 'center', inline: 'nearest' }));
	const start = await centreOf(card);
	inWindow(page, start);
	const held = await card.evaluate(
		(element, point) => element.contains(document.elementFromPoint(point.x, point.y)),
		start
	);
	if (!held) throw new Error('dragCard: something covers the card where it would be held');
	await page.mouse.move(start.x, start.y);
	await page.mouse.down();
	await page.mouse.move(start.x + 8, start.y + 8, { steps: 4 });
	// The library drops where the card's centre is: held by its centre, the card's centre follows
	// the mouse. It looks where the card is a few times a second; the placeholder is hidden (and so
	// not in the accessibility tree) until the drop.
	const zone = column.locator('.drop');
	const placeholder = column.getByRole('article', { name: text.slice(0, 80), includeHidden: true });
	let steps = 20;
	await expect
		.poll(
			async () => {
				const end = await centreOf(zone);
				inWindow(page, end);
				await page.mouse.move(end.x, end.y, { steps });
				steps = 2;
				return placeholder.count();
			},
			{ timeout: LIVE_TIMEOUT_MS, interval: 250 }
		)
		.toBe(1);
	await page.mouse.up();
}

/** The collaborative draft editor on a stage 4 screen. */
export function draftEditor(page: Page): Locator {
	return page.locator('[contenteditable="true"][aria-label="Shared definition draft"]');
}

/** The draft editor's text, paragraphs joined by a line break, without other people's carets and names. */
export async function draftText(page: Page): Promise<string> {
	return page
		.locator('[aria-label="Shared definition draft"].ProseMirror p')
		.evaluateAll((paragraphs) =>
			paragraphs
				.map((paragraph) => {
					const copy = paragraph.cloneNode(true);
					if (!(copy instanceof HTMLElement)) return '';
					copy.querySelectorAll('.collaboration-carets__caret').forEach((caret) => caret.remove());
					return copy.textContent ?? '';
				})
				.join('\n')
		);
}

/** The texts of the proposed criteria as one screen shows them (inputs while they may be edited). */
export async function proposalTexts(page: Page): Promise<string[]> {
	return page
		.getByRole('textbox', { name: /^Criterion \d+$/ })
		.evaluateAll((inputs) =>
			inputs.map((input) => (input instanceof HTMLInputElement ? input.value : ''))
		);
}

/** Rows of the revealed results table as [place, criterion, dots]. */
export async function resultRows(page: Page): Promise<[string, string, string][]> {
	const table = page.getByRole('table', { name: 'Criteria ranked by dots' });
	return table.locator('tbody tr').evaluateAll((rows) =>
		rows.map((row) => {
			const cell = (selector: string) =>
				row.querySelector(selector)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
			return [cell('td.rank'), cell('.criterion .text'), cell('td.total')] as [
				string,
				string,
				string
			];
		})
	);
}

/** Opens a fresh page in its own context (what `useBrowser()` gives). */
type NewPage = () => Promise<Page>;

/** A live session that the owner Fay runs, with the member Max invited. */
export type SessionWithMember = {
	fay: Page;
	max: Page;
	workspaceId: string;
	sessionPath: string;
	/** The code guests join with ('' when guests may not join). */
	code: string;
};

/**
 * Fay signs up, invites Max Member, and creates the session `title` with Max invited (with
 * `guests`, guests may join by code; with `namesShown`, anonymity is off); returns once her
 * session is live.
 */
export async function openSessionWithMember(
	newPage: NewPage,
	title: string,
	options: { guests?: boolean; namesShown?: boolean } = {}
): Promise<SessionWithMember> {
	const fay = await newPage();
	const workspaceId = await signUp(fay, newAccount('owner'), noShots);
	await openMembers(fay, workspaceId);
	const link = await createInviteLink(fay, { role: 'member' }, noShots);
	const max = await newPage();
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
	await fay.getByLabel('Title').fill(title);
	if (options.namesShown) await fay.getByLabel('Off: names shown to all').check();
	if (options.guests)
		await fay.getByLabel('Let guests join by code (e.g. loyal customers)').check();
	await fay.getByRole('button', { name: 'Create session' }).click();
	await fay.waitForURL((url) => /^\/s\/[0-9a-f-]{36}$/.test(url.pathname));
	const sessionPath = pathOf(fay);
	await waitForLive(fay);
	const code = options.guests ? await guestCodeOf(fay) : '';
	return { fay, max, workspaceId, sessionPath, code };
}

/** The code guests join with, as the session's page tells the facilitator ('' when it shows none). */
export async function guestCodeOf(page: Page): Promise<string> {
	const line = page.getByText(/^Guests join at \S+\/join with code [A-Z0-9]{6}$/);
	return /code ([A-Z0-9]{6})$/.exec((await line.textContent()) ?? '')?.[1] ?? '';
}

/**
 * From the workspace home on `page`, creates a session with `title` and `goal`, names shown and
 * guests let in by code (nobody invited); returns its id and the guest code once it is live.
 */
export async function createSessionForGuests(
	page: Page,
	session: { title: string; goal: string }
): Promise<{ sessionId: string; code: string }> {
	await page.getByRole('link', { name: 'New session' }).first().click();
	await page.getByRole('heading', { level: 1, name: 'New strategy session' }).waitFor();
	await waitForHydration(page);
	await page.getByLabel('Title').fill(session.title);
	await page.getByLabel('Goal').fill(session.goal);
	await page.getByLabel('Off: names shown to all').check();
	await page.getByLabel('Let guests join by code (e.g. loyal customers)').check();
	await page.getByRole('button', { name: 'Create session' }).click();
	await page.waitForURL((url) => /^\/s\/[0-9a-f-]{36}$/.test(url.pathname));
	const sessionId = pathOf(page).split('/')[2];
	await waitForLive(page);
	return { sessionId, code: await guestCodeOf(page) };
}

/** Joins the session at `sessionPath` as the guest `name`, and waits until it is live on `page`. */
export async function joinAsGuest(
	page: Page,
	code: string,
	name: string,
	sessionPath: string
): Promise<void> {
	await askToJoinAsGuest(page, code, name);
	await page.waitForURL((url) => url.pathname === sessionPath);
	await waitForLive(page);
}

/** Fills in and sends the guest join form on `page`. */
export async function askToJoinAsGuest(page: Page, code: string, name: string): Promise<void> {
	await page.goto('/join');
	await page.getByLabel('Session code').fill(code);
	await page.getByLabel('Your name').fill(name);
	await page.getByRole('button', { name: 'Join' }).click();
}
