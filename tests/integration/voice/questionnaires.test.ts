// Part D's customer questionnaires: editors open and close one per touchpoint; customers answer
// without an account through its public link, bounded and rate-limited, anonymous unless they
// consent; every member reads the figures, only editors see a consenting customer's contact.
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db } from '$lib/server/db';
import { customerAnswers, touchpoints } from '$lib/server/db/schema';
import { createTouchpoint, getTouchpoint } from '$lib/server/touchpoints/touchpoints';
import { AnswerRateLimit, ANSWER_BURST } from '$lib/server/voice/answer-rate';
import { submitAnswer, type AnswerInput } from '$lib/server/voice/answers';
import { recentComments, touchpointFigures } from '$lib/server/voice/figures';
import {
	closeQuestionnaire,
	openQuestionnaire,
	publicQuestionnaire,
	touchpointQuestionnaire
} from '$lib/server/voice/questionnaires';
import { COMMENT_MAX, MIN_ANSWERS } from '$lib/voice/model';
import * as answerPage from '../../../src/routes/(public)/q/[token]/+page.server';
import { eventOf, formPost, journeyWorld, localsOf } from '../journeys/world';

type AnswerLoad = Parameters<typeof answerPage.load>[0];
type AnswerAction = Parameters<typeof answerPage.actions.default>[0];

const answer = (overrides: Partial<AnswerInput> = {}): AnswerInput => ({
	level: 'meets',
	ratings: {},
	expected: '',
	comment: '',
	contact: false,
	contactName: '',
	contactAddress: '',
	language: 'ru',
	honeypot: '',
	...overrides
});

async function callCentre(options: { askContact?: boolean } = {}) {
	const world = await journeyWorld();
	const { anna } = world.accounts;
	const touchpoint = await createTouchpoint(db, anna.userId, world.workspaceId, {
		name: 'Call centre line',
		type: 'business',
		kind: 'phone',
		channel: 'phone'
	});
	const opened = await openQuestionnaire(db, anna.userId, world.workspaceId, touchpoint.id, {
		criteria: ['availability', 'lead_time'],
		askContact: options.askContact ?? false
	});
	const questionnaire = (await publicQuestionnaire(db, opened.token))!;
	const limit = new AnswerRateLimit();
	let address = 0;
	// Each answer from a new address unless one is given, so the rate limit stays out of the way.
	const send = (input: AnswerInput, addressHash = `address-${address++}`) =>
		submitAnswer(db, questionnaire, input, { addressHash, limit });
	return { world, touchpoint, opened, questionnaire, send, limit };
}

async function refused(work: Promise<unknown>) {
	return work.then(
		() => null,
		(error: { code?: string; status?: number; field?: string }) => error
	);
}

describe('opening and closing a questionnaire', () => {
	it('lets editors open one per touchpoint; readers and strangers cannot', async () => {
		const { world, touchpoint, opened } = await callCentre();
		const { anna, reader, stranger } = world.accounts;
		expect(opened).toMatchObject({ open: true, criteria: ['availability', 'lead_time'] });
		expect(opened.token.length).toBeGreaterThanOrEqual(16);
		expect(
			await refused(
				openQuestionnaire(db, anna.userId, world.workspaceId, touchpoint.id, {
					criteria: [],
					askContact: false
				})
			)
		).toMatchObject({ code: 'questionnaire_open' });
		for (const who of [reader, stranger])
			expect(
				await refused(
					openQuestionnaire(db, who.userId, world.workspaceId, touchpoint.id, {
						criteria: [],
						askContact: false
					})
				)
			).toMatchObject({ code: 'forbidden' });
		expect(
			await refused(closeQuestionnaire(db, reader.userId, world.workspaceId, touchpoint.id))
		).toMatchObject({ code: 'forbidden' });
		expect(
			await touchpointQuestionnaire(db, reader.userId, world.workspaceId, touchpoint.id)
		).toMatchObject({
			open: true
		});
	});

	it('a closed questionnaire takes no answer and a new one can be opened', async () => {
		const { world, touchpoint, send, opened } = await callCentre();
		const { anna } = world.accounts;
		expect(await send(answer())).toBe('stored');
		await closeQuestionnaire(db, anna.userId, world.workspaceId, touchpoint.id);
		const closed = (await publicQuestionnaire(db, opened.token))!;
		expect(closed.open).toBe(false);
		// An answer to the questionnaire as read while it was open (another instance may keep that
		// read for a moment) is refused by its insert, which checks the questionnaire is still open.
		expect(await refused(send(answer()))).toMatchObject({
			code: 'questionnaire_closed',
			status: 410
		});
		expect(
			await refused(
				submitAnswer(db, closed, answer(), { addressHash: 'x', limit: new AnswerRateLimit() })
			)
		).toMatchObject({ code: 'questionnaire_closed', status: 410 });
		const again = await openQuestionnaire(db, anna.userId, world.workspaceId, touchpoint.id, {
			criteria: [],
			askContact: false
		});
		expect(again.token).not.toBe(opened.token);
		// The closed questionnaire's answer still counts.
		const figures = await touchpointFigures(db, touchpoint.id);
		expect(figures.total).toBe(1);
	});
});

