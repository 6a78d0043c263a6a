// Every page of the app passes an axe-core audit of the WCAG 2.2 A and AA rules with no serious or
// critical finding: the pages signed out, the workspace, a live session at every stage (facilitator
// at desktop width, a member on a phone, the projector), the outputs, portraits, journey maps (also
// with a touchpoint's panel open), touchpoints and an error page, in English and, spot-checked, in
// Russian. One browser; each person keeps one context for the whole walk. The two walks share
// nothing but the browser and run side by side, so that one waits on the server while the other works.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, inject, it, type ExpectStatic } from 'vitest';
import { launchBrowser, newContext } from '../../utils/browser';
import { newAccount, pathOf, signUp } from '../../utils/e2e-accounts';
import {
	createInviteLink,
	joinByInvite,
	openMembers,
	waitForHydration
} from '../../utils/e2e-workspace';
import {
	addTextCard,
	addTouchpoint,
	touchpointCard,
	touchpointPanel,
	waitForLive as waitForDocument
} from '../customers/journey-page';
import {
	draftEditor,
	LIVE_TIMEOUT_MS,
	noShots,
	waitForLive,
	waitForStage,
	waitForSync,
	guestCodeOf,
	joinAsGuest
} from '../session/steps';
import { auditPage, describeFindings, type Finding } from './audit';

/** An iPhone 12-sized screen. */
const PHONE = { width: 390, height: 844 };
/** An iPad-sized screen, upright. */
const TABLET = { width: 768, height: 1024 };

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

/** The published definition's pages and a customer questionnaire are served without JavaScript (`csr = false`). */
const PAGES_WITHOUT_SCRIPTS = /\/definition(\/|$)|^\/q\//;

/** How long one walk may take (it should take well under a minute). */
const WALK_TIMEOUT_MS = 4 * 60_000;

/** The audits of one walk: what was audited and what was found. */
function auditLog(expect: ExpectStatic) {
	const findings: Finding[] = [];
	const audited: string[] = [];
	/** Audits the page as it is now. */
	const audit = async (page: Page, label: string) => {
		findings.push(...(await auditPage(page, label)));
		audited.push(label);
	};
	return {
		audit,
		/** Opens a page by its address, waits until it is ready, and audits it. */
		visit: async (
			page: Page,
			path: string,
			label: string,
			ready?: (page: Page) => Promise<void>
		) => {
			const response = await page.goto(path);
			expect(response?.status(), path).toBe(200);
			if (PAGES_WITHOUT_SCRIPTS.test(path)) await page.getByRole('heading', { level: 1 }).waitFor();
			else await waitForHydration(page);
			await ready?.(page);
			await audit(page, label);
		},
		/** Fails with every finding, one line each, unless there is none; checks the walk audited enough. */
		expectClean: (minimumAudits: number) => {
			expect(audited.length).toBeGreaterThanOrEqual(minimumAudits);
			expect(describeFindings(findings)).toEqual([]);
		}
	};
}

