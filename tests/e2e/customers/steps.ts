// Screens, screenshots and waiting for the customer end-to-end tests (portraits, journey maps,
// touchpoint register): waiting on what a person sees, never on fixed sleeps.
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import {
	SCREENSHOT_DIR,
	noShots,
	numberedShots,
	photographingFailureIn
} from '../../utils/browser';

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
	const shoot = numberedShots(CUSTOMER_SHOTS, `${prefix}-`);
	/** With `wholeMap`, a journey map's grid is drawn whole instead of in its scrolled box. */
	const shootCustomer = (page: Page, label: string, options: { wholeMap?: boolean } = {}) =>
		shoot(
			page,
			label,
			options.wholeMap ? { style: WHOLE_MAP_STYLE, prepare: () => drawWholeMap(page) } : {}
		);
	return Object.assign(shootCustomer, { saved: shoot.saved });
}

/** The map fills in cells as they come near the screen; as for printing, it draws them all. */
async function drawWholeMap(page: Page): Promise<void> {
	await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
	await page.waitForFunction(
		() => !document.querySelector('[role="gridcell"]:has(> .cell-label):not([data-drawn])')
	);
}

/**
 * Runs the steps of a test; if one fails, first saves what every screen showed at that moment
 * (test-results/e2e/customers/failed-<name>.png), then fails with the step's error.
 */
export function photographingFailure(
	screens: Map<string, Page>,
	steps: () => Promise<void>
): Promise<void> {
	return photographingFailureIn(CUSTOMER_SHOTS, screens, steps);
}

export { noShots };

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
