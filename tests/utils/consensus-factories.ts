// A session brought to the consensus stage, with saved draft versions inserted directly (stage 4
// saves them from the live document; here only the rows matter), and helpers to run it through.
import { eq } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { draftVersions, sessionParticipants, strategySessions } from '$lib/server/db/schema';
import type { SessionActor } from '$lib/server/sessions/access';
import { goToStage } from '$lib/server/sessions/controls';
import { joinAsGuest, resolveGuest } from '$lib/server/sessions/guests';
import { createSession } from '$lib/server/sessions/sessions';
import type { StageKey } from '$lib/sessions/stages';
import { answerConsensus, openConsensusRound } from '$lib/server/consensus/rounds';
import { createAdmin, createMember } from './factories';

/** The session actor of a signed-in test account. */
export function actorOf(account: { userId: string; name: string }): SessionActor {
	return { kind: 'user', userId: account.userId, name: account.name };
}

/** Saves a frozen draft version of a session, as stage 4 would. */
export async function saveVersion(
	sessionId: string,
	number: number,
	text: string,
	html = `<p>${text}</p>`
) {
	const [row] = await db
		.insert(draftVersions)
		.values({ sessionId, number, name: `Version ${number}`, html, text })
		.returning();
	return row;
}

/** The session row as stored now. */
export async function sessionRow(sessionId: string) {
	const [row] = await db.select().from(strategySessions).where(eq(strategySessions.id, sessionId));
	return row;
}

/**
 * A workspace with an admin who facilitates a session of two members (Alice and Bob), a guest
 * (Gina), a facilitator of the workspace who is not in the session (Cora), a member who is not
 * in it (Olga); the session is on the consensus stage with version 1 saved.
 */
export async function consensusWorld(
	options: { anonymity?: 'off' | 'partial' | 'full'; stage?: StageKey } = {}
) {
	const admin = await createAdmin('Fay Facilitator');
	const [cora, alice, bob, olga] = await Promise.all([
		createMember(admin, 'facilitator', 'Cora Cohost'),
		createMember(admin, 'member', 'Alice Andreeva'),
		createMember(admin, 'member', 'Bob Borisov'),
		createMember(admin, 'member', 'Olga Outsider')
	]);
	const sessionId = await createSession(db, admin.userId, admin.workspaceId, {
		title: 'Customer focus 2026',
		goal: 'Agree what customer focus means for us',
		scheduledOn: null,
		anonymity: options.anonymity ?? 'off',
		allowGuests: true,
		participantIds: [alice.userId, bob.userId]
	});
	const [{ guestCode }] = await db
		.select({ guestCode: strategySessions.guestCode })
		.from(strategySessions)
		.where(eq(strategySessions.id, sessionId));
	if (!guestCode) throw new Error('the session does not admit guests');
	const joined = await joinAsGuest(db, guestCode, 'Gina Guest');
	const gina = await resolveGuest(db, joined.token);
	if (!gina) throw new Error('a fresh guest token did not resolve');
	const facilitator = actorOf(admin);
	await goToStage(db, facilitator, sessionId, options.stage ?? 'consensus');
	const v1 = await saveVersion(sessionId, 1, 'We treat every customer as a partner.');
	return {
		sessionId,
		workspaceId: admin.workspaceId,
		v1,
		accounts: { admin, cora, alice, bob, olga },
		actors: {
			facilitator,
			cora: actorOf(cora),
			alice: actorOf(alice),
			bob: actorOf(bob),
			olga: actorOf(olga),
			gina
		}
	};
}

export type ConsensusWorld = Awaited<ReturnType<typeof consensusWorld>>;

/** Opens a round on `versionId` and has Alice, Bob and Gina accept it: the round is agreed. */
export async function agreeOn(world: ConsensusWorld, versionId: string) {
	await openConsensusRound(db, world.actors.facilitator, world.sessionId, versionId);
	await answerConsensus(db, world.actors.alice, world.sessionId, { answer: 'accept', comment: '' });
	await answerConsensus(db, world.actors.bob, world.sessionId, {
		answer: 'concern',
		comment: 'Say who our customers are.'
	});
	return answerConsensus(db, world.actors.gina, world.sessionId, {
		answer: 'accept',
		comment: 'Clear to me.'
	});
}

/** Participant rows of the session. */
export function participantsOf(sessionId: string) {
	return db.select().from(sessionParticipants).where(eq(sessionParticipants.sessionId, sessionId));
}
