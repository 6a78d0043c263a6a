// A session brought to the consensus stage, with saved draft versions inserted directly (stage 4
// saves them from the live document; here only the rows matter), and helpers to run it through.
import { db } from '$lib/server/db';
import { draftVersions } from '$lib/server/db/schema';
import { goToStage } from '$lib/server/sessions/controls';
import { createSession } from '$lib/server/sessions/sessions';
import type { StageKey } from '$lib/sessions/stages';
import { answerConsensus, openConsensusRound } from '$lib/server/consensus/rounds';
import { createAdmin, createMember } from './factories';
import { joinGuest, userActor } from './session-factories';

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
	const { actor: gina } = await joinGuest(sessionId, 'Gina Guest');
	const facilitator = userActor(admin);
	await goToStage(db, facilitator, sessionId, options.stage ?? 'consensus');
	const v1 = await saveVersion(sessionId, 1, 'We treat every customer as a partner.');
	return {
		sessionId,
		workspaceId: admin.workspaceId,
		v1,
		accounts: { admin, cora, alice, bob, olga },
		actors: {
			facilitator,
			cora: userActor(cora),
			alice: userActor(alice),
			bob: userActor(bob),
			olga: userActor(olga),
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
