// Two people know their key customer together, in real Chromium against the production build, each
// in their own browser context and through the real screens only: a portrait from the shipped
// sample edited live, a five-stage journey map with seven touchpoints (business and employee) built
// by both, experience, emotion and text cards, owners and rules (the owner is notified), and then
// the register and its coverage as the test computes them from what the two people did; the
// map's SVG, PNG and CSV and the register's CSV downloaded through the pages' links.
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { useBrowser } from '../../utils/browser';
import { newAccount, pathOf, submitSignIn, WORKSPACE_HOME } from '../../utils/e2e-accounts';
import { signUp } from '../../utils/e2e-accounts';
import {
	createInviteLink,
	joinByInvite,
	openMembers,
	waitForHydration
} from '../../utils/e2e-workspace';
import { decodePng, downloadBy, parseSvg, pngHeader, readCsv } from './files';
import {
	addTextCard,
	addTouchpoint,
	caretLabels,
	cardStatus,
	cardTexts,
	cellChoice,
	chooseInCell,
	coverageHeadline,
	editTouchpoint,
	emotionCurve,
	expectFocused,
	focusedName,
	grid,
	gridCell,
	shownTouchpointCard,
	LEVEL_LABELS,
	placeTouchpoint,
	presenceAvatars,
	registerFilters,
	registerNames,
	registerRows,
	scoreText,
	sectionEditor,
	stageCoverage,
	stageHeader,
	stageNames,
	statusText,
	touchpointCard,
	touchpointNames,
	TYPE_LABELS,
	waitForLive,
	type Level,
	type ShownRow,
	type TouchpointEdit,
	type TouchpointType
} from './journey-page';
import {
	customerShots,
	eventually,
	LIVE_TIMEOUT_MS,
	noShots,
	patient,
	photographingFailure,
	squash
} from './steps';

/** An iPhone 12-sized screen. */
const PHONE = { width: 390, height: 844 };

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const PORTRAIT_PAGE = new RegExp(`^/w/${UUID}/portraits/${UUID}$`);
const MAP_PAGE = new RegExp(`^/w/${UUID}/journeys/${UUID}$`);

/** The two people: A signs up (the workspace's admin) and invites B as a member. */
const A_NAME = 'Marta Novak';
const B_NAME = 'Pavel Ionov';

/** The shipped sample in English: its name and two of its sentences. */
const SAMPLE = {
	name: 'Premium car owner: business owner or top manager',
	traits: 'Energetic, ambitious, independent.',
	motives: 'To reward themselves and show their success'
};
/** What B adds to the sample's motives. */
const MOTIVES_ADDED = 'They want a test drive at a time that suits them.';

const MAP_TITLE = 'Premium owner journey';

/** The default stages of a new map (DESIGN.md Part C), and the five the two people keep. */
const DEFAULT_STAGES = [
	'First contact',
	'Consideration',
	'Purchase',
	'Ownership and service',
	'Repeat purchase and loyalty',
	'Leaving'
];
const REMOVED_STAGE = 'Leaving';
const RENAMED = { from: 'Consideration', to: 'Shortlist and test drive' };
const STAGES = DEFAULT_STAGES.filter((stage) => stage !== REMOVED_STAGE).map((stage) =>
	stage === RENAMED.from ? RENAMED.to : stage
);
const [S1, S2, S3, S4, S5] = STAGES;

/** The lanes of a new map, in order. */
const LANES = [
	'Touchpoints',
	'Customer actions and thoughts',
	'Expectations',
	'Experience level',
	'Emotion (−2…+2)',
	'Pain points',
	'“Wow” opportunities',
	'Service indicators'
];
const EMOTION_LANE = 'Emotion (−2…+2)';

type Who = 'A' | 'B';
/** What the test does to one touchpoint, and so what the register must say about it. */
type Planned = {
	name: string;
	type: TouchpointType;
	/** Who creates it, and where. */
	by: Who;
	/** Stages it is placed in, in stage order. */
	stages: string[];
	/** Who sets owner, rule and channel in its side panel, and what (nothing when absent). */
	editedBy?: Who;
	edit?: TouchpointEdit;
};

const RULES = {
	website:
		'The configurator shows the real delivery date and price; a consultant calls within a day.',
	greeting: 'Greet within 30 seconds, offer a drink, never leave a guest alone at the door.',
	dressCode: 'Dark suit, name badge, no sneakers; the same on test drives.',
	contract: 'One clear contract pack; every figure explained before signing.',
	tone: 'Calm and personal: address the owner by name and confirm every promise in writing.'
};

