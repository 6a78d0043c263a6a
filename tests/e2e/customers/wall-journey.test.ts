// A six-stage journey map on a projector-sized screen (1280×800) and on a phone (390×844), in real
// Chromium against the production build: the map fits the screen and shows all its stages, the
// zoom is used with the keyboard and remembered, a wide map has an overview that goes to a stage,
// and a touchpoint's panel opens as a drawer over the map (the grid keeps its width), takes the
// focus and closes with Escape, giving the focus back to the card. Screenshots of the map at both
// sizes go to test-results/e2e/customers/.
import type { Locator, Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import fixture from '../../../src/lib/server/demo/demo-workshop.json';
import { useBrowser } from '../../utils/browser';
import { newAccount, pathOf, signUp, submitSignIn } from '../../utils/e2e-accounts';
import { waitForHydration } from '../../utils/e2e-workspace';
import {
	addTextCard,
	addTouchpoint,
	grid,
	gridCell,
	shownTouchpointCard,
	stageNames,
	touchpointPanel,
	waitForLive
} from './journey-page';
import { customerShots, noShots, patient, photographingFailure } from './steps';

const WALL = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };
const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const MAP_PAGE = new RegExp(`^/w/${UUID}/journeys/${UUID}$`);

const DEFAULT_STAGES = [
	'First contact',
	'Consideration',
	'Purchase',
	'Ownership and service',
	'Repeat purchase and loyalty',
	'Leaving'
];
/** Touchpoints of the demo clinic's journey, placed in the first stages of the map. */
const [website, callCentre, reception] = fixture.journey.touchpoints;
const painPoint = fixture.journey.touchpoints[1].rule ?? '';

/** The left and right edges of an element on screen. */
async function edges(locator: Locator): Promise<{ left: number; right: number }> {
	const box = await locator.boundingBox();
	if (!box) throw new Error('not on screen');
	return { left: Math.round(box.x), right: Math.round(box.x + box.width) };
}

/** The box the map's grid scrolls in. */
const scroller = (page: Page): Locator => page.locator('div:has(> [role="grid"])');

/** The stage headers whose whole width is inside the map's box. */
async function stagesWhollyInView(page: Page): Promise<string[]> {
	const box = await edges(scroller(page));
	const names = await stageNames(page);
	const shown: string[] = [];
	const headers = grid(page).locator('[role="columnheader"][data-stage]');
	for (let index = 0; index < names.length; index++) {
		const header = await edges(headers.nth(index));
		if (header.left >= box.left && header.right <= box.right + 1) shown.push(names[index]);
	}
	return shown;
}

const zoomText = (page: Page): Promise<string | null> =>
	page.getByRole('toolbar', { name: 'View' }).locator('output').textContent();

