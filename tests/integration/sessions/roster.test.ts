// The facilitator's roster: excusing a participant leaves them in the record, reading only and no
// longer waited for (and brings them back), removing a guest takes the session from them; both
// reach the person's open connections at once. Only the facilitator does either, and never to a
// facilitator.
import { eq } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { db } from '$lib/server/db';
import { sessionParticipants } from '$lib/server/db/schema';
import { answerConsensus, openConsensusRound } from '$lib/server/consensus/rounds';
import { consensusView } from '$lib/server/consensus/views';
import { loadSessionContext } from '$lib/server/sessions/access';
import { definitionsView, saveOwnDefinition } from '$lib/server/sessions/definitions';
import { GUEST_COOKIE, resolveGuest } from '$lib/server/sessions/guests';
import { sessionRoomName } from '$lib/server/sessions/rooms';
import { bringBackParticipant, excuseParticipant, removeGuest } from '$lib/server/sessions/roster';
import { sessionCore } from '$lib/server/sessions/view';
import { CloseCode } from '$lib/sync/close-codes';
import { consensusWorld } from '../../utils/consensus-factories';
import { joinGuest } from '../../utils/session-factories';
import { useAppSyncServer } from '../../utils/app-sync-server';
import { storedDocument } from '../../utils/stored-document';
import type { TestClient } from '../../utils/sync-client';

const sync = useAppSyncServer();
const { connect } = sync;

/** The consensus world (facilitator Fay, members Alice and Bob, guest Gina) with everyone's participant id. */
async function rosterWorld() {
	const world = await consensusWorld();
	const rows = await db
		.select()
		.from(sessionParticipants)
		.where(eq(sessionParticipants.sessionId, world.sessionId));
	const idOf = (userId: string) => {
		const row = rows.find((r) => r.userId === userId);
		if (!row) throw new Error(`no participant for ${userId}`);
		return row.id;
	};
	const board = sessionRoomName({ id: world.sessionId, workspaceId: world.workspaceId }, 'board');
	return {
		...world,
		board,
		ids: {
			facilitator: idOf(world.accounts.admin.userId),
			alice: idOf(world.accounts.alice.userId),
			bob: idOf(world.accounts.bob.userId),
			gina: world.actors.gina.participantId
		}
	};
}

const write = (client: TestClient, text: string) => client.doc.getText('probe').insert(0, text);

const storedProbe = async (room: string) =>
	(await storedDocument(room)).getText('probe').toString();

