// Who gets into a session, and as what: chosen participants; workspace admins and facilitators
// (who join as facilitator); nobody else of the workspace; nobody of another workspace; a guest
// only into their own session.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { db } from '$lib/server/db';
import {
	loadSessionContext,
	requireFacilitator,
	requireOpenStage,
	type SessionActor
} from '$lib/server/sessions/access';
import { goToStage, setGuestsAllowed, setLocked } from '$lib/server/sessions/controls';
import { createSession } from '$lib/server/sessions/sessions';
import { removeMember } from '$lib/server/workspaces/members';
import { joinGuest, participantRows, sessionWorld } from '../../utils/session-factories';

describe('loadSessionContext', () => {
	it('lets a chosen participant in as a plain participant', async () => {
		const { sessionId, actors, accounts } = await sessionWorld();
		const ctx = await loadSessionContext(db, actors.alice, sessionId);
		expect(ctx).toMatchObject({
			name: 'Alice Andreeva',
			isFacilitator: false,
			isGuest: false,
			workspaceRole: 'member'
		});
		expect(ctx.session.id).toBe(sessionId);
		expect(ctx.participant).toMatchObject({
			sessionId,
			userId: accounts.alice.userId,
			isFacilitator: false
		});
		expect(() => requireFacilitator(ctx)).toThrow(
			expect.objectContaining({ code: 'forbidden', status: 403 })
		);
	});

	it('lets the creator in as facilitator', async () => {
		const { sessionId, actors } = await sessionWorld();
		const ctx = await loadSessionContext(db, actors.facilitator, sessionId);
		expect(ctx).toMatchObject({ isFacilitator: true, isGuest: false, workspaceRole: 'admin' });
		expect(() => requireFacilitator(ctx)).not.toThrow();
	});

	it('refuses a member of the workspace who was not chosen, and adds no row for them', async () => {
		const { sessionId, actors, accounts } = await sessionWorld();
		const before = await participantRows(sessionId);
		await expect(loadSessionContext(db, actors.outsider, sessionId)).rejects.toMatchObject({
			code: 'session_not_participant',
			status: 403
		});
		const after = await participantRows(sessionId);
		expect(after).toEqual(before);
		expect(after.some((row) => row.userId === accounts.olga.userId)).toBe(false);
	});

	it('lets a workspace facilitator who was not chosen join as facilitator, once', async () => {
		const { sessionId, actors, accounts } = await sessionWorld();
		expect(
			(await participantRows(sessionId)).some((row) => row.userId === accounts.cora.userId)
		).toBe(false);
		const first = await loadSessionContext(db, actors.coFacilitator, sessionId);
		expect(first).toMatchObject({
			isFacilitator: true,
			workspaceRole: 'facilitator',
			isGuest: false
		});
		expect(() => requireFacilitator(first)).not.toThrow();
		const second = await loadSessionContext(db, actors.coFacilitator, sessionId);
		expect(second.participant.id).toBe(first.participant.id);
		const coraRows = (await participantRows(sessionId)).filter(
			(row) => row.userId === accounts.cora.userId
		);
		expect(coraRows).toEqual([expect.objectContaining({ isFacilitator: true })]);
	});

	it('lets a workspace admin who was not chosen join as facilitator', async () => {
		const { sessionId, workspaceId, accounts } = await sessionWorld();
		// Cora (a workspace facilitator) creates a session without the admin in it.
		const coraSession = await createSession(db, accounts.cora.userId, workspaceId, {
			title: 'Cora’s session',
			goal: '',
			scheduledOn: null,
			anonymity: 'off',
			allowGuests: false,
			participantIds: [accounts.alice.userId]
		});
		expect(sessionId).not.toBe(coraSession);
		const admin: SessionActor = {
			kind: 'user',
			userId: accounts.admin.userId,
			name: accounts.admin.name
		};
		const ctx = await loadSessionContext(db, admin, coraSession);
		expect(ctx).toMatchObject({ isFacilitator: true, workspaceRole: 'admin' });
		expect(ctx.participant).toMatchObject({ userId: accounts.admin.userId, isFacilitator: true });
	});

	it('refuses a member of another workspace, even its admin, and adds no row', async () => {
		const { sessionId, actors } = await sessionWorld();
		const before = await participantRows(sessionId);
		await expect(loadSessionContext(db, actors.stranger, sessionId)).rejects.toMatchObject({
			code: 'forbidden',
			status: 403
		});
		expect(await participantRows(sessionId)).toEqual(before);
	});

	it('refuses a chosen participant once they are removed from the workspace', async () => {
		const { sessionId, workspaceId, actors, accounts } = await sessionWorld();
		await loadSessionContext(db, actors.alice, sessionId);
		await removeMember(db, accounts.admin.userId, workspaceId, accounts.alice.userId);
		await expect(loadSessionContext(db, actors.alice, sessionId)).rejects.toMatchObject({
			code: 'forbidden'
		});
	});

	it('answers not_found for a session that does not exist', async () => {
		const { actors } = await sessionWorld();
		await expect(loadSessionContext(db, actors.facilitator, randomUUID())).rejects.toMatchObject({
			code: 'not_found',
			status: 404
		});
	});

	it('lets a guest into their own session only', async () => {
		const { sessionId, actors, workspaceId, accounts } = await sessionWorld({ allowGuests: true });
		const otherSession = await createSession(db, accounts.admin.userId, workspaceId, {
			title: 'Another session',
			goal: '',
			scheduledOn: null,
			anonymity: 'partial',
			allowGuests: true,
			participantIds: []
		});
		const guest = await joinGuest(sessionId, 'Gina Guest');
		const ctx = await loadSessionContext(db, guest.actor, sessionId);
		expect(ctx).toMatchObject({
			name: 'Gina Guest',
			isGuest: true,
			isFacilitator: false,
			workspaceRole: null
		});
		expect(ctx.participant).toMatchObject({
			id: guest.participantId,
			userId: null,
			guestName: 'Gina Guest'
		});
		expect(() => requireFacilitator(ctx)).toThrow(expect.objectContaining({ code: 'forbidden' }));

		await expect(loadSessionContext(db, guest.actor, otherSession)).rejects.toMatchObject({
			code: 'guest_only_session',
			status: 403
		});
		// A forged actor that names the other session but keeps its own participant id gets nowhere.
		await expect(
			loadSessionContext(db, { ...guest.actor, sessionId: otherSession }, otherSession)
		).rejects.toMatchObject({ code: 'forbidden' });
		// Nor does a participant id of someone else's session.
		const alice = await loadSessionContext(db, actors.alice, sessionId);
		await expect(
			loadSessionContext(
				db,
				{ kind: 'guest', participantId: alice.participant.id, sessionId: otherSession, name: 'x' },
				otherSession
			)
		).rejects.toMatchObject({ code: 'forbidden' });
	});

	it('keeps a guest who is already in after the facilitator closes the session to guests', async () => {
		const { sessionId, actors } = await sessionWorld({ allowGuests: true });
		const guest = await joinGuest(sessionId, 'Gina Guest');
		await setGuestsAllowed(db, actors.facilitator, sessionId, false);
		const ctx = await loadSessionContext(db, guest.actor, sessionId);
		expect(ctx.participant.id).toBe(guest.participantId);
	});
});

