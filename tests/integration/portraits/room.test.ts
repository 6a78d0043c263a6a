// The `portrait` room with real y-websocket clients against a real sync server: editors write,
// readers only read, strangers are refused, a guest of a linked session is admitted and writes, a
// guest of another session is refused; unlinking or deleting closes the connections that lost access.
import { describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { db } from '$lib/server/db';
import { portraitRoomName, readPortraitDocument } from '$lib/server/portraits/documents';
import { linkPortraitToSession, unlinkPortraitFromSession } from '$lib/server/portraits/links';
import { deletePortrait } from '$lib/server/portraits/portraits';
import { GUEST_COOKIE } from '$lib/server/sessions/guests';
import { CloseCode } from '$lib/sync/close-codes';
import { buildRoomName } from '$lib/sync/room';
import { addEvidence, readEvidence, sectionFragment, sectionText } from '$lib/portraits/doc';
import { browserHeaders, upgradeStatus, type TestClient } from '../../utils/sync-client';
import { useAppSyncServer } from '../../utils/app-sync-server';
import { asUser, blankPortrait, blankPortraitOf, portraitWorld } from './world';

// The domain reauthorizes through the `Rooms` port: here, the test server.
const app = useAppSyncServer();
const member = (room: string, token: string): TestClient => app.connect(room, token);
const guest = (room: string, token: string): TestClient => app.connect(room, token, GUEST_COOKIE);

/** Types a paragraph at the end of a section, as the editor would. */
function write(doc: Y.Doc, text: string) {
	const fragment = sectionFragment(doc, 'motives');
	const paragraph = new Y.XmlElement('paragraph');
	doc.transact(() => {
		fragment.insert(fragment.length, [paragraph]);
		paragraph.insert(0, [new Y.XmlText(text)]);
	});
}

async function setup() {
	const world = await portraitWorld();
	const id = await blankPortrait(world);
	const portrait = { id, workspaceId: world.workspaceId };
	return { world, portrait, room: portraitRoomName(portrait) };
}

describe('the portrait room', () => {
	it('lets members write and readers follow without writing', async () => {
		const { world, portrait, room } = await setup();
		const alice = member(room, world.people.alice.token);
		const rita = member(room, world.people.rita.token);
		await Promise.all([alice.synced(), rita.synced()]);

		write(alice.doc, 'Prestige');
		addEvidence(alice.doc, {
			claim: 'Nine parents said so',
			source: 'focus_group',
			date: '2026-10-12'
		});
		await vi.waitFor(() => expect(sectionText(rita.doc, 'motives')).toBe('Prestige'));
		await vi.waitFor(() => expect(readEvidence(rita.doc)).toHaveLength(1));
		expect(alice.denied).toEqual([]);
		await vi.waitFor(() => expect(rita.denied).toContain('read-only'));

		write(rita.doc, 'Vandalised by a reader');
		write(alice.doc, 'Saved time');
		await vi.waitFor(() => expect(sectionText(rita.doc, 'motives')).toContain('Saved time'));
		expect(sectionText(alice.doc, 'motives')).toBe('Prestige\nSaved time');
		await vi.waitFor(async () => {
			const stored = await readPortraitDocument(db, portrait);
			expect(sectionText(stored, 'motives')).toBe('Prestige\nSaved time');
			expect(readEvidence(stored)).toEqual([
				{
					id: expect.any(String),
					claim: 'Nine parents said so',
					source: 'focus_group',
					date: '2026-10-12'
				}
			]);
		});
	});

	it('refuses strangers, unknown portraits and portraits named under another workspace', async () => {
		const { world, portrait, room } = await setup();
		const { sam, alice } = world.people;
		const status = (roomName: string, token: string) =>
			upgradeStatus(app.server, roomName, browserHeaders(app.server.origin, token));
		expect(await status(room, alice.token)).toBe(101);
		expect(await status(room, sam.token)).toBe(403);
		const unknown = buildRoomName({
			workspaceId: world.workspaceId,
			kind: 'portrait',
			objectId: crypto.randomUUID()
		});
		expect(await status(unknown, alice.token)).toBe(403);
		// Sam's own portrait, addressed as if it were in Alice's workspace (and the other way round).
		const samsPortrait = await blankPortraitOf(sam, 'Elsewhere');
		expect(
			await status(
				portraitRoomName({ id: samsPortrait, workspaceId: world.workspaceId }),
				alice.token
			)
		).toBe(403);
		expect(
			await status(portraitRoomName({ id: portrait.id, workspaceId: sam.workspaceId }), sam.token)
		).toBe(403);
	});

	it('admits a guest of a linked session to write, refuses a guest of another session, and closes the guest on unlink', async () => {
		const { world, portrait, room } = await setup();
		const { gina, otto } = world.guests;
		const guestStatus = (token: string) =>
			upgradeStatus(app.server, room, browserHeaders(app.server.origin, token, GUEST_COOKIE));
		expect(await guestStatus(gina.token)).toBe(403);
		await linkPortraitToSession(
			db,
			asUser(world.people.cora),
			world.workspaceId,
			portrait.id,
			world.sessionId
		);
		expect(await guestStatus(gina.token)).toBe(101);
		expect(await guestStatus(otto.token)).toBe(403);

		const ginaClient = guest(room, gina.token);
		const alice = member(room, world.people.alice.token);
		await Promise.all([ginaClient.synced(), alice.synced()]);
		write(ginaClient.doc, 'Written by a guest');
		await vi.waitFor(() => expect(sectionText(alice.doc, 'motives')).toBe('Written by a guest'));
		expect(ginaClient.denied).toEqual([]);

		await unlinkPortraitFromSession(
			db,
			asUser(world.people.fay),
			world.workspaceId,
			portrait.id,
			world.sessionId
		);
		await vi.waitFor(() => expect(ginaClient.closeCodes).toContain(CloseCode.Forbidden));
		expect(alice.closeCodes).toEqual([]);
		expect(await guestStatus(gina.token)).toBe(403);
	});

	it('closes every connection when the portrait is deleted', async () => {
		const { world, portrait, room } = await setup();
		const alice = member(room, world.people.alice.token);
		const rita = member(room, world.people.rita.token);
		await Promise.all([alice.synced(), rita.synced()]);
		await deletePortrait(db, asUser(world.people.cora), world.workspaceId, portrait.id);
		await vi.waitFor(() => {
			expect(alice.closeCodes).toContain(CloseCode.Forbidden);
			expect(rita.closeCodes).toContain(CloseCode.Forbidden);
		});
		expect(
			await upgradeStatus(
				app.server,
				room,
				browserHeaders(app.server.origin, world.people.alice.token)
			)
		).toBe(403);
	});
});
