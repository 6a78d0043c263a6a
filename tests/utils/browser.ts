// Real Chromium for the end-to-end tests, through playwright-core (which never downloads a browser).
import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, inject } from 'vitest';

/** Where screenshots of the visited pages are saved. */
export const SCREENSHOT_DIR = resolve('test-results/e2e');

/**
 * How long a single Playwright action or wait may take before the test fails with a clear message.
 * Generous: CI runs the suite on PGlite and on PostgreSQL side by side on two cores, where a
 * request has been seen to wait over 15 s for the processor.
 */
const ACTION_TIMEOUT_MS = 30_000;

/** Launches the Chromium the global setup found, headless and quiet (no network calls of its own). */
export function launchBrowser(): Promise<Browser> {
	return chromium.launch({
		executablePath: inject('chromiumPath'),
		args: [
			'--headless',
			'--no-sandbox',
			'--disable-gpu',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
			'--no-first-run',
			'--disable-quic'
		]
	});
}

/** Options of a fresh browser context. */
export type ContextOptions = {
	/** Browser locale, sent as Accept-Language (default en-US). */
	locale?: string;
	/** Window size (default 1280×800). */
	viewport?: { width: number; height: number };
	/** Where relative addresses go (default: the shared app under test). */
	baseURL?: string;
};

/** A fresh context (its own cookies, like a separate person) pointed at the app under test. */
export async function newContext(
	browser: Browser,
	options: ContextOptions = {}
): Promise<BrowserContext> {
	const context = await browser.newContext({
		baseURL: options.baseURL ?? inject('appUrl'),
		locale: options.locale ?? 'en-US',
		viewport: options.viewport ?? { width: 1280, height: 800 }
	});
	context.setDefaultTimeout(ACTION_TIMEOUT_MS);
	context.setDefaultNavigationTimeout(ACTION_TIMEOUT_MS);
	return context;
}

/**
 * Whether the tests save their screenshots of pages. E2E_SCREENSHOTS=off skips them (CI takes them
 * in one of its two runs); a failing step's screenshots are taken either way.
 */
export const screenshotsWanted = process.env.E2E_SCREENSHOTS !== 'off';

/**
 * Saves a full-page PNG at `path`, drawn with `style` if given; false when screenshots are off.
 * From the top: a full-page capture of a scrolled window draws the sticky top bar mid-page
 * (scrolled boxes inside the page keep their own position).
 */
export async function capture(page: Page, path: string, style?: string): Promise<boolean> {
	if (!screenshotsWanted) return false;
	await mkdir(dirname(path), { recursive: true });
	await page.evaluate(() => window.scrollTo(0, 0));
	await page.screenshot({ path, fullPage: true, style });
	return true;
}

/** Saves a full-page PNG as test-results/e2e/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<void> {
	await capture(page, resolve(SCREENSHOT_DIR, `${name}.png`));
}

/** How one numbered screenshot is drawn. */
export type ShotOptions = {
	/** CSS added for the capture. */
	style?: string;
	/** Runs before the capture (e.g. to draw content that is drawn lazily). */
	prepare?: () => Promise<void>;
};

/**
 * Screenshots in `dir` numbered in the order taken, `<prefix>01-<label>.png`, `<prefix>02-…`;
 * `saved` lists the paths saved.
 */
export function numberedShots(dir: string, prefix = '') {
	let taken = 0;
	const saved: string[] = [];
	const shoot = async (page: Page, label: string, options: ShotOptions = {}): Promise<void> => {
		taken += 1;
		if (!screenshotsWanted) return;
		const path = resolve(dir, `${prefix}${String(taken).padStart(2, '0')}-${label}.png`);
		await options.prepare?.();
		if (await capture(page, path, options.style)) saved.push(path);
	};
	return Object.assign(shoot, { saved });
}

/** Takes one screenshot of a page, named after what it shows. */
export type Shoot = (page: Page, label: string) => Promise<void>;

/** Numbered screenshots of one test, in the order taken: <prefix>-01-<label>.png, <prefix>-02-<label>.png, ... */
export function screenshots(prefix: string): Shoot {
	const shoot = numberedShots(SCREENSHOT_DIR, `${prefix}-`);
	return (page, label) => shoot(page, label);
}

/**
 * Runs the steps of a test; if one fails, first saves what every screen showed at that moment
 * (`<dir>/failed-<name>.png`, screenshots on or off) and logs the text each showed, then fails
 * with the step's error.
 */
export async function photographingFailureIn(
	dir: string,
	screens: Map<string, Page>,
	steps: () => Promise<void>
): Promise<void> {
	try {
		await steps();
	} catch (error) {
		await mkdir(dir, { recursive: true });
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
				.screenshot({ path: resolve(dir, file), fullPage: true, timeout: 10_000 })
				.catch(() => {});
		}
		throw error;
	}
}

/** Screenshots the account and workspace helpers would take, for tests that take their own. */
export const noShots = async (): Promise<void> => {};

/** One browser per test file, a fresh context per page; contexts close after each test, the browser after the file. */
export function useBrowser() {
	let browser: Browser | undefined;
	const contexts: BrowserContext[] = [];
	beforeAll(async () => {
		browser = await launchBrowser();
	});
	afterEach(async () => {
		await Promise.all(contexts.splice(0).map((context) => context.close()));
	});
	afterAll(async () => {
		await browser?.close();
	});
	return {
		/** A page in a new context: a separate person with no cookies yet. */
		newPage: async (options: ContextOptions = {}): Promise<Page> => {
			if (!browser)
				throw new Error(
					'useBrowser(): the browser is not launched yet (call newPage inside a test)'
				);
			const context = await newContext(browser, options);
			contexts.push(context);
			return context.newPage();
		}
	};
}
