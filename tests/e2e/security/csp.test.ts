// The Content-Security-Policy in real Chromium against the production build: every page and every
// stage of a live session is visited and used (the tiptap editors, the shared documents over the
// WebSocket, a portrait photo, the exports, the print pages, another language, an error page), and
// no page may report a violation. A script injected into a page must not run, and must be reported.
import { deflateSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { useBrowser } from '../../utils/browser';
import { newAccount, pathOf, signUp, submitSignIn, WORKSPACE_HOME } from '../../utils/e2e-accounts';
import {
	createInviteLink,
	joinByInvite,
	openMembers,
	waitForHydration
} from '../../utils/e2e-workspace';
import { downloadBy } from '../customers/files';
import { sectionEditor, waitForLive as waitForDocument } from '../customers/journey-page';
import {
	draftEditor,
	draftText,
	eventually,
	LIVE_TIMEOUT_MS,
	noShots,
	waitForLive,
	waitForStage,
	waitForSync,
	guestCodeOf,
	joinAsGuest
} from '../session/steps';

/** An iPhone 12-sized screen, for the guest. */
const PHONE = { width: 390, height: 844 };

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

/**
 * What the pages of one test reported: CSP violations (from `securitypolicyviolation` events and
 * Chromium's log) and page responses without the app's policy; the pages loaded whole.
 */
type CspWatch = { problems: string[]; violations: string[]; pagesSeen: Set<string> };

/** Name of the function a page calls to report a violation to the test. */
const REPORT_BINDING = 'reportCspViolationToTest';

/**
 * Watches a page for CSP violations from before its first script on every document it loads, and
 * checks that every HTML page it navigates to allows scripts from the app's origin and its nonce only.
 */
async function watchCsp(page: Page, who: string, watch: CspWatch): Promise<Page> {
	await page.exposeBinding(REPORT_BINDING, (_source, report: string) => {
		watch.violations.push(`[${who}] ${report}`);
	});
	await page.addInitScript((binding) => {
		document.addEventListener(
			'securitypolicyviolation',
			(event) => {
				const report: unknown = Reflect.get(window, binding);
				if (typeof report !== 'function') return;
				(report as (line: string) => void)(
					`${event.effectiveDirective} blocked ${event.blockedURI || 'inline'} on ${location.pathname} at ${event.sourceFile}:${event.lineNumber} ${event.sample}`
				);
			},
			true
		);
	}, REPORT_BINDING);
	// Chromium writes each violation to the page's log (not through the console API).
	const devtools = await page.context().newCDPSession(page);
	devtools.on('Log.entryAdded', ({ entry }) => {
		if (/Content[- ]Security[- ]Policy/i.test(entry.text))
			watch.violations.push(`[${who}] log: ${entry.text}`);
	});
	await devtools.send('Log.enable');
	page.on('response', (response) => {
		const request = response.request();
		if (!request.isNavigationRequest() || request.frame() !== page.mainFrame()) return;
		if (!(response.headers()['content-type'] ?? '').startsWith('text/html')) return;
		const path = new URL(response.url()).pathname;
		watch.pagesSeen.add(path);
		const policy = response.headers()['content-security-policy'] ?? '';
		const scripts = /(?:^|;)\s*script-src ([^;]*)/.exec(policy)?.[1] ?? '';
		// Pages read without JavaScript (csr = false) have no start-up script and so no nonce.
		if (!/^'self'( 'nonce-[^']+')?$/.test(scripts))
			watch.problems.push(`[${who}] ${path} (${response.status()}): script-src "${scripts}"`);
	});
	return page;
}

/** A 2×2 PNG, built here so that the photo is a real image. */
function tinyPng(): Buffer {
	const crcTable = Array.from({ length: 256 }, (_, n) => {
		let c = n;
		for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
		return c >>> 0;
	});
	const crc = (bytes: Buffer) => {
		let c = 0xffffffff;
		for (const byte of bytes) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
		return (c ^ 0xffffffff) >>> 0;
	};
	const chunk = (type: string, data: Buffer) => {
		const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
		const length = Buffer.alloc(4);
		length.writeUInt32BE(data.length);
		const sum = Buffer.alloc(4);
		sum.writeUInt32BE(crc(body));
		return Buffer.concat([length, body, sum]);
	};
	const header = Buffer.alloc(13);
	header.writeUInt32BE(2, 0);
	header.writeUInt32BE(2, 4);
	header.set([8, 2, 0, 0, 0], 8);
	// Two rows, each a filter byte and two RGB pixels.
	const pixels = Buffer.from([0, 200, 30, 30, 30, 30, 200, 0, 30, 200, 30, 240, 240, 240]);
	return Buffer.concat([
		Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
		chunk('IHDR', header),
		chunk('IDAT', deflateSync(pixels)),
		chunk('IEND', Buffer.alloc(0))
	]);
}

describe.skipIf(!inject('appUrl'))('the Content-Security-Policy in Chromium', () => {
	const browser = useBrowser();

	it('blocks and reports a script injected into a page', async () => {
		const watch: CspWatch = { problems: [], violations: [], pagesSeen: new Set() };
		const page = await watchCsp(await browser.newPage(), 'stranger', watch);
		await page.goto('/signin');
		await waitForHydration(page);
		await page.evaluate(() => {
			const script = document.createElement('script');
			script.textContent = 'document.documentElement.dataset.injected = "script"';
			document.head.append(script);
			const image = document.createElement('img');
			image.setAttribute('onerror', 'document.documentElement.dataset.injected = "handler"');
			image.src = '/no-such-image.png';
			document.body.append(image);
		});
		await expect
			.poll(() => watch.violations.filter((line) => line.includes(' blocked inline ')).length)
			.toBe(2);
		const reported = watch.violations.join('\n');
		expect(reported).toMatch(/script-src-elem blocked inline on \/signin/);
		expect(reported).toMatch(/script-src-attr blocked inline on \/signin/);
		expect(reported).toMatch(/log: Executing inline script violates .*Content Security Policy/);
		expect(reported).toMatch(/log: Executing inline event handler violates/);
		expect(await page.locator('html').getAttribute('data-injected')).toBeNull();
		expect(watch.problems).toEqual([]);
	});

	it(
		'no page reports a violation: sign-in to a published definition, portraits, journeys, touchpoints',
		async () => {
			const watch: CspWatch = { problems: [], violations: [], pagesSeen: new Set() };
			const person = async (who: string, viewport?: { width: number; height: number }) => {
				const page = await watchCsp(await browser.newPage({ viewport }), who, watch);
				page.context().setDefaultTimeout(LIVE_TIMEOUT_MS);
				page.context().setDefaultNavigationTimeout(60_000);
				page.on('dialog', (dialog) => void dialog.accept());
				return page;
			};

			// ── Accounts, the workspace, members, an invite; another language ────────────────────────
			const elena = await person('Elena');
			const account = { ...newAccount('csp'), name: 'Elena Petrova' };
			const workspaceId = await signUp(elena, account, noShots);
			const home = `/w/${workspaceId}`;
			await waitForHydration(elena);
			await openMembers(elena, workspaceId);
			const link = await createInviteLink(elena, { role: 'member' }, noShots);
			const anna = await person('Anna');
			await joinByInvite(anna, link, { ...newAccount('csp-member'), name: 'Anna Smith' }, noShots);

			const returning = await person('Elena again');
			await submitSignIn(returning, account.email, account.password, noShots);
			await returning.waitForURL((url) => WORKSPACE_HOME.test(url.pathname));
			const russian = await watchCsp(await browser.newPage({ locale: 'ru' }), 'ru', watch);
			await russian.goto('/signin');
			expect(await russian.locator('html').getAttribute('lang')).toBe('ru');
			await waitForHydration(russian);
			await russian.getByLabel('Язык').selectOption('en');
			await russian.locator('html[lang="en"]').waitFor();
			await waitForHydration(russian);

			for (const path of ['profile', 'notifications', 'sessions/import'])
				await visit(elena, `${home}/${path}`);

			// ── A live session through all six stages, with a member and a guest ────────────────────
			await elena.goto(home);
			await waitForHydration(elena);
			await elena.getByRole('link', { name: 'New session' }).first().click();
			await elena.getByRole('heading', { level: 1, name: 'New strategy session' }).waitFor();
			await waitForHydration(elena);
			await expect
				.poll(
					async () => {
						await elena.getByRole('button', { name: 'Select everyone' }).click();
						return elena.getByLabel('Anna Smith').isChecked();
					},
					{ timeout: LIVE_TIMEOUT_MS, interval: 500 }
				)
				.toBe(true);
			await elena.getByLabel('Title').fill('What customer focus means to us');
			await elena.getByLabel('Goal').fill('One definition everyone acts on');
			await elena.getByLabel('Let guests join by code (e.g. loyal customers)').check();
			await elena.getByRole('button', { name: 'Create session' }).click();
			await elena.waitForURL((url) => new RegExp(`^/s/${UUID}$`).test(url.pathname));
			const sessionId = pathOf(elena).split('/')[2];
			const sessionPath = `/s/${sessionId}`;
			await waitForLive(elena);
			const code = await guestCodeOf(elena);

			const irina = await person('Irina (guest)', PHONE);
			await joinAsGuest(irina, code, 'Irina', sessionPath);
			await anna.goto(sessionPath);
			await waitForLive(anna);

			const projector = await person('Projector');
			await submitSignIn(projector, account.email, account.password, noShots);
			await projector.waitForURL((url) => WORKSPACE_HOME.test(url.pathname));
			await projector.goto(`${sessionPath}/projector`);
			await projector.getByRole('heading', { level: 1, name: 'Own definitions' }).waitFor();

			// Stage 1: everyone writes and submits; the facilitator reveals.
			for (const [page, text] of [
				[elena, 'Customers leave knowing what happens next.'],
				[anna, 'We remember every customer.'],
				[irina, 'Nobody makes me tell my story twice.']
			] as const) {
				await page.getByLabel('Your definition').fill(text);
				await page.getByRole('button', { name: 'Submit my definition' }).click();
				await page
					.getByText('Submitted. You can still take it back and edit until the reveal.')
					.waitFor();
			}
			await elena.getByRole('button', { name: 'Reveal all definitions' }).click();
			await anna.getByRole('heading', { name: 'All definitions are revealed' }).waitFor();

			// Stage 2: the grouping board, a shared document over the WebSocket.
			await nextStage(elena, [anna, irina], projector, 'Group into themes');
			for (const page of [elena, anna, irina]) await waitForSync(page);
			await elena.getByRole('button', { name: 'New theme', exact: true }).click();
			await elena.getByLabel('Theme name').first().fill('Memory');

			// Stage 3: criteria, a vote and its results.
			await nextStage(elena, [anna, irina], projector, 'Criteria and voting');
			await waitForSync(anna);
			for (const [page, text] of [
				[anna, 'Every promise kept'],
				[irina, 'No story told twice']
			] as const) {
				await page.getByLabel('New criterion').fill(text);
				await page.getByRole('button', { name: 'Add', exact: true }).click();
			}
			await elena.getByRole('button', { name: 'Open the vote' }).click();
			await anna.getByText('Voting is open').waitFor();
			await anna.getByRole('button', { name: 'Put a dot on: Every promise kept' }).click();
			await anna.getByText('Your dots are saved.').waitFor();
			await elena.getByRole('button', { name: 'Close the vote' }).click();
			await elena.getByRole('button', { name: 'Reveal the results' }).click();
			await anna.getByRole('table', { name: 'Criteria ranked by dots' }).waitFor();
			await elena.getByRole('checkbox', { name: 'Winning criterion: Every promise kept' }).check();

			// Stage 4: the collaborative draft (tiptap) typed by the member and the guest.
			await nextStage(elena, [anna, irina], projector, 'Shared definition');
			for (const page of [anna, irina]) await waitForSync(page);
			await draftEditor(anna).click();
			await anna.keyboard.type('Every customer leaves knowing what happens next.');
			await eventually(() => draftText(irina), 'Every customer leaves knowing what happens next.');
			await draftEditor(irina).click();
			await irina.keyboard.press('Control+End');
			await irina.keyboard.type(' Nobody tells their story twice.');
			await eventually(
				() => draftText(elena),
				'Every customer leaves knowing what happens next. Nobody tells their story twice.'
			);
			await elena.getByLabel('Version name').fill('First draft');
			await elena.getByRole('button', { name: 'Save version' }).click();
			await elena.getByText('v1 · First draft').waitFor();

			// Stage 5: consensus.
			await nextStage(elena, [anna, irina], projector, 'Consensus');
			await elena.getByRole('button', { name: 'Ask for consensus' }).click();
			for (const page of [anna, irina]) {
				await page.getByRole('heading', { name: 'Version 1: First draft' }).waitFor();
				// The radio button sits hidden under its label's icon: a person clicks the label.
				await page.getByText('I support it as it is.', { exact: true }).click();
				await expect
					.poll(() =>
						page
							.getByRole('radio', { name: 'Accept I support it as it is.', exact: true })
							.isChecked()
					)
					.toBe(true);
				await page.getByRole('button', { name: 'Send my answer' }).click();
			}
			await elena.getByText('Agreed without objection. Version 1 can now be published.').waitFor();
			await elena.getByRole('button', { name: 'Go to publishing' }).click();

			// Stage 6: publishing.
			await waitForStage(elena, 'Publish and explain');
			await projector
				.getByRole('heading', { level: 1, name: 'Publish and explain', exact: true })
				.waitFor();
			await elena
				.getByLabel('What it means in daily work')
				.fill('Before a customer leaves, they know what happens next.');
			await elena.getByRole('button', { name: 'Publish as version 1' }).click();
			await anna.getByText('Published as version 1.').waitFor();
			await irina.getByText('Published as version 1.').waitFor();

			// The published definition, its reach, its version page; the session's outputs and report.
			await anna.getByRole('link', { name: 'Open the published page' }).click();
			await anna.waitForURL((url) => url.pathname === `${home}/definition`);
			await anna.getByRole('button', { name: 'I have read and understood' }).click();
			await anna.getByText(/You confirmed on .+ that you have read and understood/).waitFor();
			await visit(elena, `${home}/definition/reach`);
			await visit(elena, `${home}/definition/v/1`);
			await visit(elena, `${home}/sessions/${sessionId}/outputs`);
			await elena.getByRole('link', { name: 'Print layout' }).click();
			await elena.waitForURL((url) => url.pathname.endsWith(`/sessions/${sessionId}/report`));
			await elena.getByText('Every customer leaves knowing what happens next.').first().waitFor();
			await visit(elena, `${sessionPath}/customers`);

			// ── Portraits: two from the sample, edited live, a photo, print, compare, pareto ─────────
			const portraits: string[] = [];
			for (let index = 0; index < 2; index++) {
				await visit(elena, `${home}/portraits`);
				await elena.getByRole('link', { name: 'New portrait' }).first().click();
				await elena.getByRole('heading', { level: 1, name: 'New portrait' }).waitFor();
				await waitForHydration(elena);
				await elena.getByRole('radio', { name: /^The sample/ }).check();
				await elena.getByLabel('Language of the sample').selectOption('en');
				await elena.getByRole('button', { name: 'Create portrait' }).click();
				await elena.waitForURL((url) =>
					new RegExp(`^/w/${UUID}/portraits/${UUID}$`).test(url.pathname)
				);
				portraits.push(pathOf(elena));
				await waitForDocument(elena);
			}
			const [portraitPath, otherPortraitPath] = portraits;
			await elena.goto(portraitPath);
			await waitForDocument(elena);
			await anna.goto(portraitPath);
			await waitForDocument(anna);
			const motives = sectionEditor(anna, 'motives');
			await motives.click();
			await anna.keyboard.press('Control+End');
			await anna.keyboard.type(' A test drive when it suits them.');
			await expect
				.poll(() => sectionEditor(elena, 'motives').textContent(), { timeout: LIVE_TIMEOUT_MS })
				.toContain('A test drive when it suits them.');
			await waitForHydration(elena);
			await elena.getByLabel('Image: JPEG, PNG or WebP, up to 2 MB').setInputFiles({
				name: 'portrait.png',
				mimeType: 'image/png',
				buffer: tinyPng()
			});
			await elena.getByRole('button', { name: 'Upload photo' }).click();
			const photo = elena.getByRole('img', { name: /^Photo of / }).first();
			await photo.waitFor();
			await expect
				.poll(() =>
					photo.evaluate(
						(image) => image instanceof HTMLImageElement && image.complete && image.naturalWidth
					)
				)
				.toBe(2);
			await visit(elena, `${portraitPath}/print`);
			const ids = [portraitPath, otherPortraitPath].map((path) => path.split('/').pop());
			await visit(elena, `${home}/portraits/compare?ids=${ids.join(',')}`);
			await visit(elena, `${home}/portraits/pareto`);

			// ── Journeys: the list, a map (live grid), its SVG and PNG ───────────────────────────────
			await elena.goto(portraitPath);
			await elena.getByLabel('Title of the map').fill('First visit');
			await elena.getByRole('button', { name: 'Create map' }).click();
			await elena.waitForURL((url) =>
				new RegExp(`^/w/${UUID}/journeys/${UUID}$`).test(url.pathname)
			);
			const mapPath = pathOf(elena);
			await waitForDocument(elena);
			await elena.getByRole('grid').waitFor();
			await elena.getByText('Download', { exact: true }).click();
			const svg = await downloadBy(elena.getByRole('link', { name: 'SVG image' }));
			const png = await downloadBy(elena.getByRole('link', { name: 'PNG image' }));
			expect(svg.body.toString('utf8')).toContain('<svg');
			expect(png.body.subarray(1, 4).toString('latin1')).toBe('PNG');
			await visit(anna, `${home}/journeys`);
			await anna.getByRole('link', { name: 'First visit' }).click();
			await anna.waitForURL((url) => url.pathname === mapPath);
			await waitForDocument(anna);

			// ── Touchpoints: the register, and a touchpoint's page with the rule editor ──────────────
			const created = await elena.request.post(`${home}/touchpoints/all`, {
				data: { name: 'Front desk phone', type: 'business', kind: 'phone', channel: 'Phone' }
			});
			expect(created.status()).toBe(200);
			const { touchpoint } = (await created.json()) as { touchpoint: { id: string } };
			await visit(elena, `${home}/touchpoints`);
			await visit(elena, `${home}/touchpoints/${touchpoint.id}`);
			const rule = elena.locator('[contenteditable="true"][role="textbox"]');
			await rule.click();
			await elena.keyboard.type('Answer within three rings.');
			await elena.getByRole('button', { name: 'Save', exact: true }).click();
			await elena.getByRole('status').filter({ hasText: 'Saved' }).waitFor();

			// ── Error pages: no such page, a workspace of others ─────────────────────────────────────────
			for (const [path, status] of [
				[`${home}/no-such-page`, 404],
				['/w/00000000-0000-4000-8000-000000000000', 403]
			] as const) {
				const response = await elena.goto(path);
				expect(response?.status(), path).toBe(status);
				await elena.getByRole('heading', { level: 1 }).waitFor();
				await waitForHydration(elena);
			}

			// Every page once more, loaded whole from the server (the steps above went to many of them
			// by the app's own navigation, which loads no new document).
			const sweep: [Page, string, ((page: Page) => Promise<void>)?][] = [
				[elena, home],
				[elena, `${home}/members`],
				[elena, `${home}/profile`],
				[elena, `${home}/notifications`],
				[elena, `${home}/sessions/new`],
				[elena, sessionPath, waitForLive],
				[elena, `${sessionPath}/projector`],
				[irina, sessionPath, waitForLive],
				[anna, `${home}/definition`],
				[elena, `${home}/definition/reach`],
				[elena, `${home}/sessions/${sessionId}/outputs`],
				[elena, `${home}/sessions/${sessionId}/report`],
				[elena, `${home}/portraits`],
				[elena, `${home}/portraits/new`],
				[elena, portraitPath, waitForDocument],
				[elena, mapPath, waitForDocument],
				[elena, `${home}/journeys`],
				[anna, `${home}/touchpoints`]
			];
			for (const [page, path, loaded] of sweep) {
				await visit(page, path);
				await loaded?.(page);
			}
			for (const path of [
				'/signup',
				'/signin',
				'/join',
				new URL(link).pathname,
				...sweep.map(([, path]) => path),
				`${home}/definition/v/1`,
				`${portraitPath}/print`,
				`${home}/portraits/compare`,
				`${home}/portraits/pareto`,
				`${home}/touchpoints/${touchpoint.id}`,
				`${home}/no-such-page`
			])
				expect(watch.pagesSeen, path).toContain(path);
			expect(watch.problems).toEqual([]);
			expect(watch.violations).toEqual([]);
		},
		15 * 60_000
	);
});

/** The published definition's pages are read without JavaScript (`csr = false`). */
const PAGES_WITHOUT_SCRIPTS = /\/definition(\/|$)/;

/** Opens a page by its address and waits until it is hydrated (or, without scripts, shown). */
async function visit(page: Page, path: string): Promise<void> {
	const response = await page.goto(path);
	expect(response?.status(), path).toBe(200);
	if (PAGES_WITHOUT_SCRIPTS.test(path)) await page.getByRole('heading', { level: 1 }).waitFor();
	else await waitForHydration(page);
}

/** The facilitator opens the next stage; waits until the participants' screens and the projector show it. */
async function nextStage(
	facilitator: Page,
	participants: Page[],
	projector: Page,
	name: string
): Promise<void> {
	await facilitator.getByRole('button', { name: 'Next stage' }).click();
	await waitForStage(facilitator, name);
	for (const page of participants) await waitForStage(page, name);
	await projector.getByRole('heading', { level: 1, name, exact: true }).waitFor();
}
