// The countdown: start, pause, resume, +1 minute and clear, at explicit moments, with the exact
// time left as the session screen reports it.
import { describe, expect, it } from 'vitest';
import { db } from '$lib/server/db';
import { loadSessionContext } from '$lib/server/sessions/access';
import { controlTimer } from '$lib/server/sessions/controls';
import { sessionCore } from '$lib/server/sessions/view';
import { timerSchema } from '$lib/validation/session';
import { sessionRow, sessionWorld } from '../../utils/session-factories';

const T0 = new Date('2030-01-01T10:00:00.000Z');
const at = (ms: number) => new Date(T0.getTime() + ms);
const SECOND = 1000;
const MINUTE = 60 * SECOND;

/** The timer as a participant's screen receives it at `now`. */
async function timerSeenBy(
	actor: Parameters<typeof loadSessionContext>[1],
	sessionId: string,
	now: Date
) {
	return (await sessionCore(db, await loadSessionContext(db, actor, sessionId), now)).timer;
}

describe('controlTimer', () => {
	it('starts, pauses, resumes, adds a minute and clears, to the millisecond', async () => {
		const { sessionId, actors } = await sessionWorld();
		const f = actors.facilitator;

		await controlTimer(db, f, sessionId, { command: 'start', minutes: 5 }, T0);
		expect(await sessionRow(sessionId)).toMatchObject({
			timerEndsAt: at(5 * MINUTE),
			timerRemainingMs: null
		});
		expect(await timerSeenBy(actors.alice, sessionId, at(90 * SECOND))).toEqual({
			endsAt: at(5 * MINUTE).toISOString(),
			remainingMs: 3 * MINUTE + 30 * SECOND,
			running: true
		});

		await controlTimer(db, f, sessionId, { command: 'pause' }, at(100 * SECOND));
		expect(await sessionRow(sessionId)).toMatchObject({
			timerEndsAt: null,
			timerRemainingMs: 200 * SECOND
		});
		// Paused time does not run down, however late one looks.
		expect(await timerSeenBy(actors.alice, sessionId, at(60 * MINUTE))).toEqual({
			endsAt: null,
			remainingMs: 200 * SECOND,
			running: false
		});

		await controlTimer(db, f, sessionId, { command: 'add_minute' }, at(150 * SECOND));
		expect(await sessionRow(sessionId)).toMatchObject({
			timerEndsAt: null,
			timerRemainingMs: 260 * SECOND
		});

		await controlTimer(db, f, sessionId, { command: 'resume' }, at(10 * MINUTE));
		expect(await sessionRow(sessionId)).toMatchObject({
			timerEndsAt: at(10 * MINUTE + 260 * SECOND),
			timerRemainingMs: null
		});
		expect((await timerSeenBy(actors.alice, sessionId, at(11 * MINUTE))).remainingMs).toBe(
			200 * SECOND
		);

		await controlTimer(db, f, sessionId, { command: 'add_minute' }, at(11 * MINUTE));
		expect((await sessionRow(sessionId)).timerEndsAt).toEqual(at(10 * MINUTE + 320 * SECOND));
		expect((await timerSeenBy(actors.alice, sessionId, at(11 * MINUTE))).remainingMs).toBe(
			260 * SECOND
		);

		const cleared = await controlTimer(db, f, sessionId, { command: 'clear' }, at(12 * MINUTE));
		expect(cleared).toMatchObject({ timerEndsAt: null, timerRemainingMs: null, revision: 6 });
		expect(await timerSeenBy(actors.alice, sessionId, at(12 * MINUTE))).toEqual({
			endsAt: null,
			remainingMs: null,
			running: false
		});
	});

	it('+1 minute on an expired timer counts from now, and with no timer starts a one-minute one', async () => {
		const { sessionId, actors } = await sessionWorld();
		await controlTimer(db, actors.facilitator, sessionId, { command: 'add_minute' }, T0);
		expect(await sessionRow(sessionId)).toMatchObject({
			timerEndsAt: at(MINUTE),
			timerRemainingMs: null
		});
		// Long after it ran out, +1 minute gives a minute from now, not from when it ended.
		await controlTimer(
			db,
			actors.facilitator,
			sessionId,
			{ command: 'add_minute' },
			at(30 * MINUTE)
		);
		expect((await sessionRow(sessionId)).timerEndsAt).toEqual(at(31 * MINUTE));
		// Seen after it ran out, the time left is zero, never negative.
		expect(await timerSeenBy(actors.bob, sessionId, at(40 * MINUTE))).toMatchObject({
			remainingMs: 0,
			running: true
		});
	});

	it('pausing an expired timer leaves zero, and starting again replaces a paused one', async () => {
		const { sessionId, actors } = await sessionWorld();
		await controlTimer(db, actors.facilitator, sessionId, { command: 'start', minutes: 1 }, T0);
		await controlTimer(db, actors.facilitator, sessionId, { command: 'pause' }, at(5 * MINUTE));
		expect((await sessionRow(sessionId)).timerRemainingMs).toBe(0);
		await controlTimer(
			db,
			actors.facilitator,
			sessionId,
			{ command: 'start', minutes: 0.5 },
			at(6 * MINUTE)
		);
		expect(await sessionRow(sessionId)).toMatchObject({
			timerEndsAt: at(6 * MINUTE + 30 * SECOND),
			timerRemainingMs: null
		});
	});

	it('refuses to pause a timer that is not running or resume one that is not paused, changing nothing', async () => {
		const { sessionId, actors } = await sessionWorld();
		const before = await sessionRow(sessionId);
		await expect(
			controlTimer(db, actors.facilitator, sessionId, { command: 'pause' }, T0)
		).rejects.toMatchObject({
			code: 'timer_invalid'
		});
		await expect(
			controlTimer(db, actors.facilitator, sessionId, { command: 'resume' }, T0)
		).rejects.toMatchObject({
			code: 'timer_invalid'
		});
		expect(await sessionRow(sessionId)).toEqual(before);

		await controlTimer(db, actors.facilitator, sessionId, { command: 'start', minutes: 3 }, T0);
		const running = await sessionRow(sessionId);
		await expect(
			controlTimer(db, actors.facilitator, sessionId, { command: 'resume' }, at(SECOND))
		).rejects.toMatchObject({
			code: 'timer_invalid'
		});
		expect(await sessionRow(sessionId)).toEqual(running);
	});

	it('takes only sensible commands through timerSchema', () => {
		expect(timerSchema.parse({ command: 'start', minutes: '7' })).toEqual({
			command: 'start',
			minutes: 7
		});
		expect(timerSchema.safeParse({ command: 'start', minutes: '0' }).success).toBe(false);
		expect(timerSchema.safeParse({ command: 'start', minutes: '-5' }).success).toBe(false);
		expect(timerSchema.safeParse({ command: 'start', minutes: '181' }).success).toBe(false);
		expect(timerSchema.safeParse({ command: 'start', minutes: 'soon' }).success).toBe(false);
		expect(timerSchema.safeParse({ command: 'rewind' }).success).toBe(false);
	});
});
