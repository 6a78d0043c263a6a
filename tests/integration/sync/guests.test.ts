// Session guests connect with the guest cookie instead of an account: they open their own
// session's rooms and write there, nothing else; a bad guest token is refused before the upgrade;
// their presence is stamped with their guest name; and when their place no longer resolves, or the
// facilitator locks editing, their open connections are checked again like everyone's.
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { db } from '$lib/server/db';
import { sessionParticipants } from '$lib/server/db/schema';
import { appRoomKinds, appSyncHooks } from '$lib/server/app';
import { setLocked } from '$lib/server/sessions/controls';
import { GUEST_COOKIE } from '$lib/server/sessions/guests';
import { sessionRoomName, type SessionRoomKind } from '$lib/server/sessions/rooms';
import { CloseCode } from '$lib/sync/close-codes';
import { userColor } from '$lib/sync/presence';
import { buildRoomName } from '$lib/sync/room';
import { SESSION_COOKIE } from '$lib/server/auth/cookies';
import { joinGuest, sessionWorld } from '../../utils/session-factories';
import { startTestServer, type TestSyncServer } from '../../utils/sync-server';
import {
	browserHeaders,
	connectClient,
	openRawClient,
	stateOf,
	upgradeStatus,
	type TestClient
} from '../../utils/sync-client';
import { awarenessMessage } from '../../utils/sync-frames';

let server: TestSyncServer;
const clients: TestClient[] = [];

beforeAll(async () => {
	server = await startTestServer({ ...appSyncHooks, kinds: appRoomKinds() });
});

afterAll(async () => {
	for (const client of clients) client.destroy();
	await server.close();
});

/** A session that admits guests, with Gina the guest joined through its code. */
async function guestWorld() {
	const world = await sessionWorld({ allowGuests: true });
	const gina = await joinGuest(world.sessionId, 'Gina Guest');
	const session = { id: world.sessionId, workspaceId: world.workspaceId };
	return { ...world, session, gina };
}

function connectGuest(room: string, token: string): TestClient {
	const client = connectClient(server, room, token, { cookieName: GUEST_COOKIE });
	clients.push(client);
	return client;
}

function connectMember(room: string, token: string): TestClient {
	const client = connectClient(server, room, token);
	clients.push(client);
	return client;
}

function guestStatus(room: string, token: string): Promise<number> {
	return upgradeStatus(server, room, browserHeaders(server.origin, token, GUEST_COOKIE));
}

