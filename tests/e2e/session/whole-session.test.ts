// A whole customer-focus strategy session in real Chromium: a facilitator, three members and a
// guest, each in their own browser context, run all six stages through the live screens to a
// published definition that members acknowledge and leadership sees on the reach page.
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import fixture from '../../../src/lib/server/demo/demo-workshop.json';
import { screenshotsWanted, useBrowser } from '../../utils/browser';
import { newAccount, pathOf, signUp, uniqueSuffix } from '../../utils/e2e-accounts';
import {
	addDepartment,
	createInviteLink,
	joinByInvite,
	openMembers,
	waitForHydration
} from '../../utils/e2e-workspace';
import {
	boardCard,
	boardColumn,
	dragCard,
	draftEditor,
	draftText,
	eventually,
	LIVE_TIMEOUT_MS,
	nameNewTheme,
	noShots,
	photographingFailure,
	proposalTexts,
	resultRows,
	sessionShots,
	textsOf,
	waitForLive,
	waitForStage,
	waitForSync,
	guestCodeOf
} from './steps';

/** An iPhone 12-sized screen, for the guest. */
const PHONE = { width: 390, height: 844 };

/** Someone in the session: their screen, and what they write in stage 1. */
type Person = { name: string; page: Page; role: string; definition: string };

const session = fixture.session;
/** The demo definition written by `author`. */
function definitionOf(author: string): { role: string; text: string } {
	const found = session.definitions.find((definition) => definition.author === author);
	if (!found) throw new Error(`no definition by ${author} in the demo fixture`);
	return found;
}
const criteria = session.criteria;
const [c0, c1, c2, c3, c4, c5] = criteria;

/** The shared draft, written in two goes, and the paragraph the objection brings. */
const draftFirst =
	'At Northwind every patient leaves understanding what happens next and feeling remembered.';
const draftSecond = 'We earn their return and their recommendation, not demand it.';
const draftAfterObjection = 'Every colleague gets from us what they need to make that possible.';
const objection =
	'It speaks only of patients. Security, the call centre and the back office serve colleagues too.';
const concern = 'I accept, but “remembered” needs a rule for the call centre.';
const explanation =
	'Before a patient leaves, they know what happens next and who to call. We use their history so nobody tells their story twice, and we give colleagues what they need to keep that promise.';

const themes = {
	partnership: fixture.session.themes[3].name,
	result: fixture.session.themes[4].name,
	politeness: fixture.session.themes[0].name,
	discounts: 'Discounts, gifts and greetings'
};

