// The facilitator's switches: lock editing, anonymity, and opening or closing the session to guests.
import { describe, expect, it } from 'vitest';
import { db } from '$lib/server/db';
import { loadSessionContext } from '$lib/server/sessions/access';
import { setAnonymity, setGuestsAllowed, setLocked } from '$lib/server/sessions/controls';
import { definitionsView, saveOwnDefinition } from '$lib/server/sessions/definitions';
import { joinAsGuest, resolveGuest } from '$lib/server/sessions/guests';
import { participantRows, sessionRow, sessionWorld } from '../../utils/session-factories';

const GUEST_CODE = /^[ABCDEFGHJKLMNPQRSTUVWXYZ23456789]{6}$/;

describe('setLocked', () => {
	it('locks editing for participants and unlocks it again', async () => {
		const { sessionId, actors } = await sessionWorld();
		await saveOwnDefinition(
			db,
			actors.alice,
			sessionId,
			{ text: 'Before the lock', roleTag: '' },
			false
		);
		expect(await setLocked(db, actors.facilitator, sessionId, true)).toMatchObject({
			locked: true,
			revision: 1
		});
		await expect(
			saveOwnDefinition(
				db,
				actors.alice,
				sessionId,
				{ text: 'During the lock', roleTag: '' },
				false
			)
		).rejects.toMatchObject({ code: 'session_locked' });
		const aliceCtx = await loadSessionContext(db, actors.alice, sessionId);
		expect(aliceCtx.session.locked).toBe(true);
		expect((await definitionsView(db, aliceCtx)).own.text).toBe('Before the lock');

		expect(await setLocked(db, actors.facilitator, sessionId, false)).toMatchObject({
			locked: false,
			revision: 2
		});
		await saveOwnDefinition(
			db,
			actors.alice,
			sessionId,
			{ text: 'After the lock', roleTag: '' },
			false
		);
		expect(
			(await definitionsView(db, await loadSessionContext(db, actors.alice, sessionId))).own.text
		).toBe('After the lock');
	});
});

describe('setAnonymity', () => {
	it('stores each mode', async () => {
		const { sessionId, actors } = await sessionWorld({ anonymity: 'partial' });
		for (const mode of ['off', 'full', 'partial'] as const) {
			expect((await setAnonymity(db, actors.facilitator, sessionId, mode)).anonymity).toBe(mode);
			expect((await sessionRow(sessionId)).anonymity).toBe(mode);
		}
	});
});

describe('setGuestsAllowed', () => {
	it('opens with a code, keeps it while open, and closing makes it invalid for new guests', async () => {
		const { sessionId, actors } = await sessionWorld({ allowGuests: false });
		const opened = await setGuestsAllowed(db, actors.facilitator, sessionId, true);
		expect(opened.guestCode).toMatch(GUEST_CODE);
		const code = opened.guestCode ?? '';
		// Opening again keeps the code people were given.
		expect((await setGuestsAllowed(db, actors.facilitator, sessionId, true)).guestCode).toBe(code);

		const gina = await joinAsGuest(db, code, 'Gina Guest');
		expect(gina.sessionId).toBe(sessionId);

		expect((await setGuestsAllowed(db, actors.facilitator, sessionId, false)).guestCode).toBeNull();
		const before = await participantRows(sessionId);
		await expect(joinAsGuest(db, code, 'Late Larry')).rejects.toMatchObject({
			code: 'guest_code_invalid'
		});
		expect(await participantRows(sessionId)).toEqual(before);
		// A guest already in stays in.
		expect(await resolveGuest(db, gina.token)).toMatchObject({
			participantId: gina.participantId,
			sessionId
		});

		// Reopened, a fresh code works and the old one still does not.
		const reopened = await setGuestsAllowed(db, actors.facilitator, sessionId, true);
		expect(reopened.guestCode).toMatch(GUEST_CODE);
		expect(reopened.guestCode).not.toBe(code);
		await expect(joinAsGuest(db, code, 'Late Larry')).rejects.toMatchObject({
			code: 'guest_code_invalid'
		});
		expect((await joinAsGuest(db, reopened.guestCode ?? '', 'Late Larry')).sessionId).toBe(
			sessionId
		);
	});
});
