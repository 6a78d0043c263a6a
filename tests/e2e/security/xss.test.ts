// Every stored text that another person sees is shown as text, never as markup: in real Chromium
// against the production build, people type script payloads into every field they can write
// (names, workspace, session, definitions, themes, criteria, the draft, comments, the publication,
// portraits, journey maps, touchpoints and their rules), and other people open every page that
// shows them. Each page must show each payload literally and hold none of its elements, handlers
// or `javascript:` links; no payload may set `window.__xss` or open a dialog.
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, newContext } from '../../utils/browser';
import { newAccount, pathOf, signUp } from '../../utils/e2e-accounts';
import {
	addDepartment,
	joinByInvite,
	openMembers,
	waitForHydration
} from '../../utils/e2e-workspace';
import {
	addTextCard,
	addTouchpoint,
	gridCell,
	sectionEditor,
	shownTouchpointCard,
	stageHeader,
	stageNames,
	touchpointPanel,
	waitForLive as waitForDocument
} from '../customers/journey-page';
import { eventually, LIVE_TIMEOUT_MS, noShots, patient } from '../customers/steps';
import {
	boardCard,
	boardColumn,
	draftEditor,
	draftText,
	waitForLive,
	waitForStage,
	waitForSync,
	guestCodeOf,
	joinAsGuest
} from '../session/steps';
import { attack, expectShownAsText, watchAttempts, type Attempts } from './xss-checks';

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const PORTRAIT_PAGE = new RegExp(`^/w/${UUID}/portraits/${UUID}$`);
const MAP_PAGE = new RegExp(`^/w/${UUID}/journeys/${UUID}$`);

/** What the people type: every field another person reads, each with a payload. */
const TYPED = {
	authorName: attack('Ada', 'img'),
	workspaceName: attack('Acme', 'svg'),
	department: attack('Dept', 'alert'),
	viewerName: attack('Bo', 'script'),
	guestName: attack('Guest', 'svg'),
	sessionTitle: attack('Session', 'img'),
	definition: attack('Definition', 'script'),
	roleTag: attack('Role', 'img'),
	guestDefinition: attack('Guest definition', 'link'),
	theme: attack('Theme', 'svg'),
	criterion: attack('Criterion', 'alert'),
	draft: attack('Draft', 'img'),
	versionName: attack('Version', 'script'),
	comment: attack('Concern', 'img'),
	explanation: attack('Explanation', 'link'),
	ruleAlways: attack('Always', 'img'),
	ruleReact: attack('React', 'script'),
	ruleNever: attack('Never', 'alert'),
	portraitName: attack('Portrait', 'svg'),
	section: attack('Traits', 'img'),
	claim: attack('Claim', 'script'),
	mapTitle: attack('Map', 'img'),
	stage: attack('Stage', 'script'),
	card: attack('Card', 'alert'),
	touchpoint: attack('Touchpoint', 'img'),
	channel: attack('Channel', 'svg'),
	rule: attack('Rule', 'script')
};

/**
 * Formatting pasted into the rich-text editors, as from a web page: the image, script and handler
 * must be dropped, the `javascript:` link reduced to its words; the words stay.
 */
const PASTED_HTML = `<p>Pasted words <img src=x onerror="window.__xss=(window.__xss||0)+1"><b onmouseover="window.__xss=1">bold</b> <a href="javascript:window.__xss=1">js link</a><script>window.__xss=1</script><svg onload="window.__xss=1"></svg><iframe srcdoc="<script>parent.__xss=1</script>"></iframe></p>`;
const PASTED_WORDS = 'Pasted words bold js link';

/** The app's own confirmations the author accepts (revealing definitions before all are in). */
const APP_CONFIRMS = ['reveal', 'Reveal'];

/** Pastes HTML into a rich-text editor at its caret, as the browser's paste does. */
async function pasteHtml(editor: Locator, html: string, plain: string): Promise<void> {
	await editor.evaluate(
		(element, clip) => {
			const data = new DataTransfer();
			data.setData('text/html', clip.html);
			data.setData('text/plain', clip.plain);
			element.dispatchEvent(
				new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true })
			);
		},
		{ html, plain }
	);
}

/**
 * Opens a path; waits until the page has hydrated, unless it is one of the pages served without
 * JavaScript (the published definition).
 */
async function open(page: Page, path: string, scripted = true): Promise<void> {
	await page.goto(path);
	if (scripted) await waitForHydration(page);
}