describe('requireOpenStage', () => {
	it('passes only on the current stage, and not while locked unless allowed', async () => {
		const { sessionId, actors } = await sessionWorld();
		const open = await loadSessionContext(db, actors.alice, sessionId);
		expect(() => requireOpenStage(open, 'definitions')).not.toThrow();
		expect(() => requireOpenStage(open, 'themes')).toThrow(
			expect.objectContaining({ code: 'stage_not_open', status: 409 })
		);

		await setLocked(db, actors.facilitator, sessionId, true);
		const locked = await loadSessionContext(db, actors.alice, sessionId);
		expect(() => requireOpenStage(locked, 'definitions')).toThrow(
			expect.objectContaining({ code: 'session_locked', status: 423 })
		);
		expect(() => requireOpenStage(locked, 'definitions', { allowLocked: true })).not.toThrow();
		// The stage check comes first: another stage is not open whether locked or not.
		expect(() => requireOpenStage(locked, 'themes', { allowLocked: true })).toThrow(
			expect.objectContaining({ code: 'stage_not_open' })
		);

		await goToStage(db, actors.facilitator, sessionId, 'themes');
		await setLocked(db, actors.facilitator, sessionId, false);
		const moved = await loadSessionContext(db, actors.alice, sessionId);
		expect(() => requireOpenStage(moved, 'themes')).not.toThrow();
		expect(() => requireOpenStage(moved, 'definitions')).toThrow(
			expect.objectContaining({ code: 'stage_not_open' })
		);
	});
});