describe.skipIf(!inject('appUrl'))('a whole strategy session', () => {
	const browser = useBrowser();

	it(
		'runs all six stages live and ends with an acknowledged publication',
		async () => {
			const screens = new Map<string, Page>();
			await photographingFailure(screens, () => wholeSession(screens));
		},
		15 * 60_000
	);

	/** The session, step by step; every person's screen is registered in `screens`. */
	async function wholeSession(screens: Map<string, Page>): Promise<void> {
		const shoot = sessionShots();

		// ── The workspace: an owner who facilitates, three members in departments ──────────────────
		const elenaPage = await screenFor(screens, 'Elena Petrova');
		const workspaceId = await signUp(
			elenaPage,
			{
				...newAccount('facilitator'),
				name: 'Elena Petrova',
				workspaceName: `${fixture.workspace.name} ${uniqueSuffix()}`
			},
			noShots
		);
		const elena: Person = {
			name: 'Elena Petrova',
			page: elenaPage,
			...roleAndText('Elena Petrova')
		};
		elenaPage.on('dialog', (dialog) => void dialog.accept());

		await openMembers(elenaPage, workspaceId);
		const memberPlan = [
			{ name: 'Anna Smith', department: 'Front desk' },
			{ name: 'Dmitry Orlov', department: 'Doctors' },
			{ name: 'Tom Baker', department: 'Security' }
		];
		for (const { department } of memberPlan) await addDepartment(elenaPage, department);
		const members: Person[] = [];
		for (const { name, department } of memberPlan) {
			if (members.length) {
				await elenaPage.reload();
				await waitForHydration(elenaPage);
			}
			const link = await createInviteLink(elenaPage, { role: 'member', department }, noShots);
			const page = await screenFor(screens, name);
			await joinByInvite(page, link, { ...newAccount('member'), name }, noShots);
			members.push({ name, page, ...roleAndText(name) });
		}
		const [anna, dmitry, tom] = members;

		// ── A session from the template, with guests allowed ────────────────────────────────────────
		await elenaPage.goto(`/w/${workspaceId}`);
		await waitForHydration(elenaPage);
		await elenaPage.getByRole('link', { name: 'New session' }).first().click();
		await elenaPage.getByRole('heading', { level: 1, name: 'New strategy session' }).waitFor();
		await waitForHydration(elenaPage);
		// The button works once the page is hydrated, which no load event tells: press until it took.
		const chosen = () =>
			Promise.all(members.map((member) => elenaPage.getByLabel(member.name).isChecked()));
		await expect
			.poll(
				async () => {
					await elenaPage.getByRole('button', { name: 'Select everyone' }).click();
					return chosen();
				},
				{ timeout: LIVE_TIMEOUT_MS, interval: 500 }
			)
			.toEqual([true, true, true]);
		await elenaPage.getByLabel('Title').fill(session.title);
		await elenaPage.getByLabel('Goal').fill(session.goal);
		await elenaPage.getByLabel('Off: names shown to all').check();
		await elenaPage.getByLabel('Let guests join by code (e.g. loyal customers)').check();
		await shoot(elenaPage, 'new-session');
		await elenaPage.getByRole('button', { name: 'Create session' }).click();
		await elenaPage.waitForURL((url) => /^\/s\/[0-9a-f-]{36}$/.test(url.pathname));
		const sessionId = pathOf(elenaPage).split('/')[2];
		await waitForLive(elenaPage);

		const code = await guestCodeOf(elenaPage);
		expect(code).toMatch(/^[A-Z0-9]{6}$/);

		// The guest joins by the short code at /join and lands in the session, nowhere else.
		// She joins on her phone.
		const irinaPage = await screenFor(screens, 'Irina', PHONE);
		await irinaPage.goto('/join');
		await irinaPage.getByLabel('Session code').fill(code.toLowerCase());
		await irinaPage.getByLabel('Your name').fill('Irina (loyal patient)');
		await shoot(irinaPage, 'guest-join');
		await irinaPage.getByRole('button', { name: 'Join' }).click();
		await irinaPage.waitForURL((url) => url.pathname === `/s/${sessionId}`);
		await waitForLive(irinaPage);
		const irina: Person = {
			name: 'Irina (loyal patient)',
			page: irinaPage,
			...roleAndText('Irina (loyal patient)')
		};
		expect(await irinaPage.getByRole('link', { name: 'Back to the workspace' }).count()).toBe(0);

		// Members open the session from their workspace home.
		for (const member of members) {
			await member.page.goto(`/w/${workspaceId}`);
			await member.page.getByRole('link', { name: session.title }).click();
			await member.page.waitForURL((url) => url.pathname === `/s/${sessionId}`);
			await waitForLive(member.page);
		}
		const participants = [...members, irina];
		const everyone = [elena, ...participants];
		await elenaPage.getByText('4 of 4 here').waitFor({ timeout: LIVE_TIMEOUT_MS });

		// A ten-minute timer for the silent writing, on every screen and on the projector.
		await elenaPage.getByLabel('Minutes').fill('10');
		await elenaPage.getByRole('button', { name: 'Start', exact: true }).click();
		for (const person of participants)
			await person.page.getByRole('timer').waitFor({ timeout: LIVE_TIMEOUT_MS });
		const [projector] = await Promise.all([
			elenaPage.context().waitForEvent('page'),
			elenaPage.getByRole('link', { name: 'Projector view' }).click()
		]);
		await projector.getByRole('heading', { level: 1, name: 'Own definitions' }).waitFor();
		await projector.getByText(`code ${code}`).waitFor();
		await projector.getByRole('timer').waitFor();
		expect(await projector.getByText('4 of 4 here').count()).toBe(1);
		await shoot(projector, 'projector');
		await projector.close();

		// ── Stage 1: everyone writes alone; the facilitator sees who submitted, not what ───────────
		await waitForStage(anna.page, 'Own definitions');
		// Dmitry's text is saved as he types and survives a reload of his screen.
		const autosaved = dmitry.page.waitForResponse(
			(response) =>
				response.url().endsWith(`/s/${sessionId}/definitions`) &&
				response.request().method() === 'PUT'
		);
		await dmitry.page.getByLabel('Your definition').fill(dmitry.definition);
		await dmitry.page.getByLabel(/^Your role/).fill(dmitry.role);
		expect((await autosaved).ok()).toBe(true);
		await dmitry.page.getByText('Saved as you type').waitFor();
		await dmitry.page.reload();
		await waitForLive(dmitry.page);
		await eventually(
			() => dmitry.page.getByLabel('Your definition').inputValue(),
			dmitry.definition
		);

		for (const person of [elena, ...participants]) {
			if (person !== dmitry) {
				await person.page.getByLabel('Your definition').fill(person.definition);
				await person.page.getByLabel(/^Your role/).fill(person.role);
			}
			if (person === anna) await shoot(anna.page, 'stage1-writing');
			await person.page.getByRole('button', { name: 'Submit my definition' }).click();
			await person.page
				.getByText('Submitted. You can still take it back and edit until the reveal.')
				.waitFor();
		}
		// On stage 1 submitting is being done: no "I'm done" button, and one count.
		expect(await anna.page.getByRole('button', { name: "I'm done" }).count()).toBe(0);

		await elenaPage
			.getByRole('heading', { name: 'Submitted: 4 of 4' })
			.waitFor({ timeout: LIVE_TIMEOUT_MS });
		await elenaPage.getByText('4 of 4 submitted').waitFor({ timeout: LIVE_TIMEOUT_MS });
		await anna.page
			.getByText('Everyone has submitted. Waiting for the facilitator to reveal all definitions.')
			.waitFor({ timeout: LIVE_TIMEOUT_MS });
		expect(
			await elenaPage.getByText('You see who has submitted, not what they wrote.').count()
		).toBe(1);
		const facilitatorHtml = await elenaPage.content();
		for (const person of participants) {
			expect(facilitatorHtml).toContain(person.name);
			expect(facilitatorHtml).not.toContain(person.definition);
		}
		await shoot(elenaPage, 'stage1-facilitator-sees-who-submitted');

		await elenaPage.getByRole('button', { name: 'Reveal all definitions' }).click();
		for (const person of everyone) {
			await person.page
				.getByRole('heading', { name: 'All definitions are revealed' })
				.waitFor({ timeout: LIVE_TIMEOUT_MS });
		}
		for (const person of everyone)
			await anna.page.getByText(person.definition, { exact: true }).waitFor();
		await shoot(anna.page, 'stage1-revealed');

		// ── Stage 2: grouping on the shared board, every move live on the other screens ────────────
		await elenaPage.getByRole('button', { name: 'Next stage' }).click();
		for (const person of everyone) await waitForStage(person.page, 'Group into themes');
		for (const person of everyone) {
			await waitForSync(person.page);
			for (const writer of everyone)
				await boardCard(person.page, writer.definition).waitFor({ timeout: LIVE_TIMEOUT_MS });
		}
		expect(
			await textsOf(boardColumn(elenaPage, 'Not grouped yet').getByRole('article').locator('.who'))
		).toContain(`${dmitry.name} · ${dmitry.role}`);

		// Elena names a new theme and moves a card with the per-card select (the keyboard and phone way).
		await nameNewTheme(elenaPage, themes.partnership);
		await boardColumn(anna.page, themes.partnership).waitFor({ timeout: LIVE_TIMEOUT_MS });
		await boardCard(elenaPage, dmitry.definition)
			.getByLabel('Move to')
			.selectOption({ label: themes.partnership });
		await boardCard(boardColumn(anna.page, themes.partnership), dmitry.definition).waitFor({
			timeout: LIVE_TIMEOUT_MS
		});
		// The guest, on her phone, puts her own card there with the card's select.
		await boardColumn(irina.page, themes.partnership).waitFor({ timeout: LIVE_TIMEOUT_MS });
		await boardCard(irina.page, irina.definition)
			.getByLabel('Move to')
			.selectOption({ label: themes.partnership });
		await boardCard(boardColumn(elenaPage, themes.partnership), irina.definition).waitFor({
			timeout: LIVE_TIMEOUT_MS
		});
		await shoot(irina.page, 'stage2-guest-on-phone-moves-her-card');

		// Anna takes a typical theme from the suggestions.
		await boardColumn(anna.page, themes.partnership).waitFor();
		await anna.page.getByRole('button', { name: `+ ${themes.discounts}` }).click();
		const discounts = boardColumn(anna.page, themes.discounts);
		await discounts.waitFor();

		// Dmitry and Tom add a theme each and sort cards into them.
		await boardColumn(dmitry.page, themes.discounts).waitFor({ timeout: LIVE_TIMEOUT_MS });
		await nameNewTheme(dmitry.page, themes.result);
		await boardCard(dmitry.page, elena.definition)
			.getByLabel('Move to')
			.selectOption({ label: themes.result });
		await boardColumn(tom.page, themes.result).waitFor({ timeout: LIVE_TIMEOUT_MS });
		await nameNewTheme(tom.page, themes.politeness);
		await boardCard(tom.page, anna.definition)
			.getByLabel('Move to')
			.selectOption({ label: themes.politeness });

		// Anna drags the last card into her theme with the mouse; Elena sees it arrive.
		await eventually(
			() => boardColumn(anna.page, 'Not grouped yet').getByRole('article').count(),
			1
		);
		await dragCard(anna.page, tom.definition, discounts);
		await boardCard(boardColumn(elenaPage, themes.discounts), tom.definition).waitFor({
			timeout: LIVE_TIMEOUT_MS
		});

		const grouping: Record<string, Person[]> = {
			[themes.partnership]: [dmitry, irina],
			[themes.discounts]: [tom],
			[themes.result]: [elena],
			[themes.politeness]: [anna]
		};
		for (const person of everyone) {
			for (const [theme, authors] of Object.entries(grouping)) {
				const column = boardColumn(person.page, theme);
				for (const author of authors)
					await boardCard(column, author.definition).waitFor({ timeout: LIVE_TIMEOUT_MS });
			}
			await eventually(
				() => boardColumn(person.page, 'Not grouped yet').getByRole('article').count(),
				0
			);
		}
		await shoot(elenaPage, 'stage2-board');

		// ── Stage 3: criteria, a dot vote with a refusal over budget, ranked results, winners ──────
		await elenaPage.getByRole('button', { name: 'Next stage' }).click();
		for (const person of everyone) await waitForStage(person.page, 'Criteria and voting');
		const proposers: [Person, string][] = [
			[anna, c0],
			[anna, c1],
			[dmitry, c2],
			[tom, c3],
			[irina, c4],
			[elena, c5]
		];
		for (const [person, text] of proposers) {
			await person.page.getByLabel('New criterion').fill(text);
			await person.page.getByRole('button', { name: 'Add', exact: true }).click();
			await eventually(async () => (await proposalTexts(person.page)).includes(text), true);
		}
		await eventually(async () => (await proposalTexts(elenaPage)).sort(), [...criteria].sort());
		await shoot(elenaPage, 'stage3-criteria');

		await elenaPage.getByRole('button', { name: 'Open the vote' }).click();
		for (const person of everyone)
			await person.page.getByText('Voting is open').waitFor({ timeout: LIVE_TIMEOUT_MS });
		const ballots: [Person, string[]][] = [
			[anna, [c0, c0, c1]],
			[dmitry, [c1, c1, c3]],
			[irina, [c1, c1, c4]],
			[elena, [c1, c0, c3]],
			[tom, [c0, c2, c2]]
		];
		for (const [person, dots] of ballots) {
			for (const [index, item] of dots.entries()) {
				await person.page.getByRole('button', { name: `Put a dot on: ${item}` }).click();
				await person.page.getByText(`Dots left: ${2 - index} of 3`).waitFor();
			}
			await person.page.getByText('Your dots are saved.').waitFor({ timeout: LIVE_TIMEOUT_MS });
		}
		// Everyone sees how many have voted, never who voted for what.
		for (const person of everyone)
			await person.page.getByText('Voted: 4 of 4').waitFor({ timeout: LIVE_TIMEOUT_MS });

		// Tom has spent all his dots: "+" cannot add a fourth, and says why instead of asking the server.
		const fourth = tom.page.getByRole('button', { name: `Put a dot on: ${c3}` });
		expect(await fourth.isDisabled()).toBe(true);
		const reason = 'All your dots are placed: take one off another criterion first.';
		expect(await fourth.getAttribute('aria-describedby')).toBe(
			await tom.page.getByText(reason).getAttribute('id')
		);
		await tom.page.getByText('Dots left: 0 of 3').waitFor();
		await shoot(tom.page, 'stage3-over-budget-refused');
		// He takes one back and puts it where it matters more to him.
		await tom.page.getByRole('button', { name: `Take a dot back from: ${c2}` }).click();
		await tom.page.getByText('Dots left: 1 of 3').waitFor();
		await tom.page.getByRole('button', { name: `Put a dot on: ${c1}` }).click();
		await tom.page.getByText('Dots left: 0 of 3').waitFor();
		await tom.page.getByText('Your dots are saved.').waitFor({ timeout: LIVE_TIMEOUT_MS });

		await elenaPage.getByRole('button', { name: 'Close the vote' }).click();
		await anna.page
			.getByText('Voting is closed. The facilitator will reveal the results.')
			.waitFor({ timeout: LIVE_TIMEOUT_MS });
		await elenaPage.getByRole('button', { name: 'Reveal the results' }).click();
		for (const person of everyone) {
			await person.page
				.getByRole('table', { name: 'Criteria ranked by dots' })
				.waitFor({ timeout: LIVE_TIMEOUT_MS });
		}
		// c1: 1+2+2+1+1 = 7, c0: 2+1+1 = 4, c3: 1+1 = 2, c2 and c4: 1, c5: 0.
		const rows = await resultRows(anna.page);
		expect(rows.slice(0, 3)).toEqual([
			['1', c1, '7'],
			['2', c0, '4'],
			['3', c3, '2']
		]);
		expect(rows.slice(3)).toEqual([
			['4', c2, '1'],
			['4', c4, '1'],
			['6', c5, '0']
		]);

		await elenaPage.getByRole('checkbox', { name: `Winning criterion: ${c1}` }).check();
		await elenaPage.getByText('winner', { exact: true }).first().waitFor();
		await elenaPage.getByRole('checkbox', { name: `Winning criterion: ${c0}` }).check();
		for (const person of participants)
			await eventually(() => person.page.getByText('winner', { exact: true }).count(), 2);
		await shoot(anna.page, 'stage3-results');

		// ── Stage 4: one shared draft, typed by a member and the guest into the collaborative editor ─
		await elenaPage.getByRole('button', { name: 'Next stage' }).click();
		for (const person of everyone) await waitForStage(person.page, 'Shared definition');
		for (const person of [dmitry, irina, anna]) await waitForSync(person.page);
		await draftEditor(dmitry.page).click();
		await dmitry.page.keyboard.type(draftFirst);
		await eventually(() => draftText(irina.page), draftFirst);
		await draftEditor(irina.page).click();
		await irina.page.keyboard.press('Control+End');
		await irina.page.keyboard.type(` ${draftSecond}`);
		for (const person of [dmitry, anna, elena])
			await eventually(() => draftText(person.page), `${draftFirst} ${draftSecond}`);
		await shoot(irina.page, 'stage4-guest-on-phone-writes');

		// The winning criteria are the checklist; the guest ticks hers too.
		for (const [person, ticks] of [
			[anna, [c1, c0]],
			[dmitry, [c1]],
			[irina, [c1]]
		] as [Person, string[]][]) {
			for (const item of ticks) {
				const box = person.page.getByRole('checkbox', { name: item });
				await box.check();
				await eventually(() => box.isChecked(), true);
			}
		}
		const checklist = elenaPage.getByRole('region', { name: 'Does the draft meet the criteria?' });
		await eventually(() => textsOf(checklist.locator('.count')), ['3 agree', '1 agree']);

		await elenaPage.getByLabel('Version name').fill('First draft');
		await elenaPage.getByRole('button', { name: 'Save version' }).click();
		await elenaPage.getByText('v1 · First draft').waitFor();
		await anna.page.getByText('v1 · First draft').waitFor({ timeout: LIVE_TIMEOUT_MS });
		await shoot(anna.page, 'stage4-draft');

		// ── Stage 5, first round: an objection sends the draft back to stage 4 with its comment ────
		await elenaPage.getByRole('button', { name: 'Next stage' }).click();
		for (const person of everyone) await waitForStage(person.page, 'Consensus');
		await elenaPage.getByRole('button', { name: 'Ask for consensus' }).click();
		for (const person of participants)
			await person.page
				.getByRole('heading', { name: 'Version 1: First draft' })
				.waitFor({ timeout: LIVE_TIMEOUT_MS });
		await answer(anna.page, 'Accept');
		await answer(irina.page, 'Accept with a concern', concern);
		await elenaPage.getByText('Answered: 2 of 4').waitFor({ timeout: LIVE_TIMEOUT_MS });
		await elenaPage.getByText(concern).waitFor({ timeout: LIVE_TIMEOUT_MS });
		await shoot(elenaPage, 'stage5-round1-answering');
		await answer(tom.page, 'Object', objection);

		for (const person of everyone) await waitForStage(person.page, 'Shared definition');
		for (const person of [elena, anna, tom]) {
			const panel = person.page.getByRole('region', { name: 'Objections to version 1' });
			await panel.waitFor({ timeout: LIVE_TIMEOUT_MS });
			await panel.getByText(objection).waitFor();
			await panel.getByText(concern).waitFor();
			expect(await textsOf(panel.locator('.meta'))).toEqual(
				person === tom
					? ['Object · You', `Accept with a concern · ${irina.name}`]
					: ['Object · Tom Baker', `Accept with a concern · ${irina.name}`]
			);
		}
		await shoot(anna.page, 'stage4-back-with-objection');

		// Tom reworks the draft: a paragraph for colleagues; Elena saves it as version 2.
		await waitForSync(tom.page);
		await eventually(() => draftText(tom.page), `${draftFirst} ${draftSecond}`);
		await draftEditor(tom.page).click();
		await tom.page.keyboard.press('Control+End');
		await tom.page.keyboard.press('Enter');
		await tom.page.keyboard.type(draftAfterObjection);
		const reworked = `${draftFirst} ${draftSecond}\n${draftAfterObjection}`;
		await eventually(() => draftText(anna.page), reworked);
		await eventually(() => draftText(elenaPage), reworked);
		await elenaPage.getByLabel('Version name').fill('With colleagues');
		await elenaPage.getByRole('button', { name: 'Save version' }).click();
		await elenaPage.getByText('v2 · With colleagues').waitFor();

		// ── Stage 5, second round: everyone accepts ────────────────────────────────────────────────
		await elenaPage.getByRole('button', { name: 'Next stage' }).click();
		for (const person of everyone) await waitForStage(person.page, 'Consensus');
		expect(
			await elenaPage
				.getByLabel('Version to put to consensus')
				.locator('option:checked')
				.textContent()
		).toBe('Version 2: With colleagues');
		await elenaPage.getByRole('button', { name: 'Ask for consensus' }).click();
		for (const person of participants) {
			await person.page
				.getByRole('heading', { name: 'Version 2: With colleagues' })
				.waitFor({ timeout: LIVE_TIMEOUT_MS });
			await answer(person.page, 'Accept');
		}
		for (const person of everyone) {
			await person.page
				.getByText('Agreed without objection. Version 2 can now be published.')
				.waitFor({ timeout: LIVE_TIMEOUT_MS });
		}
		await elenaPage.getByText('Version 1: Objected').waitFor();
		// Publishing is next: asking again is folded away.
		expect(await elenaPage.getByRole('button', { name: 'Ask for consensus' }).isVisible()).toBe(
			false
		);
		await elenaPage.getByText('Ask again on another version').waitFor();
		await shoot(elenaPage, 'stage5-agreed');
		await elenaPage.getByRole('button', { name: 'Go to publishing' }).click();

		// ── Stage 6: publish with an explanation and the rules ─────────────────────────────────────
		for (const person of everyone) await waitForStage(person.page, 'Publish and explain');
		await elenaPage
			.getByRole('heading', { name: 'Agreed draft version 2: With colleagues' })
			.waitFor();
		await elenaPage.getByLabel('What it means in daily work').fill(explanation);
		await fillRules(elenaPage, 'What we always do', session.rules.always);
		await fillRules(elenaPage, 'How we react in typical situations', session.rules.react);
		await fillRules(elenaPage, 'What we never do', session.rules.never);
		await shoot(elenaPage, 'stage6-publish-form');
		await elenaPage.getByRole('button', { name: 'Publish as version 1' }).click();
		for (const person of everyone)
			await person.page.getByText('Published as version 1.').waitFor({ timeout: LIVE_TIMEOUT_MS });
		expect(await irinaPage.getByRole('link', { name: 'Open the published page' }).count()).toBe(0);
		await shoot(irinaPage, 'stage6-guest-sees-published');

		// ── Members read and acknowledge the definition; leadership sees the reach ─────────────────
		for (const person of [anna, dmitry, elena]) {
			await person.page.getByRole('link', { name: 'Open the published page' }).click();
			await person.page.waitForURL((url) => url.pathname === `/w/${workspaceId}/definition`);
			await person.page
				.getByRole('heading', { level: 1, name: 'Our definition of customer focus' })
				.waitFor();
			const definition = person.page.getByRole('region', { name: 'Definition' });
			expect(await definition.textContent()).toContain(draftAfterObjection);
			await person.page.getByRole('button', { name: 'I have read and understood' }).click();
			await person.page
				.getByText(/You confirmed on .+ that you have read and understood this version\./)
				.waitFor();
		}
		const reader = anna.page;
		expect(await reader.getByText(explanation).count()).toBe(1);
		for (const rule of [...session.rules.always, ...session.rules.react, ...session.rules.never])
			expect(await reader.getByText(rule, { exact: true }).count()).toBe(1);
		expect(await reader.getByText(`From the strategy session “${session.title}”`).count()).toBe(1);
		await shoot(reader, 'definition-acknowledged');

		// Tom opens the page from the navigation but has not acknowledged yet. His home page puts the
		// definition waiting for him first; Anna's says she has acknowledged it.
		await tom.page.goto(`/w/${workspaceId}`);
		await tom.page
			.getByRole('heading', { name: 'Waiting for you: our definition of customer focus' })
			.waitFor();
		await tom.page.getByRole('link', { name: 'Read and acknowledge' }).waitFor();
		await shoot(tom.page, 'home-definition-waiting');
		await anna.page.goto(`/w/${workspaceId}`);
		await anna.page.getByText(/^Version 1\. You acknowledged it on /).waitFor();
		await tom.page
			.getByRole('navigation', { name: 'Main navigation' })
			.getByRole('link', { name: 'Definition' })
			.click();
		await tom.page.getByRole('button', { name: 'I have read and understood' }).waitFor();

		await elenaPage.getByRole('link', { name: 'Reach' }).click();
		await elenaPage.waitForURL((url) => url.pathname === `/w/${workspaceId}/definition/reach`);
		await elenaPage.getByText('3 of 4 members').waitFor();
		const notYet = elenaPage.getByRole('region', { name: /^Not acknowledged yet/ });
		const notAcknowledged = await textsOf(notYet.getByRole('listitem'));
		expect(notAcknowledged).toHaveLength(1);
		expect(notAcknowledged[0]).toMatch(/^Tom Baker\s*Security$/);
		const byDepartment = await textsOf(
			elenaPage.getByRole('region', { name: 'By department' }).locator('tbody tr')
		);
		expect(byDepartment).toEqual(
			expect.arrayContaining([
				expect.stringMatching(/^Security\s*0\s*1\s*0\s?%$/),
				expect.stringMatching(/^Doctors\s*1\s*1\s*100\s?%$/)
			])
		);
		await shoot(elenaPage, 'reach');

		// The session's outputs are one click away for members, never for the guest.
		expect(await irinaPage.getByRole('link', { name: 'Outputs' }).count()).toBe(0);
		await elenaPage.goto(`/s/${sessionId}`);
		await waitForLive(elenaPage);
		await elenaPage.getByRole('link', { name: 'Outputs' }).click();
		await elenaPage.waitForURL(
			(url) => url.pathname === `/w/${workspaceId}/sessions/${sessionId}/outputs`
		);
		await elenaPage.getByRole('link', { name: 'Print layout' }).click();
		await elenaPage.getByText(dmitry.definition).first().waitFor();
		await shoot(elenaPage, 'outputs-report');

		if (screenshotsWanted) expect(shoot.saved.length).toBeGreaterThanOrEqual(15);
	}

	/** A fresh browser context for one person, photographed if the test fails. */
	async function screenFor(
		screens: Map<string, Page>,
		name: string,
		viewport?: { width: number; height: number }
	): Promise<Page> {
		const page = await browser.newPage({ viewport });
		screens.set(name, page);
		return page;
	}
});