describe.skipIf(!inject('appUrl'))('accessibility (axe-core, WCAG 2.2 A/AA)', () => {
	let browser: Browser | undefined;
	beforeAll(async () => {
		browser = await launchBrowser();
	});
	afterAll(async () => {
		await browser?.close();
	});

	/** A person: a context of their own (closed with the browser) and its page. */
	async function person(viewport?: { width: number; height: number }): Promise<Page> {
		if (!browser) throw new Error('the browser is not launched yet');
		const context = await newContext(browser, { viewport });
		context.setDefaultTimeout(LIVE_TIMEOUT_MS);
		const page = await context.newPage();
		page.on('dialog', (dialog) => void dialog.accept());
		return page;
	}

	it.concurrent(
		'signed out, the workspace, and a live session at every stage',
		async ({ expect }) => {
			const { audit, visit, expectClean } = auditLog(expect);

			// ── Signed out: sign-in, sign-up, join by code ─────────────────────────────────────────
			const stranger = await person(PHONE);
			for (const path of ['/signin', '/signup', '/join'])
				await visit(stranger, path, `signed out ${path.slice(1)}, phone`);

			// ── The workspace: home, members and an invite, profile, notifications, new session ────
			const elena = await person();
			const account = { ...newAccount('axe'), name: 'Elena Petrova' };
			const workspaceId = await signUp(elena, account, noShots);
			const home = `/w/${workspaceId}`;
			await waitForHydration(elena);
			await audit(elena, 'workspace home, empty');
			await openMembers(elena, workspaceId);
			const link = await createInviteLink(elena, { role: 'member' }, noShots);
			await audit(elena, 'members with an invite link');
			const anna = await person(PHONE);
			await visit(anna, new URL(link).pathname, 'invite, phone');
			await joinByInvite(anna, link, { ...newAccount('axe-member'), name: 'Anna Smith' }, noShots);
			await waitForHydration(anna);
			await audit(anna, 'workspace home, member on a phone');
			for (const path of ['profile', 'notifications', 'sessions/import'])
				await visit(elena, `${home}/${path}`, path);

			await visit(elena, `${home}/sessions/new`, 'new session');
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
			const sessionPath = pathOf(elena);
			const sessionId = sessionPath.split('/')[2];
			await waitForLive(elena);
			const code = await guestCodeOf(elena);
			await anna.goto(sessionPath);
			await waitForLive(anna);
			const irina = await person(TABLET);
			await joinAsGuest(irina, code, 'Irina', sessionPath);
			const projector = await elena.context().newPage();
			await projector.goto(`${sessionPath}/projector`);
			await projector.getByRole('heading', { level: 1, name: 'Own definitions' }).waitFor();

			/** Audits every screen of the current stage: facilitator, member, guest, projector. */
			const auditStage = async (stage: string) => {
				await audit(elena, `session ${stage}: facilitator`);
				await audit(anna, `session ${stage}: member on a phone`);
				await audit(irina, `session ${stage}: guest on a tablet`);
				await audit(projector, `session ${stage}: projector`);
			};
			const nextStage = async (name: string) => {
				await elena.getByRole('button', { name: 'Next stage' }).click();
				for (const page of [elena, anna, irina]) await waitForStage(page, name);
				await projector.getByRole('heading', { level: 1, name, exact: true }).waitFor();
			};

			// Stage 1: silent writing, then the reveal.
			await auditStage('1 writing');
			await anna.getByLabel('Your definition').fill('We remember every customer.');
			await anna.getByRole('button', { name: 'Submit my definition' }).click();
			await anna
				.getByText('Submitted. You can still take it back and edit until the reveal.')
				.waitFor();
			await audit(anna, 'session 1 submitted: member on a phone');
			await elena.getByRole('button', { name: 'Reveal all definitions' }).click();
			await anna.getByRole('heading', { name: 'All definitions are revealed' }).waitFor();
			await auditStage('1 revealed');

			// Stage 2: the grouping board.
			await nextStage('Group into themes');
			for (const page of [elena, anna]) await waitForSync(page);
			await elena.getByRole('button', { name: 'New theme', exact: true }).click();
			await elena.getByLabel('Theme name').first().fill('Memory');
			await auditStage('2 grouping');

			// Stage 3: criteria, the vote, the results.
			await nextStage('Criteria and voting');
			await waitForSync(anna);
			await anna.getByLabel('New criterion').fill('Every promise kept');
			await anna.getByRole('button', { name: 'Add', exact: true }).click();
			await auditStage('3 criteria');
			await elena.getByRole('button', { name: 'Open the vote' }).click();
			await anna.getByText('Voting is open').waitFor();
			await anna.getByRole('button', { name: 'Put a dot on: Every promise kept' }).click();
			await anna.getByText('Your dots are saved.').waitFor();
			await auditStage('3 voting');
			await elena.getByRole('button', { name: 'Close the vote' }).click();
			await elena.getByRole('button', { name: 'Reveal the results' }).click();
			await anna.getByRole('table', { name: 'Criteria ranked by dots' }).waitFor();
			await elena.getByRole('checkbox', { name: 'Winning criterion: Every promise kept' }).check();
			await auditStage('3 results');

			// Stage 4: the shared draft and a saved version.
			await nextStage('Shared definition');
			for (const page of [anna, irina]) await waitForSync(page);
			await draftEditor(anna).click();
			await anna.keyboard.type('Every customer leaves knowing what happens next.');
			await elena.getByLabel('Version name').fill('First draft');
			await elena.getByRole('button', { name: 'Save version' }).click();
			await elena.getByText('v1 · First draft').waitFor();
			await auditStage('4 draft');

			// Stage 5: consensus, asked and answered.
			await nextStage('Consensus');
			await elena.getByRole('button', { name: 'Ask for consensus' }).click();
			for (const page of [anna, irina])
				await page.getByRole('heading', { name: 'Version 1: First draft' }).waitFor();
			await auditStage('5 asked');
			for (const page of [anna, irina]) {
				// The radio button sits hidden under its label's icon: a person clicks the label.
				await page.getByText('I support it as it is.', { exact: true }).click();
				await page.getByRole('button', { name: 'Send my answer' }).click();
			}
			await elena.getByText('Agreed without objection. Version 1 can now be published.').waitFor();
			await auditStage('5 agreed');

			// Stage 6: publishing, before and after.
			await elena.getByRole('button', { name: 'Go to publishing' }).click();
			await waitForStage(elena, 'Publish and explain');
			await waitForStage(anna, 'Publish and explain');
			await waitForStage(irina, 'Publish and explain');
			await elena
				.getByLabel('What it means in daily work')
				.fill('Before a customer leaves, they know what happens next.');
			await auditStage('6 publish form');
			await elena.getByRole('button', { name: 'Publish as version 1' }).click();
			for (const page of [elena, anna, irina])
				await page.getByText('Published as version 1.').waitFor();
			await auditStage('6 published');

			// The published definition, its reach and version; the session's outputs and report.
			await visit(anna, `${home}/definition`, 'definition, member on a phone');
			await anna.getByRole('button', { name: 'I have read and understood' }).click();
			await anna.getByText(/You confirmed on .+ that you have read and understood/).waitFor();
			await audit(anna, 'definition acknowledged, member on a phone');
			await visit(elena, `${home}/definition/reach`, 'reach');
			await visit(elena, `${home}/definition/v/1`, 'definition version 1');
			await visit(elena, `${home}/sessions/${sessionId}/outputs`, 'outputs');
			await visit(elena, `${home}/sessions/${sessionId}/report`, 'report');
			await visit(elena, `${sessionPath}/customers`, 'session customers');
			await visit(elena, home, 'workspace home with a session');

			// Russian, spot-checked: longer words are where labels overflow or lose contrast.
			await useLanguage(elena.context(), 'ru');
			await visit(elena, sessionPath, 'ru: session published', waitForLive);

			expectClean(60);
		},
		WALK_TIMEOUT_MS
	);

	it.concurrent(
		'portraits, journey maps, touchpoints and an error page',
		async ({ expect }) => {
			const { audit, visit, expectClean } = auditLog(expect);
			const olga = await person();
			const workspaceId = await signUp(
				olga,
				{ ...newAccount('axe-maps'), name: 'Olga Ivanova' },
				noShots
			);
			const home = `/w/${workspaceId}`;
			// The same person on a phone: a second context with her cookies.
			const phone = await person(PHONE);
			await phone.context().addCookies(await olga.context().cookies());

			// ── Portraits: new, two from the sample, detail, print, compare, Pareto, the list ──────
			const portraits: string[] = [];
			for (let index = 0; index < 2; index++) {
				await olga.goto(`${home}/portraits/new`);
				await waitForHydration(olga);
				if (index === 0) await audit(olga, 'new portrait');
				await olga.getByRole('radio', { name: /^The sample/ }).check();
				await olga.getByLabel('Language of the sample').selectOption('en');
				await olga.getByRole('button', { name: 'Create portrait' }).click();
				await olga.waitForURL((url) =>
					new RegExp(`^/w/${UUID}/portraits/${UUID}$`).test(url.pathname)
				);
				portraits.push(pathOf(olga));
			}
			expect(new Set(portraits).size).toBe(2);
			const [portraitPath] = portraits;
			await visit(olga, portraitPath, 'portrait', waitForDocument);
			await visit(phone, portraitPath, 'portrait, phone', waitForDocument);
			await visit(olga, `${portraitPath}/print`, 'portrait print');
			const ids = portraits.map((path) => path.split('/').pop());
			await visit(olga, `${home}/portraits/compare?ids=${ids.join(',')}`, 'portraits compared');
			await visit(olga, `${home}/portraits/pareto`, 'Pareto');
			await visit(olga, `${home}/portraits`, 'portraits');

			// ── Journeys: a map from the portrait, with a touchpoint, a card and the panel; the list ─
			await olga.goto(portraitPath);
			await waitForHydration(olga);
			await olga.getByLabel('Title of the map').fill('First visit');
			await olga.getByRole('button', { name: 'Create map' }).click();
			await olga.waitForURL((url) =>
				new RegExp(`^/w/${UUID}/journeys/${UUID}$`).test(url.pathname)
			);
			const mapPath = pathOf(olga);
			await waitForDocument(olga);
			await waitForHydration(olga);
			await addTouchpoint(olga, 'First contact', { name: 'Front desk phone', type: 'business' });
			await addTextCard(olga, 'Pain points', 'First contact', 'Nobody answers after six.');
			await audit(olga, 'journey map');
			await touchpointCard(olga, 'First contact', 'Front desk phone').click();
			await touchpointPanel(olga).waitFor();
			await audit(olga, 'journey map with a touchpoint panel');
			await visit(phone, mapPath, 'journey map, phone', waitForDocument);
			await visit(olga, `${home}/journeys`, 'journeys');

			// ── Touchpoints: the register and a touchpoint's page ──────────────────────────────────
			await visit(olga, `${home}/touchpoints`, 'touchpoints');
			await olga.getByRole('link', { name: 'Front desk phone' }).first().click();
			await olga.waitForURL((url) => new RegExp(`/touchpoints/${UUID}$`).test(url.pathname));
			await waitForHydration(olga);
			await olga.getByRole('heading', { name: 'Front desk phone' }).first().waitFor();
			await audit(olga, 'touchpoint');
			await visit(phone, `${home}/touchpoints`, 'touchpoints, phone');

			// ── The voice of the customer: a questionnaire opened, its public page on a phone ──────
			await olga
				.getByRole('region', { name: 'Voice of the customer' })
				.getByRole('checkbox', { name: 'Availability' })
				.check();
			await olga.getByRole('button', { name: 'Open a customer questionnaire' }).click();
			const answerLink = olga.getByTestId('answer-link');
			await answerLink.waitFor();
			await audit(olga, 'touchpoint with a questionnaire');
			await visit(
				phone,
				new URL((await answerLink.getAttribute('href'))!).pathname,
				'questionnaire, phone'
			);
			await visit(olga, `${home}/touchpoints/experience`, 'customer experience');

			// ── An error page ──────────────────────────────────────────────────────────────────────
			const missing = await olga.goto(`${home}/no-such-page`);
			expect(missing?.status()).toBe(404);
			await olga.getByRole('heading', { level: 1 }).waitFor();
			await waitForHydration(olga);
			await audit(olga, 'error page');

			// ── Russian, spot-checked: the journey map (the longest labels) and the home page ──────
			await useLanguage(olga.context(), 'ru');
			await visit(olga, mapPath, 'ru: journey map', waitForDocument);
			await visit(olga, home, 'ru: workspace home');

			expectClean(19);
		},
		WALK_TIMEOUT_MS
	);
});

/** Switches the UI language of a context (the cookie the language menu sets). */
async function useLanguage(context: BrowserContext, language: 'en' | 'ru'): Promise<void> {
	await context.addCookies([{ name: 'PARAGLIDE_LOCALE', value: language, url: inject('appUrl') }]);
}
