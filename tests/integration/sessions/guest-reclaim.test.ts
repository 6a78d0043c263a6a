// A guest who comes back on another device types the code and their name: no second participant is
// made; the new device waits until the facilitator confirms (it takes over the same place, with its
// answers, and the old device's connections lose it at once) or refuses (the person may join as
// someone new under another name). One request per place at a time.
import { eq } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { db } from '$lib/server/db';
import { sessionParticipants } from '$lib/server/db/schema';
import { answerConsensus, openConsensusRound } from '$lib/server/consensus/rounds';
import { consensusView } from '$lib/server/consensus/views';
import { loadSessionContext } from '$lib/server/sessions/access';
import { GUEST_COOKIE, joinAsGuest, resolveGuest } from '$lib/server/sessions/guests';
import { guestNameKey, reclaimStatus, settleReclaim } from '$lib/server/sessions/reclaim';
import { sessionRoomName } from '$lib/server/sessions/rooms';
import { removeGuest } from '$lib/server/sessions/roster';
import { sessionCore } from '$lib/server/sessions/view';
import { CloseCode } from '$lib/sync/close-codes';
import { consensusWorld } from '../../utils/consensus-factories';
import { joinGuest, sessionRow } from '../../utils/session-factories';
import { useAppSyncServer } from '../../utils/app-sync-server';

const { connect } = useAppSyncServer();

async function codeOf(sessionId: string): Promise<string> {
	const { guestCode } = await sessionRow(sessionId);
	if (!guestCode) throw new Error('the session admits no guests');
	return guestCode;
}

async function guestCount(sessionId: string): Promise<number> {
	const rows = await db
		.select({ userId: sessionParticipants.userId })
		.from(sessionParticipants)
		.where(eq(sessionParticipants.sessionId, sessionId));
	return rows.filter((row) => row.userId === null).length;
}

