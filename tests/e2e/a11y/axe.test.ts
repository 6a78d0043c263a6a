// Every page of the app passes an axe-core audit of the WCAG 2.2 A and AA rules with no serious or
// critical finding: the pages signed out, the workspace, a live session at every stage (facilitator
// at desktop width, a member on a phone, the projector), the outputs, portraits, journey maps (also
// with a touchpoint's panel open), touchpoints and an error page, in English and, spot-checked, in
// Russian. One browser; each person keeps one context for the whole walk.
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { useBrowser } from '../../utils/browser';
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
	waitForSync
} from '../session/steps';
import { auditPage, describeFindings, type Finding } from './audit';

/** An iPhone 12-sized screen. */
const PHONE = { width: 390, height: 844 };

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

/** The published definition's pages are read without JavaScript (`csr = false`). */
const PAGES_WITHOUT_SCRIPTS = /\/definition(\/|$)/;

describe.skipIf(!inject('appUrl'))('accessibility (axe-core, WCAG 2.2 A/AA)', () => {
	const browser = useBrowser();

	it(
		'no page has a serious or critical finding, at any stage of a session',
		async () => {
			const findings: Finding[] = [];
			const audited: string[] = [];
			const audit = async (page: Page, label: string) => {
				findings.push(...(await auditPage(page, label)));
				audited.push(label);
			};
			/** Opens a page by its address, waits until it is ready, and audits it. */
			const visit = async (
				page: Page,
				path: string,
				label: string,
				ready?: (page: Page) => Promise<void>
			) => {
				const response = await page.goto(path);
				expect(response?.status(), path).toBe(200);
				if (PAGES_WITHOUT_SCRIPTS.test(path))
					await page.getByRole('heading', { level: 1 }).waitFor();
				else await waitForHydration(page);
				await ready?.(page);
				await audit(page, label);
			};
			const person = async (viewport?: { width: number; height: number }) => {
				const page = await browser.newPage({ viewport });
				page.context().setDefaultTimeout(LIVE_TIMEOUT_MS);
				page.on('dialog', (dialog) => void dialog.accept());
				return page;
			};

			// ── Signed out: sign-in, sign-up, join by code ─────────────────────────────────────────
			const stranger = await person(PHONE);
			for (const path of ['/signin', '/signup', '/join'])
				await visit(stranger, path, `signed out ${path.slice(1)}, phone`);

			// ── The workspace: home, members and an invite, profile, notifications, new session ────
			const elena = await person();
			const workspaceId = await signUp(
				elena,
				{ ...newAccount('axe'), name: 'Elena Petrova' },
				noShots
			);
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
			await anna.goto(sessionPath);
			await waitForLive(anna);
			const projector = await elena.context().newPage();
			await projector.goto(`${sessionPath}/projector`);
			await projector.getByRole('heading', { level: 1, name: 'Own definitions' }).waitFor();

			/** Audits the facilitator's, the member's and the projector's screens of the current stage. */
			const auditStage = async (stage: string) => {
				await audit(elena, `session ${stage}: facilitator`);
				await audit(anna, `session ${stage}: member on a phone`);
				await audit(projector, `session ${stage}: projector`);
			};
			const nextStage = async (name: string) => {
				await elena.getByRole('button', { name: 'Next stage' }).click();
				for (const page of [elena, anna]) await waitForStage(page, name);
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
			await waitForSync(anna);
			await draftEditor(anna).click();
			await anna.keyboard.type('Every customer leaves knowing what happens next.');
			await elena.getByLabel('Version name').fill('First draft');
			await elena.getByRole('button', { name: 'Save version' }).click();
			await elena.getByText('v1 · First draft').waitFor();
			await auditStage('4 draft');

			// Stage 5: consensus, asked and answered.
			await nextStage('Consensus');
			await elena.getByRole('button', { name: 'Ask for consensus' }).click();
			await anna.getByRole('heading', { name: 'Version 1: First draft' }).waitFor();
			await auditStage('5 asked');
			await anna.getByText('I support it as it is.', { exact: true }).click();
			await anna.getByRole('button', { name: 'Send my answer' }).click();
			await elena.getByText('Agreed without objection. Version 1 can now be published.').waitFor();
			await auditStage('5 agreed');

			// Stage 6: publishing, before and after.
			await elena.getByRole('button', { name: 'Go to publishing' }).click();
			await waitForStage(elena, 'Publish and explain');
			await waitForStage(anna, 'Publish and explain');
			await elena
				.getByLabel('What it means in daily work')
				.fill('Before a customer leaves, they know what happens next.');
			await auditStage('6 publish form');
			await elena.getByRole('button', { name: 'Publish as version 1' }).click();
			await anna.getByText('Published as version 1.').waitFor();
			await elena.getByText('Published as version 1.').waitFor();
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

			// ── Portraits: the list, new, two from the sample, detail, print, compare, Pareto ──────
			const portraits: string[] = [];
			for (let index = 0; index < 2; index++) {
				await elena.goto(`${home}/portraits/new`);
				await waitForHydration(elena);
				if (index === 0) await audit(elena, 'new portrait');
				await elena.getByRole('radio', { name: /^The sample/ }).check();
				await elena.getByLabel('Language of the sample').selectOption('en');
				await elena.getByRole('button', { name: 'Create portrait' }).click();
				await elena.waitForURL((url) =>
					new RegExp(`^/w/${UUID}/portraits/${UUID}$`).test(url.pathname)
				);
				portraits.push(pathOf(elena));
			}
			const [portraitPath, otherPortraitPath] = portraits;
			await visit(elena, portraitPath, 'portrait', waitForDocument);
			await visit(anna, portraitPath, 'portrait, member on a phone', waitForDocument);
			await visit(elena, `${portraitPath}/print`, 'portrait print');
			const ids = portraits.map((path) => path.split('/').pop());
			await visit(elena, `${home}/portraits/compare?ids=${ids.join(',')}`, 'portraits compared');
			await visit(elena, `${home}/portraits/pareto`, 'Pareto');
			await visit(elena, `${home}/portraits`, 'portraits');
			expect(otherPortraitPath).not.toBe(portraitPath);

			// ── Journeys: a map from the portrait, with a touchpoint and its panel; the list ───────
			await elena.goto(portraitPath);
			await waitForHydration(elena);
			await elena.getByLabel('Title of the map').fill('First visit');
			await elena.getByRole('button', { name: 'Create map' }).click();
			await elena.waitForURL((url) =>
				new RegExp(`^/w/${UUID}/journeys/${UUID}$`).test(url.pathname)
			);
			const mapPath = pathOf(elena);
			await waitForDocument(elena);
			await waitForHydration(elena);
			await addTouchpoint(elena, 'First contact', { name: 'Front desk phone', type: 'business' });
			await addTextCard(elena, 'Pain points', 'First contact', 'Nobody answers after six.');
			await audit(elena, 'journey map');
			await touchpointCard(elena, 'First contact', 'Front desk phone').click();
			await touchpointPanel(elena).waitFor();
			await audit(elena, 'journey map with a touchpoint panel');
			await visit(anna, mapPath, 'journey map, member on a phone', waitForDocument);
			await visit(elena, `${home}/journeys`, 'journeys');

			// ── Touchpoints: the register and a touchpoint's page ──────────────────────────────────
			await visit(elena, `${home}/touchpoints`, 'touchpoints');
			await elena.getByRole('link', { name: 'Front desk phone' }).first().click();
			await elena.waitForURL((url) => new RegExp(`/touchpoints/${UUID}$`).test(url.pathname));
			await waitForHydration(elena);
			await elena.getByRole('heading', { name: 'Front desk phone' }).first().waitFor();
			await audit(elena, 'touchpoint');
			await visit(anna, `${home}/touchpoints`, 'touchpoints, member on a phone');

			// ── An error page ──────────────────────────────────────────────────────────────────────
			const missing = await elena.goto(`${home}/no-such-page`);
			expect(missing?.status()).toBe(404);
			await elena.getByRole('heading', { level: 1 }).waitFor();
			await waitForHydration(elena);
			await audit(elena, 'error page');

			// ── Russian, spot-checked: the longest words are where labels overflow or lose contrast ─
			await useLanguage(elena.context(), 'ru');
			await visit(elena, home, 'ru: workspace home');
			await visit(elena, sessionPath, 'ru: session published', waitForLive);
			await visit(elena, mapPath, 'ru: journey map', waitForDocument);
			await visit(elena, portraitPath, 'ru: portrait', waitForDocument);
			await visit(elena, `${home}/touchpoints`, 'ru: touchpoints');
			await useLanguage(elena.context(), 'en');

			console.info(`axe: ${audited.length} screens audited, ${findings.length} findings`);
			expect(audited.length).toBeGreaterThanOrEqual(50);
			expect(describeFindings(findings)).toEqual([]);
		},
		5 * 60_000
	);
});

/** Switches the UI language of a context (the cookie the language menu sets). */
async function useLanguage(context: BrowserContext, language: 'en' | 'ru'): Promise<void> {
	await context.addCookies([{ name: 'PARAGLIDE_LOCALE', value: language, url: inject('appUrl') }]);
}