describe('session guests in rooms', () => {
	it("opens the board and the draft of the guest's own session and writes in both", async () => {
		const { session, gina, accounts } = await guestWorld();
		for (const kind of ['board', 'draft'] as const) {
			const room = sessionRoomName(session, kind);
			const guest = connectGuest(room, gina.token);
			const alice = connectMember(room, accounts.alice.token);
			await Promise.all([guest.synced(), alice.synced()]);

			guest.doc.getText('probe').insert(0, `guest writes in ${kind}`);
			await vi.waitFor(() =>
				expect(alice.doc.getText('probe').toString()).toBe(`guest writes in ${kind}`)
			);
			alice.doc.getText('probe').insert(0, 'and reads: ');
			await vi.waitFor(() =>
				expect(guest.doc.getText('probe').toString()).toBe(`and reads: guest writes in ${kind}`)
			);
			expect(guest.denied).toEqual([]);
			expect(guest.closeCodes).toEqual([]);
		}
	});

	it("refuses a guest another session's rooms, portraits and journeys, with 403", async () => {
		const { session, gina } = await guestWorld();
		// Another session (its world is a workspace of its own), which admits guests too.
		const other = await sessionWorld({ allowGuests: true });
		const elsewhere = { id: other.sessionId, workspaceId: other.workspaceId };
		const kinds: SessionRoomKind[] = ['board', 'criteria', 'draft'];
		for (const kind of kinds) {
			expect(await guestStatus(sessionRoomName(session, kind), gina.token), kind).toBe(101);
			expect(await guestStatus(sessionRoomName(elsewhere, kind), gina.token), kind).toBe(403);
			// The guest's own session id under another workspace's name is not their room either.
			const misnamed = buildRoomName({
				workspaceId: other.workspaceId,
				kind,
				objectId: session.id
			});
			expect(await guestStatus(misnamed, gina.token), kind).toBe(403);
		}
		for (const kind of ['portrait', 'journey']) {
			for (const objectId of [randomUUID(), session.id]) {
				const room = buildRoomName({ workspaceId: session.workspaceId, kind, objectId });
				expect(await guestStatus(room, gina.token), kind).toBe(403);
			}
		}
	});

	it('refuses a bad, unknown or altered guest token with 401', async () => {
		const { session, gina } = await guestWorld();
		const room = sessionRoomName(session, 'board');
		const altered = (gina.token[0] === 'A' ? 'B' : 'A') + gina.token.slice(1);
		for (const token of ['garbage', 'A'.repeat(43), altered, `${gina.token}x`])
			expect(await guestStatus(room, token), token).toBe(401);
		// A guest token is not an account session, nor the other way round.
		expect(
			await upgradeStatus(server, room, browserHeaders(server.origin, gina.token, SESSION_COOKIE))
		).toBe(401);
	});

	it('admits a guest whose browser still holds a dead account cookie, and prefers a live account', async () => {
		const { session, gina, accounts } = await guestWorld();
		const room = sessionRoomName(session, 'board');
		const stale = `${SESSION_COOKIE}=${'A'.repeat(43)}; ${GUEST_COOKIE}=${gina.token}`;
		expect(await upgradeStatus(server, room, { Origin: server.origin, Cookie: stale })).toBe(101);
		// Olga is a member of the workspace but not a participant: her account decides, not the guest cookie.
		const both = `${SESSION_COOKIE}=${accounts.olga.token}; ${GUEST_COOKIE}=${gina.token}`;
		expect(await upgradeStatus(server, room, { Origin: server.origin, Cookie: both })).toBe(403);
	});

	it('refuses guests with 401 on a server that has no guest hook wired', async () => {
		const accountsOnly = await startTestServer({ kinds: appRoomKinds() });
		try {
			const { session, gina } = await guestWorld();
			const status = await upgradeStatus(
				accountsOnly,
				sessionRoomName(session, 'board'),
				browserHeaders(accountsOnly.origin, gina.token, GUEST_COOKIE)
			);
			expect(status).toBe(401);
		} finally {
			await accountsOnly.close();
		}
	});

	it("stamps the guest's own name on their presence and drops claims on anyone else's", async () => {
		const { session, gina, accounts } = await guestWorld();
		const room = sessionRoomName(session, 'draft');
		const guest = connectGuest(room, gina.token);
		const alice = connectMember(room, accounts.alice.token);
		await Promise.all([guest.synced(), alice.synced()]);
		const guestId = guest.doc.clientID;
		const aliceId = alice.doc.clientID;

		guest.provider.awareness.setLocalStateField('user', {
			id: accounts.admin.userId,
			name: 'Fay Facilitator',
			color: '#000000'
		});
		guest.provider.awareness.setLocalStateField('cursor', 3);
		await vi.waitFor(() =>
			expect(stateOf(alice, guestId)).toEqual({
				user: { id: gina.participantId, name: 'Gina Guest', color: userColor(gina.participantId) },
				cursor: 3
			})
		);
		await vi.waitFor(() =>
			expect(stateOf(guest, aliceId)?.user).toMatchObject({
				id: accounts.alice.userId,
				name: 'Alice Andreeva'
			})
		);

		// A hand-made guest client tries to overwrite Alice's presence and erase the guest's.
		const raw = await openRawClient(server, room, gina.token, { cookieName: GUEST_COOKIE });
		raw.socket.send(
			awarenessMessage([
				{ clientId: aliceId, clock: 1_000_000, state: { user: { name: 'Gina' }, cursor: 'x' } },
				{ clientId: guestId, clock: 1_000_000, state: null }
			])
		);
		raw.socket.send(
			awarenessMessage([
				{ clientId: 515151, clock: 1, state: { user: { name: 'Alice Andreeva' }, cursor: 9 } }
			])
		);
		await vi.waitFor(() =>
			expect(stateOf(alice, 515151)).toEqual({
				user: { id: gina.participantId, name: 'Gina Guest', color: userColor(gina.participantId) },
				cursor: 9
			})
		);
		// The claims came first on the same connection and were dropped.
		expect(stateOf(guest, aliceId)?.cursor).toBeUndefined();
		expect(stateOf(guest, aliceId)?.user).toMatchObject({ name: 'Alice Andreeva' });
		expect(stateOf(alice, guestId)?.cursor).toBe(3);
		raw.socket.close();
		await raw.closed;
	});

	it('makes a guest read-only while the facilitator locks editing, like everyone else', async () => {
		const { session, gina, actors } = await guestWorld();
		const room = sessionRoomName(session, 'board');
		const guest = connectGuest(room, gina.token);
		await guest.synced();

		await setLocked(db, actors.facilitator, session.id, true);
		expect(await server.sync.reauthorize(room)).toBe(1);
		await vi.waitFor(() => expect(guest.closeCodes).toContain(CloseCode.AccessChanged));
		await vi.waitFor(() => expect(guest.denied).toContain('read-only'));

		await setLocked(db, actors.facilitator, session.id, false);
		expect(await server.sync.reauthorize(room)).toBe(1);
		await vi.waitFor(() =>
			expect(guest.closeCodes.filter((code) => code === CloseCode.AccessChanged)).toHaveLength(2)
		);
	});

	it('shuts out a guest whose place no longer resolves, and only that guest', async () => {
		const { session, gina, sessionId, accounts } = await guestWorld();
		const sam = await joinGuest(sessionId, 'Sam Guest');
		const board = sessionRoomName(session, 'board');
		const draft = sessionRoomName(session, 'draft');
		const ginaBoard = connectGuest(board, gina.token);
		const ginaDraft = connectGuest(draft, gina.token);
		const samBoard = connectGuest(board, sam.token);
		const alice = connectMember(board, accounts.alice.token);
		await Promise.all([ginaBoard, ginaDraft, samBoard, alice].map((client) => client.synced()));

		// Nothing changed: checking again keeps everyone.
		expect(await server.sync.reauthorize(board)).toBe(0);

		await db.delete(sessionParticipants).where(eq(sessionParticipants.id, gina.participantId));
		expect(await server.sync.reauthorize(board)).toBe(1);
		await vi.waitFor(() => expect(ginaBoard.closeCodes).toEqual([CloseCode.Unauthorized]));
		expect(ginaBoard.provider.shouldConnect).toBe(false);
		expect(await server.sync.reauthorizeUser(gina.participantId)).toBe(1);
		await vi.waitFor(() => expect(ginaDraft.closeCodes).toEqual([CloseCode.Unauthorized]));

		// Her token no longer opens anything; the others stay connected and keep writing.
		expect(await guestStatus(board, gina.token)).toBe(401);
		expect(samBoard.closeCodes).toEqual([]);
		samBoard.doc.getText('probe').insert(0, 'still here');
		await vi.waitFor(() => expect(alice.doc.getText('probe').toString()).toBe('still here'));
	});
});
