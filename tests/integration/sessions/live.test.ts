// Live updates within the process: presence counted per open connection (several tabs, releasing
// twice is harmless), and the change notices actions publish to every open screen of a session.
import { describe, expect, it } from 'vitest';
import { db } from '$lib/server/db';
import { goToStage, markDone } from '$lib/server/sessions/controls';
import { saveOwnDefinition, withdrawOwnDefinition } from '$lib/server/sessions/definitions';
import { events } from '$lib/server/ports';
import type { SessionTopic } from '$lib/sessions/types';
import { joinGuest, sessionWorld } from '../../utils/session-factories';

/** Records the topics a session publishes until stopped. */
function listen(sessionId: string) {
	const heard: SessionTopic[] = [];
	const stop = events.subscribe(sessionId, (topic) => heard.push(topic));
	return { heard, stop };
}

describe('presence', () => {
	it('counts each open connection, so a person stays present until their last tab closes', async () => {
		const session = 'presence-tabs';
		const { heard, stop } = listen(session);
		const firstTab = events.trackPresence(session, 'alice');
		const secondTab = events.trackPresence(session, 'alice');
		const bobTab = events.trackPresence(session, 'bob');
		expect(await events.presentParticipants(session)).toEqual(new Set(['alice', 'bob']));
		// Only arrivals that change who is here are announced.
		expect(heard).toEqual(['presence', 'presence']);

		firstTab();
		expect(await events.presentParticipants(session)).toEqual(new Set(['alice', 'bob']));
		expect(heard).toHaveLength(2);
		// Releasing the same tab again must not count as another tab closing.
		firstTab();
		firstTab();
		expect(await events.presentParticipants(session)).toEqual(new Set(['alice', 'bob']));
		expect(heard).toHaveLength(2);

		secondTab();
		expect(await events.presentParticipants(session)).toEqual(new Set(['bob']));
		expect(heard).toEqual(['presence', 'presence', 'presence']);
		secondTab();
		bobTab();
		bobTab();
		expect(await events.presentParticipants(session)).toEqual(new Set());
		expect(heard).toEqual(['presence', 'presence', 'presence', 'presence']);

		// Coming back after everyone left works as the first time.
		const again = events.trackPresence(session, 'alice');
		expect(await events.presentParticipants(session)).toEqual(new Set(['alice']));
		again();
		stop();
		expect(await events.presentParticipants(session)).toEqual(new Set());
	});

	it('keeps sessions apart, and the returned set is a copy', async () => {
		const releaseA = events.trackPresence('presence-a', 'p1');
		const releaseB = events.trackPresence('presence-b', 'p2');
		expect(await events.presentParticipants('presence-a')).toEqual(new Set(['p1']));
		expect(await events.presentParticipants('presence-b')).toEqual(new Set(['p2']));
		expect(await events.presentParticipants('presence-none')).toEqual(new Set());
		(await events.presentParticipants('presence-a')).add('intruder');
		expect(await events.presentParticipants('presence-a')).toEqual(new Set(['p1']));
		releaseA();
		releaseB();
		expect(await events.presentParticipants('presence-a')).toEqual(new Set());
	});
});

describe('publish and subscribe', () => {
	it('delivers to every listener of that session only, until they stop', () => {
		const one = listen('pub-1');
		const two = listen('pub-1');
		const other = listen('pub-2');
		events.publish('pub-1', 'session');
		events.publish('pub-2', 'definitions');
		one.stop();
		events.publish('pub-1', 'presence');
		two.stop();
		other.stop();
		events.publish('pub-1', 'session');
		expect(one.heard).toEqual(['session']);
		expect(two.heard).toEqual(['session', 'presence']);
		expect(other.heard).toEqual(['definitions']);
		// Stopping twice is harmless too.
		one.stop();
	});

	it('hears what the session services publish', async () => {
		const { sessionId, actors } = await sessionWorld({ allowGuests: true });
		const { heard, stop } = listen(sessionId);
		await joinGuest(sessionId, 'Gina Guest');
		expect(heard).toEqual(['presence']);
		// Autosaving tells nobody (nobody else may see a draft); submitting and withdrawing do, and
		// change who is done on stage 1.
		await saveOwnDefinition(db, actors.alice, sessionId, { text: 'Draft', roleTag: '' }, false);
		expect(heard).toEqual(['presence']);
		await saveOwnDefinition(db, actors.alice, sessionId, { text: 'Final', roleTag: '' }, true);
		await withdrawOwnDefinition(db, actors.alice, sessionId);
		const stageOne = ['presence', 'definitions', 'presence', 'definitions', 'presence'];
		expect(heard).toEqual(stageOne);
		await goToStage(db, actors.facilitator, sessionId, 'themes');
		await markDone(db, actors.bob, sessionId, true);
		expect(heard).toEqual([...stageOne, 'session', 'presence']);
		stop();
		await goToStage(db, actors.facilitator, sessionId, 'criteria');
		expect(heard).toHaveLength(stageOne.length + 2);
	});
});

describe('a stale unsubscribe', () => {
	// The events endpoint's stop() can run more than once for one stream (request abort, stream
	// cancel, a failed heartbeat send), possibly after another screen has subscribed since. The
	// second call must not take the newer screen's listener with it.
	it('called again after the last listener left and a new one came does not silence the new one', () => {
		const first = listen('stale-unsubscribe');
		first.stop();
		const second = listen('stale-unsubscribe');
		first.stop();
		events.publish('stale-unsubscribe', 'session');
		second.stop();
		expect(second.heard).toEqual(['session']);
	});
});