describe('the public answer page', () => {
	it('keeps its questionnaire for a moment, and closing it shows the closed page at once', async () => {
		const { world, touchpoint, opened } = await callCentre();
		const { anna } = world.accounts;
		const params = { token: opened.token };
		const url = `/q/${opened.token}`;
		const page = () =>
			answerPage.load({
				...eventOf<AnswerLoad>(localsOf(anna), url, params),
				setHeaders: () => {}
			}) as Promise<{ open: boolean; touchpointName: string }>;
		const post = (fields: Record<string, string>) =>
			answerPage.actions.default({
				...eventOf<AnswerAction>(localsOf(anna), url, params, formPost(fields)),
				getClientAddress: () => '198.51.100.7'
			});
		expect(await page()).toMatchObject({ open: true, touchpointName: 'Call centre line' });
		// Kept: a change the page does not go through is not seen for a moment…
		await db
			.update(touchpoints)
			.set({ name: 'Renamed line' })
			.where(eq(touchpoints.id, touchpoint.id));
		expect(await page()).toMatchObject({ touchpointName: 'Call centre line' });
		expect(await post({ level: 'meets' })).toEqual({ thanks: true });
		// …but closing forgets it: the page shows it closed, and an answer is refused.
		await closeQuestionnaire(db, anna.userId, world.workspaceId, touchpoint.id);
		expect(await page()).toMatchObject({ open: false, touchpointName: 'Renamed line' });
		expect(await post({ level: 'meets' })).toMatchObject({
			status: 410,
			data: { errors: { form: ['questionnaire_closed'] } }
		});
		const stored = await db
			.select()
			.from(customerAnswers)
			.where(eq(customerAnswers.touchpointId, touchpoint.id));
		expect(stored).toHaveLength(1);
	});
});

