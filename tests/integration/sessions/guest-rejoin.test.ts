// A guest who types the session code again in the same browser (their guest cookie still there)
// gets their place back instead of a second one, so the people a round waits for do not pile up;
// a guest the facilitator removed cannot come back in through the code.
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db } from '$lib/server/db';
import { sessionParticipants } from '$lib/server/db/schema';
import { joinAsGuest, resolveGuest } from '$lib/server/sessions/guests';
import { removeGuest } from '$lib/server/sessions/roster';
import { sessionRow, sessionWorld } from '../../utils/session-factories';

async function guestRows(sessionId: string) {
	const rows = await db
		.select({ id: sessionParticipants.id, name: sessionParticipants.guestName })
		.from(sessionParticipants)
		.where(eq(sessionParticipants.sessionId, sessionId));
	return rows.filter((row) => row.name !== null);
}

async function codeOf(sessionId: string): Promise<string> {
	const { guestCode } = await sessionRow(sessionId);
	if (!guestCode) throw new Error('the session admits no guests');
	return guestCode;
}

describe('a guest joining again', () => {
	it('from the same browser keeps their place, under the name typed now', async () => {
		const { sessionId } = await sessionWorld({ allowGuests: true });
		const code = await codeOf(sessionId);
		const first = await joinAsGuest(db, code, 'Gina Guest');
		const again = await joinAsGuest(db, code, 'Gina G.', first.token);
		expect(again.participantId).toBe(first.participantId);
		expect(again.token).toBe(first.token);
		expect(await guestRows(sessionId)).toEqual([{ id: first.participantId, name: 'Gina G.' }]);
		expect((await resolveGuest(db, first.token))?.name).toBe('Gina G.');
	});

	it('with a cookie of another session, or none, gets a place of their own', async () => {
		const { sessionId } = await sessionWorld({ allowGuests: true });
		const other = await sessionWorld({ allowGuests: true });
		const elsewhere = await joinAsGuest(db, await codeOf(other.sessionId), 'Oscar');
		const code = await codeOf(sessionId);
		const oscar = await joinAsGuest(db, code, 'Oscar', elsewhere.token);
		expect(oscar.participantId).not.toBe(elsewhere.participantId);
		expect(oscar.token).not.toBe(elsewhere.token);
		const stranger = await joinAsGuest(db, code, 'Sam', 'not-a-token');
		expect(await guestRows(sessionId)).toHaveLength(2);
		expect(stranger.participantId).not.toBe(oscar.participantId);
	});

	it('after the facilitator removed them is refused, and no new place is made', async () => {
		const { sessionId, actors } = await sessionWorld({ allowGuests: true });
		const code = await codeOf(sessionId);
		const gina = await joinAsGuest(db, code, 'Gina Guest');
		await removeGuest(db, actors.facilitator, sessionId, gina.participantId);
		await expect(joinAsGuest(db, code, 'Gina Guest', gina.token)).rejects.toMatchObject({
			code: 'guest_removed',
			status: 403
		});
		expect(await guestRows(sessionId)).toHaveLength(1);
	});
});
