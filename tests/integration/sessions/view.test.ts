// The session core every screen gets: the same stage, timer, lock and people for everyone, with
// the guest code for facilitators only.
import { describe, expect, it } from 'vitest';
import { db } from '$lib/server/db';
import { loadSessionContext, type SessionActor } from '$lib/server/sessions/access';
import { goToStage, markDone, setLocked } from '$lib/server/sessions/controls';
import { events } from '$lib/server/ports';
import { sessionCore } from '$lib/server/sessions/view';
import { defaultStages } from '$lib/sessions/stages';
import { joinGuest, sessionRow, sessionWorld } from '../../utils/session-factories';

const NOW = new Date('2030-03-03T09:00:00.000Z');

async function coreOf(actor: SessionActor, sessionId: string) {
	return sessionCore(db, await loadSessionContext(db, actor, sessionId), NOW);
}

describe('sessionCore', () => {
	it('gives the guest code to facilitators only', async () => {
		const { sessionId, actors } = await sessionWorld({ allowGuests: true });
		const guest = await joinGuest(sessionId, 'Gina Guest');
		const { guestCode } = await sessionRow(sessionId);
		expect(guestCode).toBeTruthy();
		expect((await coreOf(actors.facilitator, sessionId)).guestCode).toBe(guestCode);
		expect((await coreOf(actors.coFacilitator, sessionId)).guestCode).toBe(guestCode);
		for (const actor of [actors.alice, actors.bob, guest.actor]) {
			const core = await coreOf(actor, sessionId);
			expect(core.guestCode).toBeNull();
			expect(JSON.stringify(core)).not.toContain(guestCode ?? '');
		}
	});

	it('shows the same session state to everyone, and who is who', async () => {
		const { sessionId, workspaceId, actors } = await sessionWorld({
			anonymity: 'full',
			allowGuests: true
		});
		const guest = await joinGuest(sessionId, 'Gina Guest');
		await goToStage(db, actors.facilitator, sessionId, 'themes');
		await setLocked(db, actors.facilitator, sessionId, true);

		const alice = await coreOf(actors.alice, sessionId);
		expect(alice).toEqual({
			id: sessionId,
			workspaceId,
			title: 'Customer focus',
			goal: 'Agree what customer focus means for us',
			scheduledOn: null,
			stages: defaultStages(),
			currentStage: 'themes',
			anonymity: 'full',
			locked: true,
			revealed: false,
			timer: { endsAt: null, remainingMs: null, running: false },
			guestCode: null,
			revision: 2,
			serverTime: NOW.toISOString(),
			participants: expect.any(Array),
			me: {
				participantId: expect.any(String),
				name: 'Alice Andreeva',
				isFacilitator: false,
				isGuest: false,
				done: false
			}
		});
		const people = alice.participants.map(({ name, isFacilitator, isGuest, online, done }) => ({
			name,
			isFacilitator,
			isGuest,
			online,
			done
		}));
		expect(people).toHaveLength(4);
		expect(people).toEqual(
			expect.arrayContaining([
				{
					name: 'Fay Facilitator',
					isFacilitator: true,
					isGuest: false,
					online: false,
					done: false
				},
				{
					name: 'Alice Andreeva',
					isFacilitator: false,
					isGuest: false,
					online: false,
					done: false
				},
				{ name: 'Bob Borisov', isFacilitator: false, isGuest: false, online: false, done: false },
				{ name: 'Gina Guest', isFacilitator: false, isGuest: true, online: false, done: false }
			])
		);
		expect(alice.participants.find((p) => p.name === 'Alice Andreeva')?.id).toBe(
			alice.me.participantId
		);

		const gina = await coreOf(guest.actor, sessionId);
		expect(gina.me).toEqual({
			participantId: guest.participantId,
			name: 'Gina Guest',
			isFacilitator: false,
			isGuest: true,
			done: false
		});
		// Apart from who is looking, both get the same.
		const shared = (core: typeof alice) => ({ ...core, me: null });
		expect(shared(gina)).toEqual(shared(alice));
	});

	it('lists done flags for the current stage and who is online', async () => {
		const { sessionId, actors } = await sessionWorld({ allowGuests: true });
		const guest = await joinGuest(sessionId, 'Gina Guest');
		await goToStage(db, actors.facilitator, sessionId, 'themes');
		await markDone(db, actors.bob, sessionId, true);
		await markDone(db, guest.actor, sessionId, true);
		const release = events.trackPresence(sessionId, guest.participantId);

		const core = await coreOf(actors.facilitator, sessionId);
		const status = Object.fromEntries(
			core.participants.map((p) => [p.name, { done: p.done, online: p.online }])
		);
		expect(status).toEqual({
			'Fay Facilitator': { done: false, online: false },
			'Alice Andreeva': { done: false, online: false },
			'Bob Borisov': { done: true, online: false },
			'Gina Guest': { done: true, online: true }
		});
		expect((await coreOf(guest.actor, sessionId)).me.done).toBe(true);
		release();
		expect(
			(await coreOf(actors.facilitator, sessionId)).participants.find(
				(p) => p.name === 'Gina Guest'
			)?.online
		).toBe(false);
	});
});