describe('answering', () => {
	it('refuses bad input with a clear code and stores nothing', async () => {
		const { send, touchpoint } = await callCentre();
		const cases: [Partial<AnswerInput>, string][] = [
			[{ level: '' }, 'answer_level_required'],
			[{ level: 'ecstatic' }, 'answer_level_required'],
			[{ comment: 'x'.repeat(COMMENT_MAX + 1) }, 'text_too_long'],
			[{ ratings: { availability: '6' } }, 'answer_rating_invalid'],
			[{ ratings: { availability: '2.5' } }, 'answer_rating_invalid'],
			// Price was not asked.
			[{ ratings: { price: '3' } }, 'answer_rating_invalid'],
			[{ language: 'de' as never }, 'language_unknown']
		];
		for (const [input, code] of cases)
			expect(await refused(send(answer(input))), JSON.stringify(input)).toMatchObject({ code });
		const rows = await db
			.select()
			.from(customerAnswers)
			.where(eq(customerAnswers.touchpointId, touchpoint.id));
		expect(rows).toEqual([]);
	});

	it('stores text as text, without control characters, and drops what a bot sends in the trap field', async () => {
		const { send, touchpoint } = await callCentre();
		expect(
			await send(
				answer({
					comment: '<script>alert(1)</script>\u0000 Ждала одиннадцать минут',
					ratings: { availability: '2', lead_time: '' }
				})
			)
		).toBe('stored');
		expect(await send(answer({ honeypot: 'http://spam.example' }))).toBe('dropped');
		const rows = await db
			.select()
			.from(customerAnswers)
			.where(eq(customerAnswers.touchpointId, touchpoint.id));
		expect(rows).toHaveLength(1);
		expect(rows[0]).toMatchObject({
			comment: '<script>alert(1)</script> Ждала одиннадцать минут',
			ratings: { availability: 2 },
			language: 'ru'
		});
	});

	it('slows one address down without stopping the others', async () => {
		const { send } = await callCentre();
		for (let i = 0; i < ANSWER_BURST; i++)
			expect(await send(answer(), 'clinic-wifi')).toBe('stored');
		expect(await refused(send(answer(), 'clinic-wifi'))).toMatchObject({
			code: 'answer_rate_limited',
			status: 429
		});
		expect(await send(answer(), 'home')).toBe('stored');
	});

	it('keeps contact details only with consent, and shows them to editors, never to readers', async () => {
		const { world, touchpoint, send } = await callCentre({ askContact: true });
		const { anna, reader } = world.accounts;
		await send(
			answer({
				comment: 'Call me',
				contact: true,
				contactName: 'Olga',
				contactAddress: '+359 88 123'
			})
		);
		await send(
			answer({ comment: 'Anonymous', contact: false, contactAddress: 'leak@example.com' })
		);
		expect(await refused(send(answer({ contact: true, contactAddress: ' ' })))).toMatchObject({
			code: 'answer_contact_required',
			field: 'contactAddress'
		});
		const rows = await db
			.select()
			.from(customerAnswers)
			.where(eq(customerAnswers.touchpointId, touchpoint.id));
		expect(rows.map((r) => r.contactAddress).sort()).toEqual(['+359 88 123', null]);

		const forEditor = await recentComments(db, anna.userId, world.workspaceId, touchpoint.id);
		expect(forEditor.find((c) => c.comment === 'Call me')?.contact).toEqual({
			name: 'Olga',
			address: '+359 88 123'
		});
		const forReader = await recentComments(db, reader.userId, world.workspaceId, touchpoint.id);
		expect(forReader.map((c) => c.comment).sort()).toEqual(['Anonymous', 'Call me']);
		expect(forReader.every((c) => c.contact === null)).toBe(true);
		expect(JSON.stringify(forReader)).not.toContain('359');
	});

	it('ignores contact details when the questionnaire does not ask for them', async () => {
		const { touchpoint, send } = await callCentre({ askContact: false });
		await send(answer({ contact: true, contactName: 'Ivan', contactAddress: 'ivan@example.com' }));
		const [row] = await db
			.select()
			.from(customerAnswers)
			.where(eq(customerAnswers.touchpointId, touchpoint.id));
		expect(row).toMatchObject({ contactName: null, contactAddress: null });
	});
});

describe('figures', () => {
	it('counts the four levels, says when there are too few, and averages the ratings', async () => {
		const { world, touchpoint, send } = await callCentre();
		const { reader, stranger } = world.accounts;
		await send(answer({ level: 'below', ratings: { availability: '1' } }));
		await send(answer({ level: 'below', ratings: { availability: '2', lead_time: '4' } }));
		await send(answer({ level: 'exceeds' }));
		let figures = await touchpointFigures(db, touchpoint.id);
		expect(figures).toMatchObject({
			total: 3,
			tooFew: true,
			counts: { below: 2, indifferent: 0, meets: 0, exceeds: 1 },
			ratings: [
				{ criterion: 'availability', mean: 1.5, count: 2 },
				{ criterion: 'lead_time', mean: 4, count: 1 }
			]
		});
		expect(figures.months).toHaveLength(1);
		expect(figures.months[0]).toMatchObject({ total: 3, satisfied: 1 });
		for (let i = 3; i < MIN_ANSWERS; i++) await send(answer({ level: 'meets' }));
		figures = await touchpointFigures(db, touchpoint.id);
		expect(figures).toMatchObject({ total: MIN_ANSWERS, tooFew: false });
		// The touchpoint page reads the figures only once getTouchpoint has let the member in:
		// every member, readers included, and no stranger.
		expect((await getTouchpoint(db, reader.userId, world.workspaceId, touchpoint.id)).id).toBe(
			touchpoint.id
		);
		expect(
			await refused(getTouchpoint(db, stranger.userId, world.workspaceId, touchpoint.id))
		).toMatchObject({ code: 'forbidden' });
	});
});