const PLAN: Planned[] = [
	{
		name: 'Website configurator',
		type: 'business',
		by: 'A',
		stages: [S1, S2],
		editedBy: 'A',
		edit: { owner: A_NAME, rule: RULES.website, channel: 'web' }
	},
	{
		name: 'Showroom greeting',
		type: 'employee',
		by: 'B',
		stages: [S1],
		editedBy: 'A',
		edit: { owner: B_NAME, rule: RULES.greeting }
	},
	{
		name: 'Test drive booking call',
		type: 'business',
		by: 'B',
		stages: [S2],
		editedBy: 'B',
		edit: { owner: A_NAME, channel: 'phone' }
	},
	{
		name: 'Consultant dress code',
		type: 'employee',
		by: 'A',
		stages: [S3],
		editedBy: 'A',
		edit: { rule: RULES.dressCode }
	},
	{
		name: 'Purchase contract pack',
		type: 'business',
		by: 'A',
		stages: [S3],
		editedBy: 'A',
		edit: { owner: B_NAME, rule: RULES.contract, channel: 'in person' }
	},
	{
		name: 'Service desk tone',
		type: 'employee',
		by: 'B',
		stages: [S4, S5],
		editedBy: 'B',
		edit: { owner: A_NAME, rule: RULES.tone }
	},
	{ name: 'Loyalty call', type: 'business', by: 'B', stages: [S5] }
];
const planned = (name: string): Planned => {
	const found = PLAN.find((touchpoint) => touchpoint.name === name);
	if (!found) throw new Error(`no touchpoint "${name}" in the plan`);
	return found;
};

/** Experience levels and emotion scores, in the order they are set, by whom. */
const EXPERIENCE: { stage: string; level: Level; by: Who }[] = [
	{ stage: S1, level: 'meets', by: 'A' },
	{ stage: S2, level: 'exceeds', by: 'B' },
	{ stage: S3, level: 'below', by: 'A' },
	{ stage: S4, level: 'meets', by: 'B' }
];
const EMOTION: { stage: string; score: number; by: Who }[] = [
	{ stage: S1, score: 1, by: 'A' },
	{ stage: S2, score: 2, by: 'A' },
	{ stage: S3, score: -1, by: 'B' },
	{ stage: S4, score: 1, by: 'B' }
];

/** Text cards in the other lanes. */
const CARDS = {
	actions: 'Compares two or three models online',
	actionsMore: ' and reads owner reviews',
	expectations: 'An answer within the hour',
	pain: 'Waiting for the contract to be printed',
	indicators: 'A service slot within 48 hours'
};

// ── What the register must say, computed from the plan ─────────────────────────────────────────

const ownerOf = (touchpoint: Planned): string | null => touchpoint.edit?.owner ?? null;
const ruleOf = (touchpoint: Planned): string | null => touchpoint.edit?.rule ?? null;
const channelOf = (touchpoint: Planned): string => touchpoint.edit?.channel ?? '';
const covered = (touchpoint: Planned): boolean =>
	ownerOf(touchpoint) !== null && ruleOf(touchpoint) !== null;
const percentOf = (part: number, whole: number): number => Math.round((part * 100) / whole);

/** The level set last among a touchpoint's stages (the register's "latest experience"). */
function latestExperience(touchpoint: Planned): string {
	const set = EXPERIENCE.filter((value) => touchpoint.stages.includes(value.stage));
	const last = set[set.length - 1];
	return last ? LEVEL_LABELS[last.level] : '';
}

/** The register row the page must show for a touchpoint. */
function expectedRow(touchpoint: Planned): ShownRow {
	const owner = ownerOf(touchpoint);
	return {
		name: touchpoint.name,
		type: TYPE_LABELS[touchpoint.type],
		channel: channelOf(touchpoint),
		stages: touchpoint.stages.join(', '),
		owner: owner ? `Owner: ${owner}` : 'No owner',
		rule: ruleOf(touchpoint) ? 'Rule' : 'No rule',
		experience: latestExperience(touchpoint),
		portraits: SAMPLE.name,
		marked: !covered(touchpoint),
		bar: !covered(touchpoint)
	};
}

/** Orders names as the register does by default (by name, case and accents aside). */
const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });
const byName = (a: { name: string }, b: { name: string }) => collator.compare(a.name, b.name);

