// A change that reduces someone's rights reaches the connections they already have open: an admin
// removing a member or making them a reader closes or downgrades their rooms at once (defect 2 of
// the hardening issue), and readers write nowhere in a session (defect 3).
import { and, eq } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { db } from '$lib/server/db';
import { sessionParticipants } from '$lib/server/db/schema';
import { portraitRoomName } from '$lib/server/portraits/documents';
import { saveOwnDefinition } from '$lib/server/sessions/definitions';
import { sessionRoomName } from '$lib/server/sessions/rooms';
import { createSession } from '$lib/server/sessions/sessions';
import { removeMember, updateMember } from '$lib/server/workspaces/members';
import { CloseCode } from '$lib/sync/close-codes';
import { createAdmin, createMember } from '../../utils/factories';
import { userActor } from '../../utils/session-factories';
import { useAppSyncServer } from '../../utils/app-sync-server';
import { storedDocument } from '../../utils/stored-document';
import type { TestClient } from '../../utils/sync-client';
import { insertPortrait } from '../journeys/world';

const sync = useAppSyncServer();
const connect = (room: string, token: string) => sync.connect(room, token);

/** A workspace with an admin, a member taking part in a session, and a portrait. */
async function world() {
	const admin = await createAdmin('Ada Admin');
	const max = await createMember(admin, 'member', 'Max Member');
	const sessionId = await createSession(db, admin.userId, admin.workspaceId, {
		title: 'Customer focus',
		goal: '',
		scheduledOn: null,
		anonymity: 'off',
		allowGuests: false,
		participantIds: [max.userId]
	});
	const session = { id: sessionId, workspaceId: admin.workspaceId };
	const portrait = {
		id: await insertPortrait(admin.workspaceId, 'Busy parent'),
		workspaceId: admin.workspaceId
	};
	return { admin, max, session, portrait };
}

const write = (client: TestClient, text: string) => client.doc.getText('probe').insert(0, text);

const storedProbe = async (room: string) =>
	(await storedDocument(room)).getText('probe').toString();

describe('rights reduced while connected', () => {
	it('closes every room of a member the admin removes, before the removal returns', async () => {
		const { admin, max, session, portrait } = await world();
		const board = connect(sessionRoomName(session, 'board'), max.token);
		const sheet = connect(portraitRoomName(portrait), max.token);
		const watcher = connect(sessionRoomName(session, 'board'), admin.token);
		await Promise.all([board.synced(), sheet.synced(), watcher.synced()]);
		await removeMember(db, admin.userId, admin.workspaceId, max.userId);

		// vi.waitFor gives up after one second: the bound.
		await vi.waitFor(() => expect(board.closeCodes).toEqual([CloseCode.Forbidden]));
		await vi.waitFor(() => expect(sheet.closeCodes).toEqual([CloseCode.Forbidden]));
		expect(board.provider.shouldConnect).toBe(false);
		write(board, 'after removal');
		write(watcher, 'still here');
		await vi.waitFor(async () =>
			expect(await storedProbe(sessionRoomName(session, 'board'))).toBe('still here')
		);
		expect(watcher.doc.getText('probe').toString()).toBe('still here');
		expect(watcher.closeCodes).toEqual([]);
	});

	it('turns a member made reader into a reader of every open room at once', async () => {
		const { admin, max, session, portrait } = await world();
		const sheetRoom = portraitRoomName(portrait);
		const sheet = connect(sheetRoom, max.token);
		const watcher = connect(sheetRoom, admin.token);
		await Promise.all([sheet.synced(), watcher.synced()]);
		write(sheet, 'as a member ');
		await vi.waitFor(() => expect(watcher.doc.getText('probe').toString()).toBe('as a member '));

		await updateMember(db, admin.userId, admin.workspaceId, {
			userId: max.userId,
			role: 'reader',
			departmentId: null
		});

		await vi.waitFor(() => expect(sheet.closeCodes).toEqual([CloseCode.AccessChanged]));
		await vi.waitFor(() => expect(sheet.denied).toContain('read-only'));
		write(sheet, 'as a reader ');
		await vi.waitFor(() => expect(sheet.denied.length).toBeGreaterThan(1));
		write(watcher, 'admin ');
		await vi.waitFor(() => expect(sheet.doc.getText('probe').toString()).toContain('admin '));
		expect(watcher.doc.getText('probe').toString()).not.toContain('as a reader');
		expect(await storedProbe(sheetRoom)).not.toContain('as a reader');

		// The session's rooms follow the same rule: a reader follows, and writes nothing.
		const board = connect(sessionRoomName(session, 'board'), max.token);
		await board.synced();
		await vi.waitFor(() => expect(board.denied).toContain('read-only'));
	});
});

describe('readers in sessions', () => {
	it('cannot be chosen as participants', async () => {
		const admin = await createAdmin();
		const rita = await createMember(admin, 'reader', 'Rita Reader');
		await expect(
			createSession(db, admin.userId, admin.workspaceId, {
				title: 'With a reader',
				goal: '',
				scheduledOn: null,
				anonymity: 'off',
				allowGuests: false,
				participantIds: [rita.userId]
			})
		).rejects.toMatchObject({ code: 'participant_reader', field: 'participantIds' });
	});

	it('read but never write when they are participants all the same (a member made reader)', async () => {
		const { admin, max, session } = await world();
		await updateMember(db, admin.userId, admin.workspaceId, {
			userId: max.userId,
			role: 'reader',
			departmentId: null
		});
		await expect(
			saveOwnDefinition(
				db,
				userActor(max),
				session.id,
				{ text: 'Customers first', roleTag: 'Sales' },
				true
			)
		).rejects.toMatchObject({ code: 'read_only', status: 403 });
		const draft = connect(sessionRoomName(session, 'draft'), max.token);
		await draft.synced();
		await vi.waitFor(() => expect(draft.denied).toContain('read-only'));

		// A reader who was a session's facilitator facilitates nothing either.
		await db
			.update(sessionParticipants)
			.set({ isFacilitator: true })
			.where(
				and(
					eq(sessionParticipants.sessionId, session.id),
					eq(sessionParticipants.userId, max.userId)
				)
			);
		const again = connect(sessionRoomName(session, 'criteria'), max.token);
		await again.synced();
		await vi.waitFor(() => expect(again.denied).toContain('read-only'));
	});
});