describe('our view against theirs', () => {
	it('every member gives one view per touchpoint (replaced when given again), and the gap compares the means', async () => {
		const { world, touchpoint, send } = await callCentre();
		const { anna, maria, reader, stranger } = world.accounts;
		const { assessTouchpoint, staffView } = await import('$lib/server/voice/self-assessment');
		const { gapOf } = await import('$lib/voice/model');
		await send(answer({ level: 'below' }));
		await send(answer({ level: 'indifferent' }));
		await assessTouchpoint(db, anna.userId, world.workspaceId, touchpoint.id, {
			level: 'indifferent',
			comment: ''
		});
		// Anna changes her mind: her view is replaced, not added.
		await assessTouchpoint(db, anna.userId, world.workspaceId, touchpoint.id, {
			level: 'exceeds',
			comment: 'We always call back.'
		});
		await assessTouchpoint(db, reader.userId, world.workspaceId, touchpoint.id, {
			level: 'meets',
			comment: ''
		});
		expect(
			await refused(
				assessTouchpoint(db, stranger.userId, world.workspaceId, touchpoint.id, {
					level: 'meets',
					comment: ''
				})
			)
		).toMatchObject({ code: 'forbidden' });
		expect(
			await refused(
				assessTouchpoint(db, maria.userId, world.workspaceId, touchpoint.id, {
					level: 'great',
					comment: ''
				})
			)
		).toMatchObject({ code: 'answer_level_required' });

		const staff = await staffView(db, touchpoint.id, anna.userId);
		expect(staff).toMatchObject({
			total: 2,
			counts: { below: 0, indifferent: 0, meets: 1, exceeds: 1 },
			mean: 3.5,
			mine: { level: 'exceeds', comment: 'We always call back.' }
		});
		const customers = await touchpointFigures(db, touchpoint.id);
		expect(customers.mean).toBe(1.5);
		// We think we do two levels better than customers say.
		expect(gapOf(customers.mean, staff.mean)).toEqual({
			value: 2,
			customerMean: 1.5,
			staffMean: 3.5
		});
		expect(gapOf(null, staff.mean).value).toBeNull();
		// The register carries the same figures, so it can sort by the largest gap.
		const { buildRegister } = await import('$lib/server/touchpoints/register');
		const register = await buildRegister(db, reader.userId, world.workspaceId);
		expect(register.rows.find((row) => row.id === touchpoint.id)?.voice).toEqual({
			answers: 2,
			customerMean: 1.5,
			staffMean: 3.5,
			gap: 2
		});
	});
});