describe('excusing a participant', () => {
	it('makes their open board connection read-only at once, and bringing them back lets them write again', async () => {
		const world = await rosterWorld();
		const { actors, sessionId, board } = world;
		const alice = connect(board, world.accounts.alice.token);
		const fay = connect(board, world.accounts.admin.token);
		await Promise.all([alice.synced(), fay.synced()]);

		await excuseParticipant(db, actors.facilitator, sessionId, world.ids.alice);
		// vi.waitFor gives up after one second: the bound.
		await vi.waitFor(() => expect(alice.closeCodes).toEqual([CloseCode.AccessChanged]));
		await vi.waitFor(() => expect(alice.denied).toContain('read-only'));
		write(alice, 'while excused ');
		await vi.waitFor(() => expect(alice.denied.length).toBeGreaterThan(1));
		write(fay, 'facilitator ');
		await vi.waitFor(() => expect(alice.doc.getText('probe').toString()).toContain('facilitator '));
		expect(fay.doc.getText('probe').toString()).not.toContain('while excused');
		// Over HTTP too: an excused participant reads and writes nothing, and is told why.
		const excused = await loadSessionContext(db, actors.alice, sessionId);
		expect(excused.mayContribute).toBe(false);
		await expect(
			saveOwnDefinition(db, actors.alice, sessionId, { text: 'Mine', roleTag: '' }, false)
		).rejects.toMatchObject({ code: 'participant_excused' });

		await bringBackParticipant(db, actors.facilitator, sessionId, world.ids.alice);
		await vi.waitFor(() =>
			expect(alice.closeCodes).toEqual([CloseCode.AccessChanged, CloseCode.AccessChanged])
		);
		const deniedBefore = alice.denied.length;
		await alice.synced();
		write(alice, 'back again ');
		await vi.waitFor(async () => expect(await storedProbe(board)).toContain('back again '));
		expect(alice.denied.length).toBe(deniedBefore);
		expect((await loadSessionContext(db, actors.alice, sessionId)).mayContribute).toBe(true);
	});

	it('leaves them out of the people a consensus round waits for, and closes the round when everyone left has answered', async () => {
		const world = await rosterWorld();
		const { actors, sessionId } = world;
		await openConsensusRound(db, actors.facilitator, sessionId, world.v1.id);
		await answerConsensus(db, actors.alice, sessionId, { answer: 'accept', comment: '' });
		await answerConsensus(db, actors.gina, sessionId, { answer: 'accept', comment: '' });
		const facilitatorView = async () =>
			consensusView(db, await loadSessionContext(db, actors.facilitator, sessionId));
		expect((await facilitatorView()).round).toMatchObject({
			status: 'open',
			answered: 2,
			expected: 3,
			waitingFor: ['Bob Borisov']
		});

		await excuseParticipant(db, actors.facilitator, sessionId, world.ids.bob);

		expect((await facilitatorView()).round).toMatchObject({
			status: 'agreed',
			answered: 2,
			expected: 2,
			waitingFor: [],
			tally: { accept: 2, concern: 0, object: 0 }
		});
	});

	it('keeps their given answers in the tally, stays in the record as excused, and leaves the counts', async () => {
		const world = await rosterWorld();
		const { actors, sessionId } = world;
		await openConsensusRound(db, actors.facilitator, sessionId, world.v1.id);
		await answerConsensus(db, actors.alice, sessionId, { answer: 'concern', comment: 'Too long' });

		await excuseParticipant(db, actors.facilitator, sessionId, world.ids.alice);

		const ctx = await loadSessionContext(db, actors.facilitator, sessionId);
		const round = (await consensusView(db, ctx)).round;
		expect(round).toMatchObject({
			status: 'open',
			answered: 0,
			expected: 2,
			tally: { accept: 0, concern: 1, object: 0 }
		});
		expect(round?.waitingFor).toEqual(['Bob Borisov', 'Gina Guest']);
		const core = await sessionCore(db, ctx);
		expect(core.participants.find((p) => p.id === world.ids.alice)).toMatchObject({
			name: 'Alice Andreeva',
			excused: true
		});
		expect((await definitionsView(db, ctx)).submissions.map((s) => s.name).sort()).toEqual([
			'Bob Borisov',
			'Gina Guest'
		]);
	});

	it('is refused for a facilitator, for oneself, and to anyone but the facilitator', async () => {
		const world = await rosterWorld();
		const { actors, sessionId } = world;
		await expect(
			excuseParticipant(db, actors.facilitator, sessionId, world.ids.facilitator)
		).rejects.toMatchObject({ code: 'excuse_self' });
		// Cora facilitates in the workspace and joins the session as a second facilitator.
		await loadSessionContext(db, actors.cora, sessionId);
		const [cora] = await db
			.select({ id: sessionParticipants.id })
			.from(sessionParticipants)
			.where(eq(sessionParticipants.userId, world.accounts.cora.userId));
		await expect(
			excuseParticipant(db, actors.facilitator, sessionId, cora.id)
		).rejects.toMatchObject({ code: 'excuse_facilitator' });
		await expect(
			excuseParticipant(db, actors.alice, sessionId, world.ids.bob)
		).rejects.toMatchObject({ code: 'forbidden' });
		await expect(
			excuseParticipant(db, actors.gina, sessionId, world.ids.bob)
		).rejects.toMatchObject({ code: 'forbidden' });
		await expect(
			bringBackParticipant(db, actors.alice, sessionId, world.ids.bob)
		).rejects.toMatchObject({ code: 'forbidden' });
		const rows = await db
			.select({ excusedAt: sessionParticipants.excusedAt })
			.from(sessionParticipants)
			.where(eq(sessionParticipants.sessionId, sessionId));
		expect(rows.every((row) => row.excusedAt === null)).toBe(true);
	});
});

describe('removing a guest', () => {
	it('closes their open connection and their cookie no longer opens the session', async () => {
		const world = await rosterWorld();
		const { actors, sessionId, board } = world;
		const guest = await joinGuest(sessionId, 'Gus Guest');
		const gus = connect(board, guest.token, GUEST_COOKIE);
		await gus.synced();
		write(gus, 'from the guest ');
		await vi.waitFor(async () => expect(await storedProbe(board)).toContain('from the guest '));

		await removeGuest(db, actors.facilitator, sessionId, guest.participantId);

		await vi.waitFor(() => expect(gus.closeCodes).toEqual([CloseCode.Unauthorized]));
		expect(gus.provider.shouldConnect).toBe(false);
		expect(await resolveGuest(db, guest.token)).toBeNull();
		await expect(loadSessionContext(db, guest.actor, sessionId)).rejects.toMatchObject({
			code: 'forbidden'
		});
		// What they wrote stays in the record.
		expect(await storedProbe(board)).toContain('from the guest ');
		const [row] = await db
			.select()
			.from(sessionParticipants)
			.where(eq(sessionParticipants.id, guest.participantId));
		expect(row.removedAt).not.toBeNull();
		const core = await sessionCore(db, await loadSessionContext(db, actors.facilitator, sessionId));
		expect(core.participants.map((p) => p.name)).not.toContain('Gus Guest');
	});

	it('is refused for a member (excuse them instead) and to anyone but the facilitator', async () => {
		const world = await rosterWorld();
		const { actors, sessionId } = world;
		await expect(
			removeGuest(db, actors.facilitator, sessionId, world.ids.alice)
		).rejects.toMatchObject({ code: 'remove_member' });
		await expect(removeGuest(db, actors.bob, sessionId, world.ids.gina)).rejects.toMatchObject({
			code: 'forbidden'
		});
		expect(await loadSessionContext(db, actors.gina, sessionId)).toMatchObject({ isGuest: true });
	});
});
