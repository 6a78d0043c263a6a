// "I'm done": recorded against the current stage, so it counts only on that stage and moving the
// session on resets it for everyone. On stage 1 there is one idea of progress: being done is having
// submitted one's own definition, and the same count shows as done and as submitted.
import { describe, expect, it } from 'vitest';
import { db } from '$lib/server/db';
import { loadSessionContext, type SessionActor } from '$lib/server/sessions/access';
import { goToStage, markDone } from '$lib/server/sessions/controls';
import {
	definitionsView,
	saveOwnDefinition,
	withdrawOwnDefinition
} from '$lib/server/sessions/definitions';
import { events } from '$lib/server/ports';
import { sessionCore } from '$lib/server/sessions/view';
import type { SessionTopic } from '$lib/sessions/types';
import {
	joinGuest,
	participantRows,
	sessionRow,
	sessionWorld
} from '../../utils/session-factories';

async function doneNames(viewer: SessionActor, sessionId: string) {
	const core = await sessionCore(db, await loadSessionContext(db, viewer, sessionId));
	return core.participants
		.filter((p) => p.done)
		.map((p) => p.name)
		.sort();
}

describe('markDone', () => {
	it('records the current stage, shows on every screen, and can be taken back', async () => {
		const { sessionId, actors } = await sessionWorld({ allowGuests: true });
		const guest = await joinGuest(sessionId, 'Gina Guest');
		await goToStage(db, actors.facilitator, sessionId, 'themes');
		const revision = (await sessionRow(sessionId)).revision;
		const heard: SessionTopic[] = [];
		const stop = events.subscribe(sessionId, (topic) => heard.push(topic));
		await markDone(db, actors.alice, sessionId, true);
		await markDone(db, guest.actor, sessionId, true);
		stop();
		expect(heard).toEqual(['presence', 'presence']);

		const rows = await participantRows(sessionId);
		const alice = await loadSessionContext(db, actors.alice, sessionId);
		expect(rows.find((p) => p.id === alice.participant.id)?.doneStage).toBe('themes');
		expect(rows.find((p) => p.id === guest.participantId)?.doneStage).toBe('themes');
		expect(await doneNames(actors.facilitator, sessionId)).toEqual([
			'Alice Andreeva',
			'Gina Guest'
		]);
		expect(await doneNames(actors.bob, sessionId)).toEqual(['Alice Andreeva', 'Gina Guest']);
		expect((await sessionCore(db, alice)).me.done).toBe(true);

		await markDone(db, actors.alice, sessionId, false);
		expect(await doneNames(actors.facilitator, sessionId)).toEqual(['Gina Guest']);
		expect(
			(await sessionCore(db, await loadSessionContext(db, actors.alice, sessionId))).me.done
		).toBe(false);
		// Marking done does not touch the session row.
		expect((await sessionRow(sessionId)).revision).toBe(revision);
	});

	it('is reset by moving to another stage, and then counts on the new stage', async () => {
		const { sessionId, actors } = await sessionWorld();
		await goToStage(db, actors.facilitator, sessionId, 'themes');
		await markDone(db, actors.alice, sessionId, true);
		await markDone(db, actors.bob, sessionId, true);
		expect(await doneNames(actors.facilitator, sessionId)).toEqual([
			'Alice Andreeva',
			'Bob Borisov'
		]);

		await goToStage(db, actors.facilitator, sessionId, 'criteria');
		expect(await doneNames(actors.facilitator, sessionId)).toEqual([]);
		const bob = await sessionCore(db, await loadSessionContext(db, actors.bob, sessionId));
		expect(bob.me.done).toBe(false);

		await markDone(db, actors.bob, sessionId, true);
		const bobRow = (await participantRows(sessionId)).find((p) => p.id === bob.me.participantId);
		expect(bobRow?.doneStage).toBe('criteria');
		expect(await doneNames(actors.alice, sessionId)).toEqual(['Bob Borisov']);
	});

	it('on stage 1 is having submitted one’s definition, and counts the same as the submissions', async () => {
		const { sessionId, actors } = await sessionWorld();
		await expect(markDone(db, actors.alice, sessionId, true)).rejects.toMatchObject({
			code: 'done_by_submitting'
		});
		const heard: SessionTopic[] = [];
		const stop = events.subscribe(sessionId, (topic) => heard.push(topic));
		await saveOwnDefinition(
			db,
			actors.alice,
			sessionId,
			{ text: 'Partners, not targets', roleTag: 'Sales' },
			true
		);
		await saveOwnDefinition(
			db,
			actors.bob,
			sessionId,
			{ text: 'Still thinking', roleTag: '' },
			false
		);
		stop();
		expect(heard).toContain('presence');
		expect(await doneNames(actors.facilitator, sessionId)).toEqual(['Alice Andreeva']);
		const view = await definitionsView(
			db,
			await loadSessionContext(db, actors.facilitator, sessionId)
		);
		expect(view.submissions.filter((s) => s.submitted).map((s) => s.name)).toEqual([
			'Alice Andreeva'
		]);
		const alice = await sessionCore(db, await loadSessionContext(db, actors.alice, sessionId));
		expect(alice.me.done).toBe(true);

		await withdrawOwnDefinition(db, actors.alice, sessionId);
		expect(await doneNames(actors.bob, sessionId)).toEqual([]);
	});

	it('is refused to people who are not in the session', async () => {
		const { sessionId, actors } = await sessionWorld();
		const before = await participantRows(sessionId);
		await expect(markDone(db, actors.outsider, sessionId, true)).rejects.toMatchObject({
			code: 'session_not_participant'
		});
		await expect(markDone(db, actors.stranger, sessionId, true)).rejects.toMatchObject({
			code: 'forbidden'
		});
		expect(await participantRows(sessionId)).toEqual(before);
	});
});
