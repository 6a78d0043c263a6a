// A strategy session built through the real services, with the people its rules are about: the
// admin who created it (facilitator), a workspace facilitator who was not chosen, two chosen
// members, a member who was not chosen, and the admin of another workspace.
import { eq } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { sessionParticipants, strategySessions } from '$lib/server/db/schema';
import type { SessionActor } from '$lib/server/sessions/access';
import { joinAsGuest, resolveGuest } from '$lib/server/sessions/guests';
import { createSession, type NewSession } from '$lib/server/sessions/sessions';
import { createAdmin, createMember } from './factories';

/** The session actor of a signed-in test account. */
export function userActor(account: { userId: string; name: string }): SessionActor {
	return { kind: 'user', userId: account.userId, name: account.name };
}

/** The session's row as stored now. */
export async function sessionRow(sessionId: string) {
	const [row] = await db.select().from(strategySessions).where(eq(strategySessions.id, sessionId));
	if (!row) throw new Error(`no session ${sessionId}`);
	return row;
}

/** The session's participant rows. */
export async function participantRows(sessionId: string) {
	return db.select().from(sessionParticipants).where(eq(sessionParticipants.sessionId, sessionId));
}

/** A guest joins through the real code and is resolved from their cookie token, as a request would be. */
export async function joinGuest(sessionId: string, name: string) {
	const { guestCode } = await sessionRow(sessionId);
	if (!guestCode) throw new Error('the session does not admit guests');
	const joined = await joinAsGuest(db, guestCode, name);
	const actor = await resolveGuest(db, joined.token);
	if (!actor) throw new Error('a fresh guest token did not resolve');
	return { ...joined, actor };
}

/** A workspace with its people and one session in it (see the file comment). */
export async function sessionWorld(options: Partial<Omit<NewSession, 'participantIds'>> = {}) {
	const admin = await createAdmin('Fay Facilitator');
	const [cora, alice, bob, olga] = await Promise.all([
		createMember(admin, 'facilitator', 'Cora Cohost'),
		createMember(admin, 'member', 'Alice Andreeva'),
		createMember(admin, 'member', 'Bob Borisov'),
		createMember(admin, 'member', 'Olga Outsider')
	]);
	const stranger = await createAdmin('Sam Stranger');
	const sessionId = await createSession(db, admin.userId, admin.workspaceId, {
		title: 'Customer focus',
		goal: 'Agree what customer focus means for us',
		scheduledOn: null,
		anonymity: 'partial',
		allowGuests: false,
		...options,
		participantIds: [alice.userId, bob.userId]
	});
	return {
		sessionId,
		workspaceId: admin.workspaceId,
		accounts: { admin, cora, alice, bob, olga, stranger },
		actors: {
			facilitator: userActor(admin),
			coFacilitator: userActor(cora),
			alice: userActor(alice),
			bob: userActor(bob),
			outsider: userActor(olga),
			stranger: userActor(stranger)
		}
	};
}