describe.skipIf(!inject('appUrl'))('a journey map on a wall screen and on a phone', () => {
	const browser = useBrowser();

	it(
		'fits a projector, zooms from the keyboard, shows an overview and opens touchpoints in a drawer',
		async () => {
			const screens = new Map<string, Page>();
			await photographingFailure(screens, () => wallAndPhone(screens));
		},
		6 * 60_000
	);

	async function wallAndPhone(screens: Map<string, Page>): Promise<void> {
		const shoot = customerShots('wall-journey');
		const account = newAccount('wall');
		const wall = patient(await browser.newPage({ viewport: WALL }), 'wall');
		screens.set('wall', wall);
		await signUp(wall, account, noShots);

		// A portrait from the sample, and a map of it with the six default stages.
		await wall
			.getByRole('navigation', { name: 'Main navigation' })
			.getByRole('link', { name: 'Customers' })
			.click();
		await wall.getByRole('link', { name: 'New portrait' }).first().click();
		await wall.getByRole('heading', { level: 1, name: 'New portrait' }).waitFor();
		await waitForHydration(wall);
		await wall.getByRole('radio', { name: /^The sample/ }).check();
		await wall.getByLabel('Language of the sample').selectOption('en');
		await wall.getByRole('button', { name: 'Create portrait' }).click();
		await wall.getByLabel('Title of the map').waitFor();
		await wall.getByLabel('Title of the map').fill(`${fixture.journey.portrait}: visits`);
		await wall.getByRole('button', { name: 'Create map' }).click();
		await wall.waitForURL((url) => MAP_PAGE.test(url.pathname));
		const mapPath = pathOf(wall);
		await waitForLive(wall);
		await grid(wall).waitFor();
		expect(await stageNames(wall)).toEqual(DEFAULT_STAGES);

		// ── At 1280 px the six stages fit the screen: the map starts fitted ──────────────────────
		const fit = wall.getByRole('button', { name: 'Fit to screen' });
		expect(await fit.getAttribute('aria-pressed')).toBe('true');
		await expect.poll(() => stagesWhollyInView(wall)).toEqual(DEFAULT_STAGES);
		const fitted = Number(/(\d+)%/.exec((await zoomText(wall)) ?? '')?.[1]);
		expect(fitted).toBeGreaterThanOrEqual(50);
		expect(fitted).toBeLessThan(100);
		// Fitted, the map is not wider than its box: no overview is needed.
		expect(await wall.getByRole('navigation', { name: 'Map overview' }).count()).toBe(0);

		await addTouchpoint(wall, DEFAULT_STAGES[0], { name: website.name, type: 'business' });
		await addTouchpoint(wall, DEFAULT_STAGES[1], { name: callCentre.name, type: 'business' });
		await addTouchpoint(wall, DEFAULT_STAGES[2], { name: reception.name, type: 'employee' });
		await addTextCard(wall, 'Pain points', DEFAULT_STAGES[1], painPoint);
		await wall.keyboard.press('Tab');
		await shoot(wall, 'map-1280-fitted');

		// ── A touchpoint's panel is a drawer over the map: the grid keeps its width ──────────────
		const before = await edges(scroller(wall));
		const card = await shownTouchpointCard(wall, DEFAULT_STAGES[1], callCentre.name);
		await card.focus();
		await wall.keyboard.press('Enter');
		const panel = touchpointPanel(wall);
		await panel.getByRole('heading', { name: callCentre.name, exact: true }).waitFor();
		// The panel has the focus, so the keyboard is in it at once.
		expect(await panel.evaluate((element) => element.contains(document.activeElement))).toBe(true);
		expect(await edges(scroller(wall))).toEqual(before);
		expect(await stagesWhollyInView(wall)).toEqual(DEFAULT_STAGES);
		const drawer = await edges(panel);
		expect(drawer.right).toBe(WALL.width);
		expect(drawer.right - drawer.left).toBeLessThan(WALL.width / 2);
		await shoot(wall, 'map-1280-drawer');
		await wall.keyboard.press('Escape');
		await panel.waitFor({ state: 'detached' });
		// The focus is back on the card that opened it.
		expect(await card.evaluate((element) => element === document.activeElement)).toBe(true);

		// ── Zoom with the keyboard: in to full size, where the map is wider than the screen ──────
		const zoomIn = wall.getByRole('button', { name: 'Zoom in' });
		await zoomIn.focus();
		while (!(await zoomText(wall))?.includes('100%')) await wall.keyboard.press('Enter');
		expect(await fit.getAttribute('aria-pressed')).toBe('false');
		const overview = wall.getByRole('navigation', { name: 'Map overview' });
		await overview.waitFor();
		const wholly = await stagesWhollyInView(wall);
		expect(wholly.length).toBeLessThan(DEFAULT_STAGES.length);
		expect(wholly[0]).toBe(DEFAULT_STAGES[0]);
		// The overview counts a stage as in view when most of it shows.
		const inViewText = await overview.getByText(/^Stages 1–\d of 6 in view$/).textContent();
		const lastInView = Number(/–(\d)/.exec(inViewText ?? '')?.[1]);
		expect(lastInView).toBeGreaterThanOrEqual(wholly.length);
		expect(lastInView).toBeLessThan(6);
		// The overview lists every stage and goes to the last one.
		expect(await overview.getByRole('button').count()).toBe(6);
		await overview.getByRole('button', { name: `6 ${DEFAULT_STAGES[5]}` }).click();
		await expect.poll(() => stagesWhollyInView(wall)).toContain(DEFAULT_STAGES[5]);
		await overview
			.getByRole('button', { name: `6 ${DEFAULT_STAGES[5]}` })
			.and(wall.locator('[aria-current="location"]'))
			.waitFor();
		// The cells of the stage gone to are drawn (the map fills in what comes on screen).
		await gridCell(wall, 'Touchpoints', DEFAULT_STAGES[5])
			.and(wall.locator('[data-drawn]'))
			.waitFor();
		await shoot(wall, 'map-1280-full-size-overview');

		// The choice is remembered for this map in this browser.
		await wall.reload();
		await waitForLive(wall);
		await grid(wall).waitFor();
		await expect.poll(() => zoomText(wall)).toBe('Zoom: 100%');
		expect(await fit.getAttribute('aria-pressed')).toBe('false');
		await waitForHydration(wall);
		await fit.click();
		await expect.poll(() => stagesWhollyInView(wall)).toEqual(DEFAULT_STAGES);

		// ── On a phone: full size, an overview, nothing wider than the screen ───────────────────
		const phone = patient(await browser.newPage({ viewport: PHONE }), 'phone');
		screens.set('phone', phone);
		// Filled after the page has hydrated: hydration would empty fields filled before it.
		await phone.goto('/signin');
		await waitForHydration(phone);
		await submitSignIn(phone, account.email, account.password, noShots);
		await phone.waitForURL((url) => url.pathname.startsWith('/w/'));
		await phone.goto(mapPath);
		await waitForLive(phone);
		await grid(phone).waitFor();
		await expect.poll(() => zoomText(phone)).toBe('Zoom: 100%');
		const phoneOverview = phone.getByRole('navigation', { name: 'Map overview' });
		await phoneOverview.waitFor();
		expect(await phoneOverview.getByRole('button').count()).toBe(6);
		// Cells far off screen are not drawn until they come near (the map stays light on a phone).
		expect(
			await gridCell(phone, 'Service indicators', DEFAULT_STAGES[5])
				.and(phone.locator('[data-drawn]'))
				.count()
		).toBe(0);
		expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
			PHONE.width
		);
		await shoot(phone, 'map-390');
		await phoneOverview.getByRole('button', { name: `3 ${DEFAULT_STAGES[2]}` }).click();
		// A stage is nearly a phone wide: the one gone to starts right beside the lane names.
		await phoneOverview.getByText('Stages 3–3 of 6 in view').waitFor();
		// (once the smooth scroll has come to rest)
		const gap = async () => {
			const laneColumn = await edges(
				grid(phone).getByRole('columnheader', { name: 'Lane', exact: true })
			);
			const third = await edges(grid(phone).locator('[role="columnheader"][data-stage]').nth(2));
			return Math.abs(third.left - laneColumn.right);
		};
		await expect.poll(gap).toBeLessThanOrEqual(2);
		// The drawer takes the whole width of a phone.
		await (await shownTouchpointCard(phone, DEFAULT_STAGES[2], reception.name)).click();
		const phonePanel = touchpointPanel(phone);
		await phonePanel.getByRole('heading', { name: reception.name, exact: true }).waitFor();
		expect(await edges(phonePanel)).toEqual({ left: 0, right: PHONE.width });
		await shoot(phone, 'map-390-drawer');
		await phonePanel.getByRole('button', { name: 'Close' }).click();
		await phonePanel.waitFor({ state: 'detached' });
	}
});
