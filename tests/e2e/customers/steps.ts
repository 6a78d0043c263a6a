// Screens, screenshots and waiting for the customer end-to-end tests (portraits, journey maps,
// touchpoint register): waiting on what a person sees, never on fixed sleeps.
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { SCREENSHOT_DIR, screenshotsWanted } from '../../utils/browser';

/** Where the screenshots of these tests go: test-results/e2e/customers/. */
export const CUSTOMER_SHOTS = resolve(SCREENSHOT_DIR, 'customers');

/** How long a change may take to reach another person's screen (a loaded 2-core machine). */
export const LIVE_TIMEOUT_MS = 30_000;

/** How long one click, fill or wait may take before the test fails with a clear message. */
const ACTION_TIMEOUT_MS = 30_000;

/** How long a page may take to load. */
const NAVIGATION_TIMEOUT_MS = 60_000;

/**
 * Gives a page's context the generous timeouts a loaded machine needs, and reports the page's
 * uncaught errors on the console (they explain a failing step); returns the page.
 */
export function patient(page: Page, name: string): Page {
	page.context().setDefaultTimeout(ACTION_TIMEOUT_MS);
	page.context().setDefaultNavigationTimeout(NAVIGATION_TIMEOUT_MS);
	page.on('pageerror', (error) => console.error(`[${name}] page error: ${error.message}`));
	return page;
}

/** Lets a journey map's scrolled grid box grow to the whole grid for a screenshot. */
const WHOLE_MAP_STYLE =
	'[role="grid"] { min-width: 0 !important; } div:has(> [role="grid"]) { max-height: none !important; overflow: visible !important; }';

/** Screenshots numbered in the order taken (`<prefix>-01-<label>.png`, ...); `saved` lists the paths. */
export function customerShots(prefix: string) {
	let taken = 0;
	const saved: string[] = [];
	/** With `wholeMap`, a journey map's grid is drawn whole instead of in its scrolled box. */
	const shoot = async (
		page: Page,
		label: string,
		options: { wholeMap?: boolean } = {}
	): Promise<void> => {
		taken += 1;
		if (!screenshotsWanted) return;
		await mkdir(CUSTOMER_SHOTS, { recursive: true });
		// From the top: a full-page capture of a scrolled window draws the sticky top bar mid-page.
		// Scrolled boxes inside the page (the map's grid) keep their own scroll position.
		await page.evaluate(() => window.scrollTo(0, 0));
		const path = resolve(
			CUSTOMER_SHOTS,
			`${prefix}-${String(taken).padStart(2, '0')}-${label}.png`
		);
		if (options.wholeMap) {
			// The map fills in cells as they come near the screen; as for printing, it draws them all.
			await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
			await page.waitForFunction(
				() => !document.querySelector('[role="gridcell"]:has(> .cell-label):not([data-drawn])')
			);
		}
		await page.screenshot({
			path,
			fullPage: true,
			style: options.wholeMap ? WHOLE_MAP_STYLE : undefined
		});
		saved.push(path);
	};
	return Object.assign(shoot, { saved });
}

/**
 * Runs the steps of a test; if one fails, first saves what every screen showed at that moment
 * (test-results/e2e/customers/failed-<name>.png), then fails with the step's error.
 */
export async function photographingFailure(
	screens: Map<string, Page>,
	steps: () => Promise<void>
): Promise<void> {
	try {
		await steps();
	} catch (error) {
		await mkdir(CUSTOMER_SHOTS, { recursive: true });
		for (const [name, page] of screens) {
			// A frozen page never answers: give up on it after a while.
			const shown = await Promise.race([
				page
					.evaluate(() => document.body.innerText.replace(/\s+/g, ' ').slice(0, 600))
					.catch((reason: unknown) => `(unreadable: ${String(reason)})`),
				new Promise<string>((done) => setTimeout(() => done('(no answer: frozen?)'), 10_000))
			]);
			console.error(`[${name}] at ${page.url()} when the step failed: ${shown}`);
			const file = `failed-${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}.png`;
			await page
				.screenshot({ path: resolve(CUSTOMER_SHOTS, file), fullPage: true, timeout: 10_000 })
				.catch(() => {});
		}
		throw error;
	}
}

/** Screenshots the account and workspace helpers would take: not wanted here. */
export const noShots = async (): Promise<void> => {};

/** Waits until `read()` gives `expected` (compared with toEqual), on another person's screen. */
export async function eventually<T>(
	read: () => Promise<T>,
	expected: T,
	timeout = LIVE_TIMEOUT_MS
): Promise<void> {
	await expect.poll(read, { timeout, interval: 250 }).toEqual(expected);
}

/** `value` for use inside a RegExp, every special character escaped. */
export const escapeRegExp = (value: string): string => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Text with runs of white space as one space, trimmed. */
export const squash = (text: string | null | undefined): string =>
	(text ?? '').replace(/\s+/g, ' ').trim();
