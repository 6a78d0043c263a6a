// Script payloads for the stored-text checks, and what a page must (and must not) show once people
// have typed them in: the payload as literal text, never as elements, handlers or links that run.
// The checks read the DOM itself, so a Content-Security-Policy that blocks a handler from running
// does not hide an element the page should never have built.
import { resolve } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import { SCREENSHOT_DIR, capture } from '../../utils/browser';

/** Where the screenshots of these tests go: test-results/e2e/security/. */
export const SECURITY_SHOTS = resolve(SCREENSHOT_DIR, 'security');

/** Markup that runs script if a page ever renders it as HTML instead of text. */
export const ATTACKS = {
	img: '<img src=x onerror="window.__xss=(window.__xss||0)+1">',
	script: '<script>window.__xss=1</script>',
	svg: '"><svg onload=window.__xss=1>',
	link: '<a href="javascript:window.__xss=1">link</a>',
	alert: `<details open ontoggle="alert('xss')">`
} as const;
export type Attack = keyof typeof ATTACKS;

/** A stored text: a short tag saying which field it went into, then an attack. */
export const attack = (tag: string, kind: Attack): string => `${tag} ${ATTACKS[kind]}`;

/** Text with runs of white space as one space, trimmed. */
const squash = (text: string): string => text.replace(/\s+/g, ' ').trim();

/**
 * What a person can read on the page: its rendered text, and the values of its inputs and text
 * areas (a member sees an editable field's text in the field).
 */
export async function readableText(page: Page): Promise<string> {
	const text = await page.evaluate(() => {
		const fields = [...document.querySelectorAll('input, textarea')].map((field) =>
			field instanceof HTMLInputElement || field instanceof HTMLTextAreaElement ? field.value : ''
		);
		return [document.body.innerText, ...fields].join('\n');
	});
	return squash(text);
}

/**
 * Signs of a payload that became markup: `window.__xss` set, an inline event handler or a
 * `javascript:` address on any element, the payload's image, frame or script element.
 */
export async function markupFound(page: Page): Promise<string[]> {
	return page.evaluate(() => {
		const found: string[] = [];
		if ('__xss' in window) found.push(`window.__xss is ${String(Reflect.get(window, '__xss'))}`);
		const addresses = new Set(['href', 'src', 'action', 'formaction', 'xlink:href', 'data']);
		for (const element of document.querySelectorAll('*')) {
			const name = element.localName;
			for (const { name: attribute, value } of element.attributes) {
				if (attribute.startsWith('on')) found.push(`<${name} ${attribute}="${value}">`);
				if (addresses.has(attribute) && /^\s*javascript:/i.test(value))
					found.push(`<${name} ${attribute}="${value}">`);
			}
			if (name === 'img' && element.getAttribute('src') === 'x') found.push('<img src=x>');
			if (name === 'iframe' || name === 'object' || name === 'embed') found.push(`<${name}>`);
			// SvelteKit's own start-up script carries the page's data, payloads included, as a
			// string inside it; a script of the payload's own is nothing but the payload.
			if (name === 'script' && /^\s*window\.__xss/.test(element.textContent ?? ''))
				found.push(`<script>${element.textContent ?? ''}</script>`);
		}
		return found;
	});
}

/** What a person's pages did that only a payload would do: dialogs opened, scripts refused. */
export type Attempts = {
	/** alert, confirm or prompt dialogs, other than the app's own confirmations. */
	dialogs: { type: string; message: string; url: string }[];
	/**
	 * Script the page's Content-Security-Policy refused (an inline handler or `javascript:` link
	 * that was in the document and fired): the app itself runs no such script, so each one is
	 * a payload that became markup, whether or not a policy is there to stop it.
	 */
	refusedScripts: { directive: string; element: string; sample: string; url: string }[];
};

/**
 * Watches a person's context: records every dialog its pages open and every script their policy
 * refuses. `confirmsAllowed`: the app's own confirm() of a step, by part of its message, is
 * accepted and not recorded; every other dialog is dismissed.
 */
export async function watchAttempts(
	context: BrowserContext,
	confirmsAllowed: string[] = []
): Promise<Attempts> {
	const attempts: Attempts = { dialogs: [], refusedScripts: [] };
	await context.exposeBinding('__reportRefusedScript', ({ page }, refused: unknown) => {
		const field = (name: string): string => {
			const value: unknown =
				typeof refused === 'object' && refused !== null ? Reflect.get(refused, name) : '';
			return typeof value === 'string' ? value : '';
		};
		const directive = field('directive');
		if (directive.startsWith('script-src'))
			attempts.refusedScripts.push({
				directive,
				element: field('element'),
				sample: field('sample'),
				url: page.url()
			});
	});
	await context.addInitScript(() => {
		document.addEventListener('securitypolicyviolation', (event) => {
			// A handler refused on an element of the page. Markup parsed in a detached document (as
			// the editors parse pasted HTML, to read its formatting) is reported with the document
			// as its target: no script there ever runs, with or without a policy.
			const target = event.target;
			const report: unknown = Reflect.get(window, '__reportRefusedScript');
			if (!(target instanceof Element) || typeof report !== 'function') return;
			void (report as (refused: object) => Promise<void>)({
				directive: event.effectiveDirective,
				element: target.outerHTML.slice(0, 300),
				sample: event.sample
			});
		});
	});
	const watch = (page: Page) =>
		page.on('dialog', (dialog) => {
			const message = dialog.message();
			if (dialog.type() === 'confirm' && confirmsAllowed.some((part) => message.includes(part))) {
				void dialog.accept();
				return;
			}
			attempts.dialogs.push({ type: dialog.type(), message, url: page.url() });
			void dialog.dismiss();
		});
	context.pages().forEach(watch);
	context.on('page', watch);
	return attempts;
}

/**
 * The page shows every one of `texts` literally and nothing of them as markup; saves a screenshot
 * when `shot` is given.
 */
export async function expectShownAsText(
	page: Page,
	where: string,
	texts: string[],
	shot?: string
): Promise<void> {
	expect(await markupFound(page), `markup from a payload on ${where}`).toEqual([]);
	const readable = await readableText(page);
	const missing = texts.filter((text) => !readable.includes(squash(text)));
	expect(missing, `texts not shown literally on ${where}`).toEqual([]);
	if (shot) await capture(page, resolve(SECURITY_SHOTS, `${shot}.png`));
}