describe('improvement actions', () => {
	it('editors create an owned action, the owner is told and moves it on, and done shows before and after', async () => {
		const { world, touchpoint, send } = await callCentre();
		const { anna, maria, reader, stranger } = world.accounts;
		const { createAction, listActions, setActionStatus } =
			await import('$lib/server/voice/actions');
		const { listNotifications } = await import('$lib/server/notifications/notifications');
		const input = {
			title: 'Call back within an hour',
			criterion: 'lead_time',
			ownerId: reader.userId,
			dueOn: '2020-01-31'
		};
		expect(
			await refused(createAction(db, reader.userId, world.workspaceId, touchpoint.id, input))
		).toMatchObject({
			code: 'forbidden'
		});
		expect(
			await refused(
				createAction(db, anna.userId, world.workspaceId, touchpoint.id, { ...input, title: ' ' })
			)
		).toMatchObject({ code: 'text_required', field: 'title' });
		expect(
			await refused(
				createAction(db, anna.userId, world.workspaceId, touchpoint.id, {
					...input,
					ownerId: stranger.userId
				})
			)
		).toMatchObject({ code: 'owner_unknown' });
		const id = await createAction(db, anna.userId, world.workspaceId, touchpoint.id, input);
		const notices = await listNotifications(db, reader.userId, world.workspaceId);
		expect(notices[0]).toMatchObject({
			kind: 'action_assigned',
			subjectId: touchpoint.id,
			payload: { name: 'Call back within an hour', touchpoint: 'Call centre line' }
		});
		let [action] = await listActions(
			db,
			reader.userId,
			world.workspaceId,
			touchpoint.id,
			'2020-02-01'
		);
		expect(action).toMatchObject({
			status: 'planned',
			overdue: true,
			ownerName: 'Rita Reader',
			beforeAfter: null
		});

		await send(answer({ level: 'below' }));
		await send(answer({ level: 'indifferent' }));
		// Maria (an editor who does not own it) may not be stopped; a stranger is.
		expect(
			await refused(
				setActionStatus(db, stranger.userId, world.workspaceId, touchpoint.id, id, 'done')
			)
		).toMatchObject({ code: 'forbidden' });
		await setActionStatus(db, maria.userId, world.workspaceId, touchpoint.id, id, 'in_progress');
		// The owner is a reader, and may still move the action they own on.
		await setActionStatus(db, reader.userId, world.workspaceId, touchpoint.id, id, 'done');
		await send(answer({ level: 'meets' }));
		await send(answer({ level: 'exceeds' }));
		await send(answer({ level: 'meets' }));
		[action] = await listActions(db, anna.userId, world.workspaceId, touchpoint.id, '2020-02-01');
		expect(action).toMatchObject({ status: 'done', overdue: false });
		expect(action.beforeAfter).toEqual({
			before: { total: 2, mean: 1.5, satisfied: 0 },
			after: { total: 3, mean: 3.33, satisfied: 3 }
		});
	});
});

describe('interviews and focus groups', () => {
	it('editors record them; every member reads the summary and quotes, only editors the customers asked', async () => {
		const { world, touchpoint } = await callCentre();
		const { anna, reader } = world.accounts;
		const { listInterviews, recordInterview } = await import('$lib/server/voice/interviews');
		const focusGroup = {
			kind: 'focus_group',
			heldOn: '2026-11-20',
			participants: 'Olga Petrova\nIvan Georgiev\n\n',
			thanked: true,
			summary: 'Loyal patients want a call back within the hour.',
			quotes: 'I called three times.\nThe nurse remembered me.',
			criteria: ['availability', 'lead_time'],
			level: 'indifferent'
		};
		expect(
			await refused(
				recordInterview(db, reader.userId, world.workspaceId, touchpoint.id, focusGroup)
			)
		).toMatchObject({ code: 'forbidden' });
		expect(
			await refused(
				recordInterview(db, anna.userId, world.workspaceId, touchpoint.id, {
					...focusGroup,
					summary: ' '
				})
			)
		).toMatchObject({ code: 'text_required', field: 'summary' });
		expect(
			await refused(
				recordInterview(db, anna.userId, world.workspaceId, touchpoint.id, {
					...focusGroup,
					criteria: ['speed']
				})
			)
		).toMatchObject({ code: 'invalid_input', field: 'criteria' });
		await recordInterview(db, anna.userId, world.workspaceId, touchpoint.id, focusGroup);
		const [forEditor] = await listInterviews(db, anna.userId, world.workspaceId, touchpoint.id);
		expect(forEditor).toMatchObject({
			kind: 'focus_group',
			participants: ['Olga Petrova', 'Ivan Georgiev'],
			participantCount: 2,
			thanked: true,
			quotes: ['I called three times.', 'The nurse remembered me.'],
			level: 'indifferent'
		});
		const [forReader] = await listInterviews(db, reader.userId, world.workspaceId, touchpoint.id);
		expect(forReader).toMatchObject({
			participants: [],
			participantCount: 2,
			summary: focusGroup.summary
		});
		expect(JSON.stringify(forReader)).not.toContain('Olga');
	});
});