describe.skipIf(!inject('appUrl'))('portraits, a journey map and the touchpoint register', () => {
	const browser = useBrowser();

	it(
		'two people build a portrait from the sample and a five-stage journey together; owners, rules, register, coverage and files come out right',
		async () => {
			const screens = new Map<string, Page>();
			await photographingFailure(screens, () => customersTogether(screens));
		},
		25 * 60_000
	);

	async function customersTogether(screens: Map<string, Page>): Promise<void> {
		const shoot = customerShots('portrait-journey');

		// ── The workspace: A signs up and invites B as a member ──────────────────────────────────
		const a = patient(await browser.newPage(), 'A');
		screens.set('A', a);
		a.on('dialog', (dialog) => void dialog.accept());
		const workspaceId = await signUp(a, { ...newAccount('customers'), name: A_NAME }, noShots);
		await openMembers(a, workspaceId);
		const invite = await createInviteLink(a, { role: 'member' }, noShots);
		const b = patient(await browser.newPage(), 'B');
		screens.set('B', b);
		b.on('dialog', (dialog) => void dialog.accept());
		const accountB = { ...newAccount('customers'), name: B_NAME };
		await joinByInvite(b, invite, accountB, noShots);
		const page: Record<Who, Page> = { A: a, B: b };
		const other: Record<Who, Page> = { A: b, B: a };
		const nameOf: Record<Who, string> = { A: A_NAME, B: B_NAME };

		// ── (1) A portrait from the shipped sample ───────────────────────────────────────────────
		await a
			.getByRole('navigation', { name: 'Main navigation' })
			.getByRole('link', { name: 'Customers' })
			.click();
		await a.getByRole('heading', { level: 1, name: 'Customers' }).waitFor();
		await a.getByRole('link', { name: 'New portrait' }).first().click();
		await a.getByRole('heading', { level: 1, name: 'New portrait' }).waitFor();
		await waitForHydration(a);
		const sampleChoice = a.getByRole('radio', { name: /^The sample/ });
		await sampleChoice.check();
		await a.getByLabel('Language of the sample').selectOption('en');
		expect(await sampleChoice.isChecked()).toBe(true);
		await shoot(a, 'new-portrait-from-sample');
		await a.getByRole('button', { name: 'Create portrait' }).click();
		await a.waitForURL((url) => PORTRAIT_PAGE.test(url.pathname));
		const portraitPath = pathOf(a);
		await a.getByRole('heading', { level: 1, name: SAMPLE.name }).waitFor();
		await waitForLive(a);
		await expect.poll(() => sectionEditor(a, 'traits').textContent()).toContain(SAMPLE.traits);

		// B opens it from the list of portraits.
		await b
			.getByRole('navigation', { name: 'Main navigation' })
			.getByRole('link', { name: 'Customers' })
			.click();
		await b.getByRole('heading', { level: 1, name: 'Customers' }).waitFor();
		await b.getByRole('link', { name: SAMPLE.name }).first().click();
		await b.waitForURL((url) => url.pathname === portraitPath);
		await waitForLive(b);

		// Each sees the other here; B adds to the motives and A sees the words and B's caret arrive.
		await presenceAvatars(a).filter({ hasText: B_NAME }).waitFor({ timeout: LIVE_TIMEOUT_MS });
		await presenceAvatars(b).filter({ hasText: A_NAME }).waitFor({ timeout: LIVE_TIMEOUT_MS });
		const motivesB = sectionEditor(b, 'motives');
		await expect.poll(() => motivesB.textContent()).toContain(SAMPLE.motives);
		await motivesB.click();
		await b.keyboard.press('Control+End');
		await b.keyboard.type(` ${MOTIVES_ADDED}`);
		await expect
			.poll(() => sectionEditor(a, 'motives').textContent(), { timeout: LIVE_TIMEOUT_MS })
			.toContain(`${SAMPLE.motives}`);
		await expect
			.poll(() => sectionEditor(a, 'motives').textContent(), { timeout: LIVE_TIMEOUT_MS })
			.toContain(MOTIVES_ADDED);
		await caretLabels(a).filter({ hasText: B_NAME }).waitFor({ timeout: LIVE_TIMEOUT_MS });
		await shoot(a, 'portrait-a-sees-b-editing');
		await shoot(b, 'portrait-b-edited-motives');

		// A sets the value share and the relationship class.
		await waitForHydration(a);
		await a.getByLabel('Share of revenue or profit, %').fill('35');
		await a.getByLabel('Relationship class').selectOption({ label: 'Worth keeping' });
		await a.getByRole('button', { name: 'Save', exact: true }).click();
		await a.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
		await expect.poll(() => a.getByLabel('Relationship class').inputValue()).toBe('keep');
		await expect.poll(() => a.getByLabel('Share of revenue or profit, %').inputValue()).toBe('35');
		await shoot(a, 'portrait-value-and-class-saved');

		// The print layout shows every section, the facts and B's words.
		await a.getByRole('link', { name: 'Print or PDF' }).click();
		await a.waitForURL((url) => url.pathname === `${portraitPath}/print`);
		const sheet = a.locator('article');
		await sheet.getByRole('heading', { level: 1, name: SAMPLE.name }).waitFor();
		expect(await sheet.getByRole('heading', { level: 2 }).allTextContents()).toEqual([
			'Who they are',
			'What our product gives them',
			'How they choose and decide',
			'Why they buy',
			'Who is not our customer',
			'Evidence'
		]);
		const facts = Object.fromEntries(
			await sheet
				.locator('dl.facts > div')
				.evaluateAll((items) =>
					items.map((item) => [
						item.querySelector('dt')?.textContent?.trim() ?? '',
						item.querySelector('dd')?.textContent?.trim() ?? ''
					])
				)
		);
		expect(facts).toEqual({
			Kind: 'Key customer',
			Segment: 'Premium cars',
			'Relationship class': 'Worth keeping',
			'Share of revenue or profit, %': '35'
		});
		const printed = squash(await sheet.textContent());
		for (const words of [SAMPLE.traits, SAMPLE.motives, MOTIVES_ADDED, 'Mostly 35–55'])
			expect(printed).toContain(words);
		expect(printed).not.toContain('Not filled in yet');
		await shoot(a, 'portrait-print');
		await a.getByRole('link', { name: 'Back to the portrait' }).click();
		await a.waitForURL((url) => url.pathname === portraitPath);

		// ── (2) A journey map of the portrait ─────────────────────────────────────────────────────
		await a.getByLabel('Title of the map').fill(MAP_TITLE);
		await a.getByRole('button', { name: 'Create map' }).click();
		await a.waitForURL((url) => MAP_PAGE.test(url.pathname));
		const mapPath = pathOf(a);
		await a.getByText(`Portrait: ${SAMPLE.name}`).waitFor();
		await waitForLive(a);
		await grid(a).waitFor();
		expect(await stageNames(a)).toEqual(DEFAULT_STAGES);
		expect(
			await grid(a)
				.getByRole('rowheader')
				// The lane's name (the curve's header also holds what the curve is drawn from).
				.evaluateAll((headers) =>
					headers.map(
						(header) => (header.querySelector('.lane-name') ?? header).textContent?.trim() ?? ''
					)
				)
		).toEqual([...LANES.slice(0, 5), 'Emotion curve', ...LANES.slice(5)]);
		await shoot(a, 'map-default-stages', { wholeMap: true });

		// B opens it from the portrait page.
		await b.reload();
		await b.getByRole('link', { name: MAP_TITLE }).click();
		await b.waitForURL((url) => url.pathname === mapPath);
		await waitForLive(b);
		await eventually(() => stageNames(b), DEFAULT_STAGES);
		await presenceAvatars(a).filter({ hasText: B_NAME }).waitFor({ timeout: LIVE_TIMEOUT_MS });

		// Five stages: A removes the last one and renames the second; B sees both.
		await a.getByRole('button', { name: `Remove stage: ${REMOVED_STAGE}`, exact: true }).click();
		await eventually(() => stageNames(a), DEFAULT_STAGES.slice(0, 5));
		const renamed = stageHeader(a, RENAMED.from).getByRole('textbox', { name: 'Stage name' });
		await renamed.fill(RENAMED.to);
		await renamed.press('Tab');
		await eventually(() => stageNames(a), STAGES);
		await eventually(() => stageNames(b), STAGES);
		expect(STAGES).toHaveLength(5);
		await shoot(b, 'map-five-stages', { wholeMap: true });

		// ── Touchpoints from both screens, each appearing live on the other ──────────────────────
		const create = async (who: Who, name: string) => {
			const touchpoint = planned(name);
			await addTouchpoint(page[who], touchpoint.stages[0], touchpoint);
		};
		const seenBy = async (who: Who, stage: string, name: string) =>
			(await shownTouchpointCard(page[who], stage, name)).waitFor({ timeout: LIVE_TIMEOUT_MS });

		await create('A', 'Website configurator');
		await seenBy('B', S1, 'Website configurator');
		await create('B', 'Showroom greeting');
		await seenBy('A', S1, 'Showroom greeting');
		// Both at once, in different stages.
		await Promise.all([
			(async () => {
				await create('A', 'Consultant dress code');
				await create('A', 'Purchase contract pack');
			})(),
			(async () => {
				await create('B', 'Test drive booking call');
				await create('B', 'Service desk tone');
			})()
		]);
		await seenBy('A', S2, 'Test drive booking call');
		await seenBy('A', S4, 'Service desk tone');
		await seenBy('B', S3, 'Consultant dress code');
		await seenBy('B', S3, 'Purchase contract pack');
		// B places two existing touchpoints in further stages and creates the last one.
		await placeTouchpoint(b, S2, 'Website configurator');
		await placeTouchpoint(b, S5, 'Service desk tone');
		await create('B', 'Loyalty call');
		await seenBy('A', S2, 'Website configurator');
		await seenBy('A', S5, 'Service desk tone');
		await seenBy('A', S5, 'Loyalty call');
		expect(PLAN.length).toBeGreaterThanOrEqual(6);
		expect(new Set(PLAN.map((touchpoint) => touchpoint.type))).toEqual(
			new Set(['business', 'employee'])
		);
		for (const stage of STAGES) {
			const expected = PLAN.filter((touchpoint) => touchpoint.stages.includes(stage))
				.map((touchpoint) => touchpoint.name)
				.sort();
			await eventually(() => touchpointNames(a, stage), expected);
			await eventually(() => touchpointNames(b, stage), expected);
		}
		await shoot(a, 'map-touchpoints-a', { wholeMap: true });
		await shoot(b, 'map-touchpoints-b', { wholeMap: true });

		// ── Experience and emotion per stage; the curve on both screens ──────────────────────────
		for (const { stage, level, by } of EXPERIENCE) {
			await chooseInCell(page[by], 'Experience level', stage, level);
			await eventually(() => cellChoice(other[by], 'Experience level', stage), level);
		}
		for (const { stage, score, by } of EMOTION) {
			await chooseInCell(page[by], EMOTION_LANE, stage, String(score));
			await eventually(() => cellChoice(other[by], EMOTION_LANE, stage), String(score));
		}
		const curveName = `Emotion curve: ${STAGES.map((stage) => {
			const point = EMOTION.find((value) => value.stage === stage);
			return `${stage}: ${point ? scoreText(point.score) : '—'}`;
		}).join('; ')}`;
		for (const screen of [a, b]) {
			await eventually(() => emotionCurve(screen).getAttribute('aria-label'), curveName);
			expect(await emotionCurve(screen).locator('circle').count()).toBe(EMOTION.length);
			expect(await emotionCurve(screen).locator('polyline').count()).toBe(1);
		}
		await shoot(a, 'map-experience-and-emotion', { wholeMap: true });

		// ── Cards in the other lanes, typed on one screen and shown on the other ─────────────────
		await addTextCard(a, 'Customer actions and thoughts', S1, CARDS.actions);
		await eventually(() => cardTexts(b, 'Customer actions and thoughts', S1), [CARDS.actions]);
		await addTextCard(b, 'Pain points', S3, CARDS.pain);
		await addTextCard(b, 'Service indicators', S4, CARDS.indicators);
		await eventually(() => cardTexts(a, 'Pain points', S3), [CARDS.pain]);
		await eventually(() => cardTexts(a, 'Service indicators', S4), [CARDS.indicators]);

		// The keyboard: A leaves the card with Escape, moves between cells with the arrow keys,
		// adds a card with Enter, and edits the first card again with Enter.
		await a.keyboard.press('Escape');
		await eventually(() => focusedName(a), `Customer actions and thoughts, ${S1}`);
		await a.keyboard.press('ArrowDown');
		await eventually(() => focusedName(a), `Expectations, ${S1}`);
		await a.keyboard.press('Enter');
		await eventually(() => focusedName(a), 'Add card');
		await a.keyboard.press('Enter');
		await expectFocused(gridCell(a, 'Expectations', S1).getByRole('textbox'));
		await a.keyboard.type(CARDS.expectations);
		await a.keyboard.press('Escape');
		await eventually(() => focusedName(a), `Expectations, ${S1}`);
		await a.keyboard.press('ArrowRight');
		await eventually(() => focusedName(a), `Expectations, ${S2}`);
		await a.keyboard.press('ArrowUp');
		await eventually(() => focusedName(a), `Customer actions and thoughts, ${S2}`);
		await a.keyboard.press('ArrowLeft');
		await eventually(() => focusedName(a), `Customer actions and thoughts, ${S1}`);
		await a.keyboard.press('Enter');
		await expectFocused(gridCell(a, 'Customer actions and thoughts', S1).getByRole('textbox'));
		await a.keyboard.press('Control+End');
		await a.keyboard.type(CARDS.actionsMore);
		const actions = CARDS.actions + CARDS.actionsMore;
		await eventually(() => cardTexts(b, 'Expectations', S1), [CARDS.expectations]);
		await eventually(() => cardTexts(b, 'Customer actions and thoughts', S1), [actions]);
		// B sees where A is.
		await gridCell(b, 'Customer actions and thoughts', S1)
			.getByText(`${A_NAME} is here`)
			.waitFor({ timeout: LIVE_TIMEOUT_MS });
		await shoot(b, 'map-cards-and-presence', { wholeMap: true });

		// ── Owners and rules: each sets them on some touchpoints in the side panel ───────────────
		const editsBy = (who: Who) =>
			PLAN.filter((touchpoint) => touchpoint.editedBy === who && touchpoint.edit);
		const editAll = async (who: Who) => {
			for (const touchpoint of editsBy(who))
				await editTouchpoint(
					page[who],
					touchpoint.stages[0],
					touchpoint.name,
					touchpoint.edit ?? {}
				);
		};
		await Promise.all([editAll('A'), editAll('B')]);
		expect(PLAN.filter((touchpoint) => ownerOf(touchpoint) === null).length).toBeGreaterThan(0);
		expect(PLAN.filter((touchpoint) => ruleOf(touchpoint) === null).length).toBeGreaterThan(0);
		expect(new Set(PLAN.map(ownerOf).filter(Boolean))).toEqual(new Set([A_NAME, B_NAME]));
		// Both maps show each card's owner and rule status: the editor's own, and the other
		// person's open map too, without a reload (the server marks the maps that place it).
		for (const who of ['A', 'B'] as const)
			for (const viewer of ['A', 'B'] as const)
				for (const touchpoint of editsBy(who)) {
					await eventually(
						() => cardStatus(page[viewer], touchpoint.stages[0], touchpoint.name),
						statusText(ownerOf(touchpoint), ruleOf(touchpoint) !== null)
					);
				}
		await shoot(a, 'map-owners-and-rules-a', { wholeMap: true });

		// ── Notifications: each owner named by the other is told, in the bell and the list ───────
		for (const who of ['A', 'B'] as const) {
			const screen = page[who];
			const notices = PLAN.filter(
				(touchpoint) => touchpoint.edit?.owner === nameOf[who] && touchpoint.editedBy !== who
			).map(
				(touchpoint) =>
					`${nameOf[touchpoint.editedBy ?? who]} made you the owner of the touchpoint “${touchpoint.name}”.`
			);
			expect(notices.length).toBeGreaterThan(0);
			// The bell counts after a navigation: open the register from the navigation.
			await screen
				.getByRole('navigation', { name: 'Main navigation' })
				.getByRole('link', { name: 'Touchpoints' })
				.click();
			await screen.getByRole('heading', { level: 1, name: 'Touchpoints' }).waitFor();
			const bell = screen.getByRole('link', { name: `Notifications: ${notices.length} unread` });
			await bell.waitFor({ timeout: LIVE_TIMEOUT_MS });
			await bell.click();
			await screen.getByRole('heading', { level: 1, name: 'Notifications' }).waitFor();
			const shown = (await screen.locator('main li').allTextContents()).map(squash);
			expect(shown).toHaveLength(notices.length);
			for (const notice of notices)
				expect(shown.some((line) => line.startsWith(`New ${notice}`))).toBe(true);
			await shoot(screen, `notifications-${who.toLowerCase()}`);
		}

		// ── The register: rows, marks, coverage overall and per stage ────────────────────────────
		await a
			.getByRole('navigation', { name: 'Main navigation' })
			.getByRole('link', { name: 'Touchpoints' })
			.click();
		await a.getByRole('heading', { level: 1, name: 'Touchpoints' }).waitFor();
		await waitForHydration(a);
		const expectedRows = PLAN.map(expectedRow).sort(byName);
		expect(await registerRows(a)).toEqual(expectedRows);
		// Those without an owner or a rule, and only those, are marked.
		const incomplete = PLAN.filter((touchpoint) => !covered(touchpoint)).map((t) => t.name);
		expect(incomplete.length).toBeGreaterThanOrEqual(2);
		expect(
			(await registerRows(a))
				.filter((row) => row.marked)
				.map((row) => row.name)
				.sort()
		).toEqual([...incomplete].sort());

		const coveredCount = PLAN.filter(covered).length;
		const coverage = percentOf(coveredCount, PLAN.length);
		expect(await coverageHeadline(a)).toEqual({
			percent: `${coverage}%`,
			counts: `(${coveredCount} of ${PLAN.length})`
		});
		const perStage = Object.fromEntries(
			STAGES.map((stage) => {
				const here = PLAN.filter((touchpoint) => touchpoint.stages.includes(stage));
				const done = here.filter(covered).length;
				return [stage, `${percentOf(done, here.length)}% ${done} of ${here.length}`];
			})
		);
		expect(await stageCoverage(a)).toEqual(perStage);
		await shoot(a, 'register');
		// B's register says the same.
		await b
			.getByRole('navigation', { name: 'Main navigation' })
			.getByRole('link', { name: 'Touchpoints' })
			.click();
		await b.getByRole('heading', { level: 1, name: 'Touchpoints' }).waitFor();
		expect(await coverageHeadline(b)).toEqual(await coverageHeadline(a));
		expect(await stageCoverage(b)).toEqual(perStage);

		// Filtering: employee touchpoints, then those of them without an owner; then by words.
		const filters = registerFilters(a);
		const count = a.getByRole('status').filter({ hasText: /of \d+ touchpoints/ });
		const namesWhere = (keep: (touchpoint: Planned) => boolean) =>
			PLAN.filter(keep)
				.sort(byName)
				.map((touchpoint) => touchpoint.name);
		await filters.getByLabel('Type').selectOption('employee');
		const employees = namesWhere((touchpoint) => touchpoint.type === 'employee');
		await eventually(() => registerNames(a), employees);
		await filters.getByLabel('Owner').selectOption({ label: 'Without owner' });
		const employeesWithoutOwner = namesWhere(
			(touchpoint) => touchpoint.type === 'employee' && ownerOf(touchpoint) === null
		);
		expect(employeesWithoutOwner.length).toBeGreaterThan(0);
		await eventually(() => registerNames(a), employeesWithoutOwner);
		expect(squash(await count.textContent())).toContain(
			`${employeesWithoutOwner.length} of ${PLAN.length} touchpoints`
		);
		await shoot(a, 'register-filtered');
		await filters.getByRole('button', { name: 'Clear filters' }).click();
		await eventually(
			() => registerNames(a),
			namesWhere(() => true)
		);
		await filters.getByLabel('Search').fill('call');
		await eventually(
			() => registerNames(a),
			namesWhere((touchpoint) =>
				`${touchpoint.name} ${channelOf(touchpoint)}`.toLowerCase().includes('call')
			)
		);
		await filters.getByRole('button', { name: 'Clear filters' }).click();
		await eventually(
			() => registerNames(a),
			namesWhere(() => true)
		);

		// Sorting by owner: ascending, then descending; rows without an owner last either way.
		const ownerOrder = (descending: boolean) =>
			[...PLAN]
				.sort((x, y) => {
					const left = ownerOf(x);
					const right = ownerOf(y);
					if (left === null || right === null) {
						if (left !== right) return left === null ? 1 : -1;
					} else {
						const order = collator.compare(left, right);
						if (order !== 0) return descending ? -order : order;
					}
					return byName(x, y);
				})
				.map((touchpoint) => touchpoint.name);
		const ownerColumn = a.getByRole('columnheader', { name: /Owner/ });
		await a.getByRole('button', { name: 'Sort by Owner' }).click();
		await eventually(() => registerNames(a), ownerOrder(false));
		expect(await ownerColumn.getAttribute('aria-sort')).toBe('ascending');
		await a.getByRole('button', { name: 'Sort by Owner' }).click();
		await eventually(() => registerNames(a), ownerOrder(true));
		expect(await ownerColumn.getAttribute('aria-sort')).toBe('descending');
		await shoot(a, 'register-sorted-by-owner');

		// ── Files: the register's CSV and the map's SVG, PNG and CSV, through the pages' links ───
		const registerFile = await downloadBy(a.getByRole('link', { name: 'Register as CSV' }));
		expect(registerFile.name).toMatch(/\.csv$/);
		const register = readCsv(registerFile.body);
		expect(register.bom).toBe(true);
		expect(register.crlf).toBe(true);
		expect(register.rows[0]).toEqual([
			'Touchpoint',
			'Type',
			'Kind',
			'Channel',
			'Stages',
			'Owner',
			'Rule',
			'Latest experience',
			'Portraits',
			'Journey maps',
			'Owner and rule',
			'Rule text'
		]);
		expect(register.rows).toHaveLength(1 + PLAN.length);
		expect(register.rows.every((row) => row.length === 12)).toBe(true);
		for (const touchpoint of PLAN) {
			const row = register.rows.find((fields) => fields[0] === touchpoint.name);
			expect(row, touchpoint.name).toBeDefined();
			const rule = ruleOf(touchpoint);
			expect(row?.slice(1, 11)).toEqual([
				TYPE_LABELS[touchpoint.type],
				'',
				channelOf(touchpoint),
				touchpoint.stages.join('; '),
				ownerOf(touchpoint) ?? '',
				rule ? 'yes' : 'no',
				latestExperience(touchpoint),
				SAMPLE.name,
				MAP_TITLE,
				covered(touchpoint) ? 'yes' : 'no'
			]);
			expect(squash(row?.[11])).toBe(rule ?? '');
		}

		await a.goto(mapPath);
		await waitForLive(a);
		await a.getByText('Download', { exact: true }).click();
		const svgFile = await downloadBy(a.getByRole('link', { name: 'SVG image' }));
		const pngFile = await downloadBy(a.getByRole('link', { name: 'PNG image' }));
		const csvFile = await downloadBy(a.getByRole('link', { name: 'CSV table' }));
		expect([svgFile.name, pngFile.name, csvFile.name]).toEqual([
			'Premium-owner-journey.svg',
			'Premium-owner-journey.png',
			'Premium-owner-journey.csv'
		]);

		const svg = await parseSvg(a, svgFile.body.toString('utf8'));
		expect(svg.error).toBe('');
		expect([svg.root, svg.namespace]).toEqual(['svg', 'http://www.w3.org/2000/svg']);
		const drawn = squash(svg.texts.join(' '));
		for (const words of [MAP_TITLE, ...STAGES, ...PLAN.map((t) => t.name), CARDS.pain])
			expect(drawn).toContain(words);
		expect(drawn).not.toContain(REMOVED_STAGE);
		expect(svg.polylines).toBe(1);

		const png = pngHeader(pngFile.body);
		expect(png.signature).toBe(true);
		expect(png.width).toBeGreaterThan(800);
		expect(await decodePng(a, pngFile.body)).toEqual({ width: png.width, height: png.height });

		const table = readCsv(csvFile.body);
		expect(table.bom).toBe(true);
		expect(table.crlf).toBe(true);
		expect(table.rows[0]).toEqual(['Lane', ...STAGES]);
		expect(table.rows.map((row) => row[0])).toEqual(['Lane', ...LANES]);
		expect(table.rows.every((row) => row.length === 1 + STAGES.length)).toBe(true);
		const lane = (name: string) => table.rows.find((row) => row[0] === name)?.slice(1) ?? [];
		expect(lane('Touchpoints').map((cell) => cell.split('\n').filter(Boolean).sort())).toEqual(
			STAGES.map((stage) =>
				PLAN.filter((touchpoint) => touchpoint.stages.includes(stage))
					.map(
						(touchpoint) =>
							`${touchpoint.name} (${ownerOf(touchpoint) ?? 'No owner'}; ${ruleOf(touchpoint) ? 'Rule' : 'No rule'})`
					)
					.sort()
			)
		);
		expect(lane('Experience level')).toEqual(
			STAGES.map((stage) => {
				const value = EXPERIENCE.find((set) => set.stage === stage);
				return value ? LEVEL_LABELS[value.level] : '';
			})
		);
		expect(lane(EMOTION_LANE)).toEqual(
			STAGES.map((stage) => String(EMOTION.find((set) => set.stage === stage)?.score ?? ''))
		);
		expect(lane('Customer actions and thoughts')[0]).toBe(actions);
		expect(lane('Expectations')[0]).toBe(CARDS.expectations);
		expect(lane('Pain points')[2]).toBe(CARDS.pain);
		expect(lane('Service indicators')[3]).toBe(CARDS.indicators);

		// ── On a phone: B signs in anew, the map loads whole and scrolls sideways ─────────────────
		const phone = patient(await browser.newPage({ viewport: PHONE }), 'B phone');
		screens.set('B phone', phone);
		await submitSignIn(phone, accountB.email, accountB.password, noShots);
		await phone.waitForURL((url) => WORKSPACE_HOME.test(url.pathname));
		await phone.goto(mapPath);
		await waitForLive(phone);
		// The map fills in a cell only when it comes near the screen: on a phone the first stage is
		// drawn at once and the last waits until it is scrolled to...
		await gridCell(phone, 'Touchpoints', S1).and(phone.locator('[data-drawn]')).waitFor();
		expect(await gridCell(phone, 'Touchpoints', S5).getAttribute('data-drawn')).toBeNull();
		expect(await gridCell(phone, 'Touchpoints', S5).locator('.touchpoint').count()).toBe(0);
		// ...or until the browser's find in page opens (a keyboard on a tablet): then every cell is
		// drawn, so the search reaches every card.
		await phone.keyboard.press('Control+f');
		await gridCell(phone, 'Touchpoints', S5).and(phone.locator('[data-drawn]')).waitFor();
		expect(
			await phone.locator('[role="gridcell"]:has(> .cell-label):not([data-drawn])').count()
		).toBe(0);
		for (const stage of STAGES)
			await eventually(
				() => touchpointNames(phone, stage),
				PLAN.filter((touchpoint) => touchpoint.stages.includes(stage))
					.map((touchpoint) => touchpoint.name)
					.sort()
			);
		const scroller = grid(phone).locator('xpath=..');
		const [scrollWidth, clientWidth] = await scroller.evaluate((element) => [
			element.scrollWidth,
			element.clientWidth
		]);
		expect(scrollWidth).toBeGreaterThan(clientWidth);
		expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
			PHONE.width
		);
		// A sideways turn of the wheel, a bit at a time, until the third stage's cards start right
		// beside the lane names (a stage is nearly a phone wide, so it shows in part); the lane names
		// stay at the left edge while the stages pass under them.
		const laneHeader = grid(phone).getByRole('rowheader', { name: 'Touchpoints' });
		const thirdStageCard = touchpointCard(phone, S3, 'Purchase contract pack');
		const inView = async () => {
			const [lane, card, box] = await Promise.all([
				laneHeader.boundingBox(),
				thirdStageCard.boundingBox(),
				scroller.boundingBox()
			]);
			if (!lane || !card || !box) return false;
			return (
				Math.abs(lane.x - box.x) <= 2 &&
				card.x >= lane.x + lane.width &&
				card.x + 120 <= box.x + box.width
			);
		};
		// Reading every stage above scrolled the grid; start again from its left edge.
		await scroller.evaluate((element) => element.scrollTo({ left: 0 }));
		await gridCell(phone, 'Touchpoints', S1).hover();
		for (let step = 0; step < 40 && !(await inView()); step++) await phone.mouse.wheel(60, 0);
		expect(await inView()).toBe(true);
		expect(await scroller.evaluate((element) => element.scrollLeft)).toBeGreaterThan(0);
		await shoot(phone, 'phone-map-scrolled-sideways');

		console.info(
			`portrait-journey: coverage ${coverage}% (${coveredCount} of ${PLAN.length}); per stage ${JSON.stringify(perStage)}; screenshots:\n${shoot.saved.join('\n')}`
		);
	}
});
