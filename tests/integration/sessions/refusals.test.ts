// Facilitator actions by anyone who does not facilitate the session are refused and change nothing.
import { describe, expect, it } from 'vitest';
import { db } from '$lib/server/db';
import type { SessionActor } from '$lib/server/sessions/access';
import {
	arrangeStages,
	controlTimer,
	goToStage,
	setAnonymity,
	setGuestsAllowed,
	setLocked
} from '$lib/server/sessions/controls';
import { events } from '$lib/server/ports';
import { defaultStages } from '$lib/sessions/stages';
import type { SessionTopic } from '$lib/sessions/types';
import {
	joinGuest,
	participantRows,
	sessionRow,
	sessionWorld
} from '../../utils/session-factories';

/** Every facilitator action, with values that would change the session if allowed. */
const actions: Record<string, (actor: SessionActor, sessionId: string) => Promise<unknown>> = {
	goToStage: (actor, id) => goToStage(db, actor, id, 'criteria'),
	arrangeStages: (actor, id) =>
		arrangeStages(
			db,
			actor,
			id,
			defaultStages()
				.reverse()
				.map((stage) => ({ ...stage, title: 'Renamed' }))
		),
	startTimer: (actor, id) => controlTimer(db, actor, id, { command: 'start', minutes: 5 }),
	addMinute: (actor, id) => controlTimer(db, actor, id, { command: 'add_minute' }),
	clearTimer: (actor, id) => controlTimer(db, actor, id, { command: 'clear' }),
	lock: (actor, id) => setLocked(db, actor, id, true),
	anonymity: (actor, id) => setAnonymity(db, actor, id, 'off'),
	openToGuests: (actor, id) => setGuestsAllowed(db, actor, id, true),
	closeToGuests: (actor, id) => setGuestsAllowed(db, actor, id, false)
};

describe('facilitator actions by others', () => {
	it('are refused for participants, guests, non-participants and other workspaces, and nothing changes', async () => {
		const { sessionId, actors } = await sessionWorld({ allowGuests: true, anonymity: 'full' });
		const guest = await joinGuest(sessionId, 'Gina Guest');
		const rowBefore = await sessionRow(sessionId);
		const peopleBefore = await participantRows(sessionId);
		const heard: SessionTopic[] = [];
		const stop = events.subscribe(sessionId, (topic) => heard.push(topic));

		const expected: [SessionActor, string][] = [
			[actors.alice, 'forbidden'],
			[actors.bob, 'forbidden'],
			[guest.actor, 'forbidden'],
			[actors.outsider, 'session_not_participant'],
			[actors.stranger, 'forbidden']
		];
		for (const [actor, code] of expected)
			for (const [name, act] of Object.entries(actions))
				await expect(act(actor, sessionId), `${actor.name}: ${name}`).rejects.toMatchObject({
					code
				});

		stop();
		expect(await sessionRow(sessionId)).toEqual(rowBefore);
		expect(await participantRows(sessionId)).toEqual(peopleBefore);
		// Nobody's screen was told of a change.
		expect(heard).toEqual([]);
	});
});
