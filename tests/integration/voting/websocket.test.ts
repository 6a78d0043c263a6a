// Votes never enter the criteria room: after a whole vote, what a client of the room receives is
// the proposal texts and nothing else — no dots, no participant, no total.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { addCriterion, readCriteria } from '$lib/criteria/doc';
import { db } from '$lib/server/db';
import { loadSessionContext } from '$lib/server/sessions/access';
import { sessionRoomName, registerSessionRooms } from '$lib/server/sessions/rooms';
import { RoomKindRegistry } from '$lib/server/sync';
import { readDocument } from '$lib/server/sync/documents';
import {
	openVote,
	revealVote,
	setDots,
	setWinner,
	type CriteriaDocAccess
} from '$lib/server/voting';
import { connectClient } from '../../utils/sync-client';
import { startTestServer, type TestSyncServer } from '../../utils/sync-server';
import { itemIds, votingSession } from './fixture';

let server: TestSyncServer;

beforeAll(async () => {
	const kinds = new RoomKindRegistry();
	registerSessionRooms(kinds);
	server = await startTestServer({ kinds });
});

afterAll(async () => {
	await server.close();
});

describe('the criteria room over WebSocket', () => {
	it('carries the proposals a member typed, and nothing of the vote', async () => {
		const { sessionId, workspaceId, actors, accounts } = await votingSession({ proposals: [] });
		const room = sessionRoomName({ id: sessionId, workspaceId }, 'criteria');
		const criteriaDoc: CriteriaDocAccess = {
			change: (session, fn) => server.sync.change(sessionRoomName(session, 'criteria'), fn),
			read: (session, read) => readDocument(db, sessionRoomName(session, 'criteria'), read)
		};

		const alice = connectClient(server, room, accounts.alice.token);
		await alice.synced();
		addCriterion(alice.doc, 'Short enough to remember');
		addCriterion(alice.doc, 'Says what the customer gets');
		// The member's edits reach the server asynchronously.
		await vi.waitFor(async () => {
			const texts = await criteriaDoc.read({ id: sessionId, workspaceId }, (doc) =>
				readCriteria(doc).map((criterion) => criterion.text)
			);
			expect(texts).toHaveLength(2);
		});
		const opened = await openVote(db, actors.facilitator, sessionId, {}, criteriaDoc);
		const ids = itemIds(opened);
		expect(Object.keys(ids)).toEqual(['Short enough to remember', 'Says what the customer gets']);
		await setDots(db, actors.alice, sessionId, ids['Short enough to remember'], 2);
		await setDots(db, actors.guest, sessionId, ids['Says what the customer gets'], 1);
		await revealVote(db, actors.facilitator, sessionId);
		await setWinner(db, actors.facilitator, sessionId, ids['Short enough to remember'], true);

		const bob = connectClient(server, room, accounts.bob.token);
		await bob.synced();
		const received = Y.encodeStateAsUpdate(bob.doc);
		expect([...bob.doc.share.keys()]).toEqual(['criteria']);
		bob.doc
			.getMap<Y.Map<unknown>>('criteria')
			.forEach((entry) => expect([...entry.keys()].sort()).toEqual(['order', 'text']));
		const bytes = Buffer.from(received).toString('latin1');
		const participantIds = await Promise.all(
			[actors.alice, actors.guest, actors.facilitator].map(
				async (actor) => (await loadSessionContext(db, actor, sessionId)).participant.id
			)
		);
		for (const secret of [...participantIds, ...Object.values(ids), 'dots', 'total', 'winner'])
			expect(bytes).not.toContain(secret);
		alice.destroy();
		bob.destroy();
	});
});
