// Guests: the join form's input is normalized, the right code joins its session, a wrong one
// nothing; the cookie token resolves to that guest, anything else to nobody.
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db } from '$lib/server/db';
import { sessionParticipants, strategySessions } from '$lib/server/db/schema';
import { joinAsGuest, resolveGuest } from '$lib/server/sessions/guests';
import { NAME_MAX } from '$lib/validation/fields';
import { guestJoinSchema } from '$lib/validation/session';
import { participantRows, sessionRow, sessionWorld } from '../../utils/session-factories';

const messages = (result: { error?: { issues: { message: string }[] } }) =>
	result.error?.issues.map((issue) => issue.message) ?? [];

describe('guestJoinSchema', () => {
	it('trims and upper-cases the code and trims the name', () => {
		expect(guestJoinSchema.parse({ code: '  ab3k7z ', name: '  Gina Guest ' })).toEqual({
			code: 'AB3K7Z',
			name: 'Gina Guest'
		});
	});

	it('refuses malformed codes and names', () => {
		for (const code of ['', 'AB3K7', 'AB3K7ZZ', 'AB-K7Z', 'AB K7Z', 'ÄB3K7Z'])
			expect(messages(guestJoinSchema.safeParse({ code, name: 'Gina' })), code).toEqual([
				'guest_code_invalid'
			]);
		expect(messages(guestJoinSchema.safeParse({ code: 'AB3K7Z', name: '   ' }))).toEqual([
			'name_required'
		]);
		expect(
			messages(guestJoinSchema.safeParse({ code: 'AB3K7Z', name: 'n'.repeat(NAME_MAX + 1) }))
		).toEqual(['name_too_long']);
	});
});

describe('joinAsGuest', () => {
	it('joins the session of a code typed in lower case, once normalized by the schema', async () => {
		const { sessionId } = await sessionWorld({ allowGuests: true });
		const { guestCode } = await sessionRow(sessionId);
		const typed = guestJoinSchema.parse({
			code: ` ${(guestCode ?? '').toLowerCase()} `,
			name: ' Gina Guest '
		});
		const joined = await joinAsGuest(db, typed.code, typed.name);
		expect(joined.sessionId).toBe(sessionId);
		expect(joined.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
		const row = (await participantRows(sessionId)).find((p) => p.id === joined.participantId);
		expect(row).toMatchObject({ userId: null, guestName: 'Gina Guest', isFacilitator: false });
		// Only a hash of the token is stored.
		expect(row?.guestTokenHash).toMatch(/^[0-9a-f]{64}$/);
		expect(row?.guestTokenHash).not.toContain(joined.token);
	});

	it('refuses a wrong code and writes nothing', async () => {
		const { sessionId } = await sessionWorld({ allowGuests: true });
		const { guestCode } = await sessionRow(sessionId);
		const before = await db.select().from(sessionParticipants);
		// A code of a session without guests is null, never '' or a match.
		const wrong = ['ZZZZZZ', (guestCode ?? '').toLowerCase(), '', guestCode?.slice(0, 5) ?? ''];
		for (const code of wrong.filter((code) => code !== guestCode))
			await expect(joinAsGuest(db, code, 'Mallory')).rejects.toMatchObject({
				code: 'guest_code_invalid',
				status: 404,
				field: 'code'
			});
		expect(await db.select().from(sessionParticipants)).toEqual(before);
	});

	it('makes no second place for a second browser with a guest’s name: it asks for that place instead', async () => {
		const { sessionId } = await sessionWorld({ allowGuests: true });
		const { guestCode } = await sessionRow(sessionId);
		const first = await joinAsGuest(db, guestCode ?? '', 'Sam');
		const second = await joinAsGuest(db, guestCode ?? '', 'Sam');
		expect(second).toMatchObject({ participantId: first.participantId, waiting: true });
		expect(first.token).not.toBe(second.token);
		// Until the facilitator confirms (see guest-reclaim.test.ts) the second browser has no place.
		expect(await resolveGuest(db, second.token)).toBeNull();
		const other = await joinAsGuest(db, guestCode ?? '', 'Sam from Sales');
		expect(other.participantId).not.toBe(first.participantId);
		expect(other.waiting).toBe(false);
	});
});

describe('resolveGuest', () => {
	it('finds the guest a token belongs to', async () => {
		const { sessionId } = await sessionWorld({ allowGuests: true });
		const { guestCode } = await sessionRow(sessionId);
		const joined = await joinAsGuest(db, guestCode ?? '', 'Gina Guest');
		expect(await resolveGuest(db, joined.token)).toEqual({
			kind: 'guest',
			participantId: joined.participantId,
			sessionId,
			name: 'Gina Guest'
		});
	});

	it('finds nobody for a garbage, unknown or altered token', async () => {
		const { sessionId } = await sessionWorld({ allowGuests: true });
		const { guestCode } = await sessionRow(sessionId);
		const joined = await joinAsGuest(db, guestCode ?? '', 'Gina Guest');
		const altered = (joined.token[0] === 'A' ? 'B' : 'A') + joined.token.slice(1);
		for (const token of [
			'',
			'garbage',
			"' or 1=1 --",
			'x'.repeat(43),
			altered,
			joined.token + 'x',
			` ${joined.token}`,
			joined.token.slice(0, 42) + '!'
		])
			expect(await resolveGuest(db, token), JSON.stringify(token)).toBeNull();
	});

	it('finds nobody once the session is deleted', async () => {
		const { sessionId } = await sessionWorld({ allowGuests: true });
		const { guestCode } = await sessionRow(sessionId);
		const joined = await joinAsGuest(db, guestCode ?? '', 'Gina Guest');
		await db.delete(strategySessions).where(eq(strategySessions.id, sessionId));
		expect(await resolveGuest(db, joined.token)).toBeNull();
	});
});