describe('the customer experience export', () => {
	it('lists every touchpoint with the four levels, both means, the gap and the actions, largest gap first', async () => {
		const { world, touchpoint, send } = await callCentre();
		const { anna, stranger } = world.accounts;
		const { assessTouchpoint } = await import('$lib/server/voice/self-assessment');
		const { createAction } = await import('$lib/server/voice/actions');
		const { experienceRows } = await import('$lib/server/voice/experience');
		const { experienceCsv } = await import('$lib/server/voice/experience-csv');
		const quiet = await createTouchpoint(db, anna.userId, world.workspaceId, {
			name: '=HYPERLINK("x")',
			type: 'business',
			kind: 'website',
			channel: 'web'
		});
		await send(answer({ level: 'below' }));
		await send(answer({ level: 'meets' }));
		await assessTouchpoint(db, anna.userId, world.workspaceId, touchpoint.id, {
			level: 'exceeds',
			comment: ''
		});
		await createAction(db, anna.userId, world.workspaceId, touchpoint.id, {
			title: 'Call back within an hour',
			criterion: '',
			ownerId: '',
			dueOn: ''
		});
		const rows = await experienceRows(db, anna.userId, world.workspaceId);
		expect(rows.map((row) => row.id)).toEqual([touchpoint.id, quiet.id]);
		expect(rows[0]).toMatchObject({
			answers: 2,
			counts: { below: 1, indifferent: 0, meets: 1, exceeds: 0 },
			customerMean: 2,
			staffMean: 4,
			gap: 2,
			actionsOpen: 1,
			actionsDone: 0
		});
		const csv = experienceCsv(rows, 'ru');
		const lines = csv.replace('\uFEFF', '').split('\r\n');
		expect(lines[0]).toContain('Ниже ожиданий');
		expect(lines[1]).toBe('Call centre line,2,1,0,1,0,2,4,2,1,0');
		// A name that looks like a formula is neutralized for spreadsheets.
		expect(lines[2]).toMatch(/^"'=HYPERLINK\(""x""\)",0,/);
		expect(await refused(experienceRows(db, stranger.userId, world.workspaceId))).toMatchObject({
			code: 'forbidden'
		});
	});
});

describe('competitors', () => {
	it("editors record an estimate per criterion with its source; every member reads them beside our customers' rating", async () => {
		const { world, touchpoint } = await callCentre();
		const { anna, reader } = world.accounts;
		const { estimateCompetitor, listCompetitorEstimates } =
			await import('$lib/server/voice/competitors');
		const estimate = {
			competitor: 'City Family Clinic',
			criterion: 'lead_time',
			estimate: '4',
			source: 'mystery call, three calls in one week'
		};
		expect(
			await refused(
				estimateCompetitor(db, reader.userId, world.workspaceId, touchpoint.id, estimate)
			)
		).toMatchObject({ code: 'forbidden' });
		for (const [bad, code] of [
			[{ estimate: '6' }, 'answer_rating_invalid'],
			[{ estimate: 'four' }, 'answer_rating_invalid'],
			[{ criterion: 'speed' }, 'invalid_input'],
			[{ competitor: '  ' }, 'text_required']
		] as const)
			expect(
				await refused(
					estimateCompetitor(db, anna.userId, world.workspaceId, touchpoint.id, {
						...estimate,
						...bad
					})
				)
			).toMatchObject({ code });
		await estimateCompetitor(db, anna.userId, world.workspaceId, touchpoint.id, estimate);
		expect(
			await listCompetitorEstimates(db, reader.userId, world.workspaceId, touchpoint.id)
		).toEqual([
			expect.objectContaining({
				competitor: 'City Family Clinic',
				criterion: 'lead_time',
				estimate: 4
			})
		]);
	});
});