describe('a guest on another device', () => {
	it('matches their place by name whatever the case and spacing', () => {
		expect(guestNameKey('  Gus   GUEST ')).toBe(guestNameKey('gus guest'));
		expect(guestNameKey('Gus Guest')).not.toBe(guestNameKey('Gus Guests'));
	});

	it('waits for the facilitator, who confirms: same place and answers, the old device loses it at once', async () => {
		const world = await consensusWorld();
		const { sessionId, actors } = world;
		const code = await codeOf(sessionId);
		const first = await joinGuest(sessionId, 'Gus Guest');
		await openConsensusRound(db, actors.facilitator, sessionId, world.v1.id);
		await answerConsensus(db, first.actor, sessionId, { answer: 'concern', comment: 'Say who.' });
		const board = sessionRoomName({ id: sessionId, workspaceId: world.workspaceId }, 'board');
		const oldDevice = connect(board, first.token, GUEST_COOKIE);
		await oldDevice.synced();
		const guestsBefore = await guestCount(sessionId);

		const second = await joinAsGuest(db, code, '  gus   GUEST ');
		expect(second).toMatchObject({ waiting: true, participantId: first.participantId });
		expect(second.token).not.toBe(first.token);
		expect(await guestCount(sessionId)).toBe(guestsBefore);
		expect(await resolveGuest(db, second.token)).toBeNull();
		expect(await reclaimStatus(db, second.token)).toEqual({
			state: 'waiting',
			sessionTitle: 'Customer focus 2026',
			name: 'Gus Guest'
		});
		// The same device asking again keeps its one request.
		expect(await joinAsGuest(db, code, 'Gus Guest', second.token)).toMatchObject({
			token: second.token,
			waiting: true
		});
		// The facilitator sees the request; the other participants do not.
		const fayCore = await sessionCore(
			db,
			await loadSessionContext(db, actors.facilitator, sessionId)
		);
		expect(fayCore.participants.find((p) => p.id === first.participantId)?.reclaimRequested).toBe(
			true
		);
		const aliceCore = await sessionCore(db, await loadSessionContext(db, actors.alice, sessionId));
		expect(aliceCore.participants.every((p) => !p.reclaimRequested)).toBe(true);
		// Only the facilitator decides.
		for (const actor of [actors.alice, first.actor])
			await expect(
				settleReclaim(db, actor, sessionId, first.participantId, 'confirm')
			).rejects.toMatchObject({ code: 'forbidden' });

		await settleReclaim(db, actors.facilitator, sessionId, first.participantId, 'confirm');

		await vi.waitFor(() => expect(oldDevice.closeCodes).toEqual([CloseCode.Unauthorized]));
		expect(await resolveGuest(db, first.token)).toBeNull();
		const taken = await resolveGuest(db, second.token);
		expect(taken).toMatchObject({ participantId: first.participantId, name: 'Gus Guest' });
		expect(await reclaimStatus(db, second.token)).toEqual({ state: 'confirmed', sessionId });
		if (!taken) throw new Error('unreachable');
		const view = await consensusView(db, await loadSessionContext(db, taken, sessionId));
		expect(view.mine).toEqual({ answer: 'concern', comment: 'Say who.' });
		expect(await guestCount(sessionId)).toBe(guestsBefore);
		// Nothing left to confirm.
		await expect(
			settleReclaim(db, actors.facilitator, sessionId, first.participantId, 'confirm')
		).rejects.toMatchObject({ code: 'reclaim_none', status: 409 });
	});

	it('is refused while another device waits for the same place, so requests cannot pile up', async () => {
		const world = await consensusWorld();
		const { sessionId } = world;
		const code = await codeOf(sessionId);
		await joinGuest(sessionId, 'Gus Guest');
		const guestsBefore = await guestCount(sessionId);
		await joinAsGuest(db, code, 'Gus Guest');
		await expect(joinAsGuest(db, code, 'GUS GUEST')).rejects.toMatchObject({
			code: 'guest_reclaim_pending',
			status: 409
		});
		await expect(joinAsGuest(db, code, 'Gus Guest', 'not-a-token')).rejects.toMatchObject({
			code: 'guest_reclaim_pending'
		});
		expect(await guestCount(sessionId)).toBe(guestsBefore);
	});

	it('after a refusal stays out of the place, and may join as someone new under another name', async () => {
		const world = await consensusWorld();
		const { sessionId, actors } = world;
		const code = await codeOf(sessionId);
		const first = await joinGuest(sessionId, 'Gus Guest');
		const second = await joinAsGuest(db, code, 'Gus Guest');
		await settleReclaim(db, actors.facilitator, sessionId, first.participantId, 'refuse');

		expect(await reclaimStatus(db, second.token)).toEqual({ state: 'refused' });
		expect(await resolveGuest(db, first.token)).toMatchObject({
			participantId: first.participantId
		});
		expect(await resolveGuest(db, second.token)).toBeNull();
		const guestsBefore = await guestCount(sessionId);
		const renamed = await joinAsGuest(db, code, 'Gus from Sales', second.token);
		expect(renamed.waiting).toBe(false);
		expect(renamed.participantId).not.toBe(first.participantId);
		expect(await guestCount(sessionId)).toBe(guestsBefore + 1);
		await expect(
			settleReclaim(db, actors.facilitator, sessionId, first.participantId, 'refuse')
		).rejects.toMatchObject({ code: 'reclaim_none' });
	});

	it('does not reach a member’s place or a removed guest’s: those names join as someone new', async () => {
		const world = await consensusWorld();
		const { sessionId, actors } = world;
		const code = await codeOf(sessionId);
		const alice = await joinAsGuest(db, code, 'Alice Andreeva');
		expect(alice.waiting).toBe(false);
		expect(await resolveGuest(db, alice.token)).not.toBeNull();
		const gus = await joinGuest(sessionId, 'Gus Guest');
		await removeGuest(db, actors.facilitator, sessionId, gus.participantId);
		const again = await joinAsGuest(db, code, 'Gus Guest');
		expect(again.waiting).toBe(false);
		expect(again.participantId).not.toBe(gus.participantId);
		expect(await resolveGuest(db, gus.token)).toBeNull();
	});
});