describe.skipIf(!inject('appUrl'))('stored texts are shown as text, never as markup', () => {
	let browser: Browser;
	const contexts: BrowserContext[] = [];
	/** The author: signs up, facilitates, writes most of the payloads. */
	let author: Page;
	/** A member who reads what the author wrote. */
	let viewer: Page;
	const attempts: Record<string, Attempts> = {};
	let workspaceId = '';

	/** A person's page in a context of their own, their dialogs and refused scripts watched. */
	async function person(name: string, confirms: string[] = []): Promise<Page> {
		const context = await newContext(browser);
		contexts.push(context);
		attempts[name] = await watchAttempts(context, confirms);
		return patient(await context.newPage(), name);
	}

	beforeAll(async () => {
		browser = await launchBrowser();
		author = await person('author', APP_CONFIRMS);
		workspaceId = await signUp(
			author,
			{ ...newAccount('xss'), name: TYPED.authorName, workspaceName: TYPED.workspaceName },
			noShots
		);
		await openMembers(author, workspaceId);
		await addDepartment(author, TYPED.department);
		// The first invite link of the workspace (createInviteLink polls with expect, which a hook may not).
		const invite = author.getByRole('region', { name: 'Invite people' });
		await invite.getByLabel('Role').selectOption('member');
		await invite.getByLabel('Department').selectOption({ label: TYPED.department });
		await invite.getByRole('button', { name: 'Create invite link' }).click();
		await author.locator('[data-invite-link]').waitFor();
		const link = await author.locator('[data-invite-link]').inputValue();
		viewer = await person('viewer');
		await joinByInvite(viewer, link, { ...newAccount('xss'), name: TYPED.viewerName }, noShots);
	}, 120_000);

	afterAll(async () => {
		await Promise.all(contexts.map((context) => context.close()));
		await browser?.close();
	});

	/** No payload opened a dialog or had a script refused on anyone's screen. */
	const expectNoAttempts = () =>
		expect(attempts).toEqual(
			Object.fromEntries(
				Object.keys(attempts).map((name) => [name, { dialogs: [], refusedScripts: [] }])
			)
		);

	it('names and the workspace, on the members page and the workspace home', async () => {
		await open(viewer, `/w/${workspaceId}/members`);
		await expectShownAsText(
			viewer,
			'members page',
			[TYPED.authorName, TYPED.viewerName, TYPED.department, TYPED.workspaceName],
			'members'
		);
		await open(author, `/w/${workspaceId}/members`);
		await expectShownAsText(author, "admin's members page", [TYPED.viewerName, TYPED.department]);
		expectNoAttempts();
	});

	it('a whole session: every stage live, the projector, the outputs and the published definition', async () => {
		// The author makes a session with the viewer in it, names shown, guests allowed.
		await open(author, `/w/${workspaceId}`);
		await author.getByRole('link', { name: 'New session' }).first().click();
		await author.getByRole('heading', { level: 1, name: 'New strategy session' }).waitFor();
		await waitForHydration(author);
		const chosen = author.getByRole('checkbox', { name: TYPED.viewerName });
		await expect
			.poll(
				async () => {
					await author.getByRole('button', { name: 'Select everyone' }).click();
					return chosen.isChecked();
				},
				{ timeout: LIVE_TIMEOUT_MS, interval: 500 }
			)
			.toBe(true);
		await author.getByLabel('Title').fill(TYPED.sessionTitle);
		await author.getByLabel('Off: names shown to all').check();
		await author.getByLabel('Let guests join by code (e.g. loyal customers)').check();
		await author.getByRole('button', { name: 'Create session' }).click();
		await author.waitForURL((url) => /^\/s\/[0-9a-f-]{36}$/.test(url.pathname));
		const sessionId = pathOf(author).split('/')[2];
		await waitForLive(author);
		const code = await guestCodeOf(author);
		expect(code).toMatch(/^[A-Z0-9]{6}$/);

		// A guest joins by code with a payload for a name.
		const guest = await person('guest');
		await joinAsGuest(guest, code, TYPED.guestName, `/s/${sessionId}`);

		// The viewer opens it from the workspace home, where its title is listed.
		await open(viewer, `/w/${workspaceId}`);
		await expectShownAsText(viewer, 'workspace home', [TYPED.sessionTitle, TYPED.workspaceName]);
		await viewer.getByRole('link', { name: TYPED.sessionTitle }).click();
		await viewer.waitForURL((url) => url.pathname === `/s/${sessionId}`);
		await waitForLive(viewer);
		await author.getByText('2 of 2 here').waitFor({ timeout: LIVE_TIMEOUT_MS });

		// ── Stage 1: the author and the guest write; the author reveals ──────────────────────────
		await author.getByLabel('Your definition').fill(TYPED.definition);
		await author.getByLabel(/^Your role/).fill(TYPED.roleTag);
		await author.getByRole('button', { name: 'Submit my definition' }).click();
		await guest.getByLabel('Your definition').fill(TYPED.guestDefinition);
		await guest.getByRole('button', { name: 'Submit my definition' }).click();
		for (const page of [author, guest])
			await page
				.getByText('Submitted. You can still take it back and edit until the reveal.')
				.waitFor();
		// The facilitator sees who has submitted, by name.
		await author
			.getByRole('heading', { name: 'Submitted: 1 of 2' })
			.waitFor({ timeout: LIVE_TIMEOUT_MS });
		await expectShownAsText(author, 'stage 1, facilitator', [TYPED.guestName, TYPED.definition]);
		await author.getByRole('button', { name: 'Reveal all definitions' }).click();
		await viewer
			.getByRole('heading', { name: 'All definitions are revealed' })
			.waitFor({ timeout: LIVE_TIMEOUT_MS });
		await viewer.getByText(TYPED.guestDefinition, { exact: true }).waitFor();
		const revealed = [
			TYPED.sessionTitle,
			TYPED.definition,
			TYPED.roleTag,
			TYPED.authorName,
			TYPED.guestDefinition,
			TYPED.guestName
		];
		await expectShownAsText(viewer, 'stage 1 revealed', revealed, 'stage1-revealed');
		await expectShownAsText(guest, 'stage 1 revealed, guest', revealed);

		// ── Stage 2: a theme on the board ────────────────────────────────────────────────────────
		await author.getByRole('button', { name: 'Next stage' }).click();
		for (const page of [author, viewer, guest]) await waitForStage(page, 'Group into themes');
		await waitForSync(author);
		await author.getByRole('button', { name: 'New theme', exact: true }).click();
		const themeInput = boardColumn(author, 'Untitled theme').getByLabel('Theme name');
		await themeInput.fill(TYPED.theme);
		await themeInput.press('Enter');
		await boardCard(author, TYPED.definition)
			.getByLabel('Move to')
			.selectOption({ label: TYPED.theme });
		await boardCard(boardColumn(viewer, TYPED.theme), TYPED.definition).waitFor({
			timeout: LIVE_TIMEOUT_MS
		});
		const board = [
			TYPED.theme,
			TYPED.definition,
			TYPED.guestDefinition,
			`${TYPED.authorName} · ${TYPED.roleTag}`,
			TYPED.guestName
		];
		await expectShownAsText(viewer, 'stage 2 board', board, 'stage2-board');
		await expectShownAsText(guest, 'stage 2 board, guest', board);

		// ── Stage 3: a criterion, voted on and revealed ──────────────────────────────────────────
		await author.getByRole('button', { name: 'Next stage' }).click();
		for (const page of [author, viewer, guest]) await waitForStage(page, 'Criteria and voting');
		await waitForSync(author);
		await author.getByLabel('New criterion').fill(TYPED.criterion);
		await author.getByRole('button', { name: 'Add', exact: true }).click();
		await author.getByRole('button', { name: 'Open the vote' }).click();
		await viewer.getByText('Voting is open').waitFor({ timeout: LIVE_TIMEOUT_MS });
		await viewer.getByRole('button', { name: `Put a dot on: ${TYPED.criterion}` }).click();
		await viewer.getByText('Your dots are saved.').waitFor({ timeout: LIVE_TIMEOUT_MS });
		await author.getByRole('button', { name: 'Close the vote' }).click();
		await author.getByRole('button', { name: 'Reveal the results' }).click();
		await viewer
			.getByRole('table', { name: 'Criteria ranked by dots' })
			.waitFor({ timeout: LIVE_TIMEOUT_MS });
		await author.getByRole('checkbox', { name: `Winning criterion: ${TYPED.criterion}` }).check();
		await viewer.getByText('winner', { exact: true }).waitFor({ timeout: LIVE_TIMEOUT_MS });
		await expectShownAsText(viewer, 'stage 3 results', [TYPED.criterion], 'stage3-results');
		await expectShownAsText(guest, 'stage 3 results, guest', [TYPED.criterion]);

		// ── Stage 4: the draft, typed and pasted as HTML; a version with a payload for a name ────
		await author.getByRole('button', { name: 'Next stage' }).click();
		for (const page of [author, viewer, guest]) await waitForStage(page, 'Shared definition');
		await waitForSync(author);
		const editor = draftEditor(author);
		await editor.click();
		await author.keyboard.type(TYPED.draft);
		await author.keyboard.press('Enter');
		await pasteHtml(editor, PASTED_HTML, PASTED_WORDS);
		const draft = `${TYPED.draft}\n${PASTED_WORDS}`;
		await eventually(() => draftText(author), draft);
		await waitForSync(viewer);
		await eventually(() => draftText(viewer), draft);
		await author.getByLabel('Version name').fill(TYPED.versionName);
		await author.getByRole('button', { name: 'Save version' }).click();
		await viewer.getByText(`v1 · ${TYPED.versionName}`).waitFor({ timeout: LIVE_TIMEOUT_MS });
		const drafted = [TYPED.draft, PASTED_WORDS, TYPED.versionName, TYPED.criterion];
		await expectShownAsText(viewer, 'stage 4 draft', drafted, 'stage4-draft');
		await expectShownAsText(guest, 'stage 4 draft, guest', drafted);

		// ── Stage 5: consensus; the guest accepts with a concern ─────────────────────────────────
		await author.getByRole('button', { name: 'Next stage' }).click();
		for (const page of [author, viewer, guest]) await waitForStage(page, 'Consensus');
		await author.getByRole('button', { name: 'Ask for consensus' }).click();
		const versionHeading = `Version 1: ${TYPED.versionName}`;
		for (const page of [viewer, guest])
			await page
				.getByRole('heading', { name: versionHeading })
				.waitFor({ timeout: LIVE_TIMEOUT_MS });
		await answer(viewer, 'Accept');
		await answer(guest, 'Accept with a concern', TYPED.comment);
		await viewer
			.getByText('Agreed without objection. Version 1 can now be published.')
			.waitFor({ timeout: LIVE_TIMEOUT_MS });
		await viewer.getByText(TYPED.comment).waitFor({ timeout: LIVE_TIMEOUT_MS });
		const agreed = [versionHeading, TYPED.draft, PASTED_WORDS, TYPED.comment, TYPED.guestName];
		await expectShownAsText(viewer, 'stage 5 consensus', agreed, 'stage5-consensus');
		await expectShownAsText(author, 'stage 5 consensus, facilitator', agreed);

		// ── Stage 6: published with an explanation and rules ─────────────────────────────────────
		await author.getByRole('button', { name: 'Go to publishing' }).click();
		for (const page of [author, viewer, guest]) await waitForStage(page, 'Publish and explain');
		await author.getByLabel('What it means in daily work').fill(TYPED.explanation);
		const rules: [string, string][] = [
			['What we always do', TYPED.ruleAlways],
			['How we react in typical situations', TYPED.ruleReact],
			['What we never do', TYPED.ruleNever]
		];
		for (const [legend, rule] of rules)
			await author
				.getByRole('group', { name: legend })
				.getByLabel('Rule 1', { exact: true })
				.fill(rule);
		await author.getByRole('button', { name: 'Publish as version 1' }).click();
		await viewer.getByText('Published as version 1.').waitFor({ timeout: LIVE_TIMEOUT_MS });
		await expectShownAsText(viewer, 'stage 6 published', [TYPED.draft, PASTED_WORDS]);
		await guest.getByText('Published as version 1.').waitFor({ timeout: LIVE_TIMEOUT_MS });
		await expectShownAsText(guest, 'stage 6 published, guest', [TYPED.draft, PASTED_WORDS]);

		// ── The pages that outlive the session ───────────────────────────────────────────────────
		const published = [
			TYPED.draft,
			PASTED_WORDS,
			TYPED.explanation,
			TYPED.ruleAlways,
			TYPED.ruleReact,
			TYPED.ruleNever
		];
		await open(viewer, `/w/${workspaceId}/definition`, false);
		await expectShownAsText(
			viewer,
			'published definition',
			[...published, TYPED.sessionTitle],
			'definition'
		);
		await open(viewer, `/w/${workspaceId}/definition/v/1`, false);
		await expectShownAsText(viewer, 'published version 1', published);

		await open(viewer, `/s/${sessionId}/projector`);
		await expectShownAsText(viewer, 'projector', [TYPED.sessionTitle], 'projector');

		const outputs = `/w/${workspaceId}/sessions/${sessionId}`;
		await open(viewer, `${outputs}/outputs`);
		await expectShownAsText(viewer, 'session outputs', [TYPED.sessionTitle], 'outputs');
		await open(viewer, `${outputs}/report`);
		await expectShownAsText(
			viewer,
			'session report',
			[
				TYPED.sessionTitle,
				TYPED.definition,
				TYPED.roleTag,
				TYPED.guestDefinition,
				TYPED.theme,
				TYPED.criterion,
				TYPED.versionName,
				TYPED.comment,
				...published
			],
			'report'
		);
		expectNoAttempts();
	}, 150_000);

	it('portraits, a journey map, a touchpoint and its rule, the register and notifications', async () => {
		// ── A portrait with a payload for a name, a section and an evidence claim ────────────────
		const newPortrait = async (name: string): Promise<string> => {
			await open(author, `/w/${workspaceId}/portraits/new`);
			await author.getByRole('radio', { name: 'A blank portrait' }).check();
			await author.getByLabel('Name of the portrait').fill(name);
			await author.getByRole('button', { name: 'Create portrait' }).click();
			await author.waitForURL((url) => PORTRAIT_PAGE.test(url.pathname));
			return pathOf(author);
		};
		const otherPortrait = (await newPortrait('Plain second portrait')).split('/')[4];
		const portraitPath = await newPortrait(TYPED.portraitName);
		const portraitId = portraitPath.split('/')[4];
		await waitForDocument(author);
		const traits = sectionEditor(author, 'traits');
		await traits.click();
		await author.keyboard.type(TYPED.section);
		await author.keyboard.press('Enter');
		await pasteHtml(traits, PASTED_HTML, PASTED_WORDS);
		await author.getByRole('button', { name: 'Add evidence' }).click();
		const claim = author.locator('input[id^="claim-"]');
		await claim.waitFor();
		await claim.fill(TYPED.claim);

		// ── A journey map of it: title, a stage, a card, a touchpoint with channel and rule ──────
		await author.getByLabel('Title of the map').fill(TYPED.mapTitle);
		await author.getByRole('button', { name: 'Create map' }).click();
		await author.waitForURL((url) => MAP_PAGE.test(url.pathname));
		const mapPath = pathOf(author);
		await waitForDocument(author);
		const stageName = stageHeader(author, 'First contact').getByRole('textbox', {
			name: 'Stage name'
		});
		await stageName.fill(TYPED.stage);
		await stageName.press('Tab');
		await eventually(async () => (await stageNames(author))[0], TYPED.stage);
		await addTextCard(author, 'Pain points', TYPED.stage, TYPED.card);
		await addTouchpoint(author, TYPED.stage, { name: TYPED.touchpoint, type: 'business' });
		await (await shownTouchpointCard(author, TYPED.stage, TYPED.touchpoint)).click();
		const panel = touchpointPanel(author);
		await panel.getByRole('heading', { name: TYPED.touchpoint, exact: true }).waitFor();
		await panel.getByLabel('Channel').fill(TYPED.channel);
		await panel
			.getByLabel('Owner')
			.selectOption({ label: `${TYPED.viewerName} · ${TYPED.department}` });
		const ruleEditor = panel.locator('[contenteditable="true"][role="textbox"]');
		await ruleEditor.click();
		await author.keyboard.type(TYPED.rule);
		await author.keyboard.press('Enter');
		await pasteHtml(ruleEditor, PASTED_HTML, PASTED_WORDS);
		await ruleEditor.filter({ hasText: 'js link' }).waitFor();
		await panel.getByRole('button', { name: 'Save', exact: true }).click();
		await panel.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();

		// ── The viewer reads every page that shows them ──────────────────────────────────────────
		await open(viewer, `/w/${workspaceId}/portraits`);
		await expectShownAsText(viewer, 'portraits list', [TYPED.portraitName], 'portraits');
		await open(viewer, portraitPath);
		await waitForDocument(viewer);
		await expect.poll(() => sectionEditor(viewer, 'traits').textContent()).toContain(PASTED_WORDS);
		await viewer.locator('input[id^="claim-"]').waitFor();
		await expectShownAsText(
			viewer,
			'portrait page',
			[TYPED.portraitName, TYPED.section, PASTED_WORDS, TYPED.claim, TYPED.mapTitle],
			'portrait'
		);
		await open(viewer, `${portraitPath}/print`);
		await expectShownAsText(
			viewer,
			'portrait print',
			[TYPED.portraitName, TYPED.section, PASTED_WORDS, TYPED.claim],
			'portrait-print'
		);
		await open(viewer, `/w/${workspaceId}/portraits/compare?ids=${portraitId},${otherPortrait}`);
		await expectShownAsText(
			viewer,
			'portraits compared',
			[TYPED.portraitName, TYPED.section, PASTED_WORDS],
			'portraits-compare'
		);

		await open(viewer, `/w/${workspaceId}/journeys`);
		await expectShownAsText(viewer, 'journey maps list', [TYPED.mapTitle]);
		await open(viewer, mapPath);
		await waitForDocument(viewer);
		await gridCell(viewer, 'Pain points', TYPED.stage).scrollIntoViewIfNeeded();
		await (await shownTouchpointCard(viewer, TYPED.stage, TYPED.touchpoint)).waitFor();
		await eventually(async () => (await stageNames(viewer))[0], TYPED.stage);
		await expectShownAsText(
			viewer,
			'journey map',
			[TYPED.mapTitle, TYPED.portraitName, TYPED.stage, TYPED.card, TYPED.touchpoint],
			'journey-map'
		);
		// The touchpoint's side panel on the map, rule included.
		await (await shownTouchpointCard(viewer, TYPED.stage, TYPED.touchpoint)).click();
		const viewerPanel = touchpointPanel(viewer);
		await viewerPanel.getByText(PASTED_WORDS).waitFor();
		await expectShownAsText(viewer, 'touchpoint panel on the map', [
			TYPED.touchpoint,
			TYPED.channel,
			TYPED.rule,
			PASTED_WORDS
		]);

		await open(viewer, `/w/${workspaceId}/touchpoints`);
		await expectShownAsText(
			viewer,
			'touchpoint register',
			[TYPED.touchpoint, TYPED.channel, TYPED.stage, TYPED.portraitName, TYPED.viewerName],
			'register'
		);
		const touchpointHref = await viewer
			.getByRole('link', { name: TYPED.touchpoint, exact: true })
			.getAttribute('href');
		expect(touchpointHref).toMatch(new RegExp(`^/w/${workspaceId}/touchpoints/${UUID}$`));
		await open(viewer, touchpointHref ?? '');
		await viewer.getByText(PASTED_WORDS).first().waitFor();
		await expectShownAsText(
			viewer,
			'touchpoint page',
			[TYPED.touchpoint, TYPED.channel, TYPED.rule, PASTED_WORDS],
			'touchpoint'
		);
		// Before the rule editor has loaded, the saved rule is shown as the server sent it.
		await viewer.route('**/_app/immutable/**/*.js', async (route) => {
			try {
				const response = await route.fetch();
				const body = await response.text();
				if (body.includes('ProseMirror')) return await route.abort('internetdisconnected');
				return await route.fulfill({ response, body });
			} catch (error) {
				// A chunk the page stopped waiting for (it reloaded or went on) is already handled.
				if (!String(error).includes('already handled')) throw error;
			}
		});
		await viewer.reload();
		await viewer
			.getByRole('alert')
			.filter({ hasText: 'The rule editor could not be loaded' })
			.waitFor();
		await expectShownAsText(viewer, 'touchpoint page, saved rule without the editor', [
			TYPED.rule,
			PASTED_WORDS
		]);
		await viewer.unrouteAll();

		// The owner is told, with the touchpoint's and the author's names.
		await open(viewer, `/w/${workspaceId}/notifications`);
		await expectShownAsText(
			viewer,
			'notifications',
			[TYPED.touchpoint, TYPED.authorName],
			'notifications'
		);
		expectNoAttempts();
	}, 150_000);
});

/** The consensus answers, with the hint each choice shows under its name. */
const answerHints = {
	Accept: 'I support it as it is.',
	'Accept with a concern': 'I support it, and want my concern on record.'
};

/** Answers the open consensus round and waits until the server has taken the answer. */
async function answer(page: Page, choice: keyof typeof answerHints, comment = ''): Promise<void> {
	const radio = page.getByRole('radio', { name: `${choice} ${answerHints[choice]}`, exact: true });
	// The choice's icon lies over the radio button: click its words, as a person does.
	await page.getByText(answerHints[choice], { exact: true }).click();
	await expect.poll(() => radio.isChecked()).toBe(true);
	if (comment) await page.getByRole('textbox', { name: 'Comment' }).fill(comment);
	const taken = page.waitForResponse(
		(response) =>
			response.url().endsWith('/consensus/answer') && response.request().method() === 'PUT'
	);
	await page.getByRole('button', { name: 'Send my answer' }).click();
	expect((await taken).status()).toBe(200);
}