/** The role and text from the demo fixture. */
function roleAndText(author: string): { role: string; definition: string } {
	const { role, text } = definitionOf(author);
	return { role, definition: text };
}

/** The consensus answers, with the hint each choice shows under its name. */
const answerHints = {
	Accept: 'I support it as it is.',
	'Accept with a concern': 'I support it, and want my concern on record.',
	Object: 'I cannot support it: the draft goes back for rework.'
};

/** Answers the open consensus round and waits until the server has taken the answer. */
async function answer(page: Page, choice: keyof typeof answerHints, comment = ''): Promise<void> {
	// Tapped as a person does: on the choice's label (its title covers the radio on a phone).
	const radio = page.getByRole('radio', { name: `${choice} ${answerHints[choice]}`, exact: true });
	await page.locator('label').filter({ has: radio }).click();
	expect(await radio.isChecked()).toBe(true);
	if (comment) await page.getByRole('textbox', { name: 'Comment' }).fill(comment);
	const taken = page.waitForResponse(
		(response) =>
			response.url().endsWith('/consensus/answer') && response.request().method() === 'PUT'
	);
	await page.getByRole('button', { name: 'Send my answer' }).click();
	expect((await taken).status()).toBe(200);
}

/** Fills one of the rule lists of the publish form, adding rows as needed. */
async function fillRules(page: Page, legend: string, rules: string[]): Promise<void> {
	const group = page.getByRole('group', { name: legend });
	for (const [index, rule] of rules.entries()) {
		if (index > 0) await group.getByRole('button', { name: 'Add a rule' }).click();
		await group.getByLabel(`Rule ${index + 1}`, { exact: true }).fill(rule);
	}
}
