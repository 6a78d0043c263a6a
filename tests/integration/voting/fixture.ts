// A strategy session at stage 3 with a facilitator, a co-facilitator, two members, a guest and a
// member of the workspace who does not take part; the criteria document is an in-memory Y.Doc.
import { eq } from 'drizzle-orm';
import * as Y from 'yjs';
import { addCriterion } from '$lib/criteria/doc';
import { db } from '$lib/server/db';
import { strategySessions } from '$lib/server/db/schema';
import type { SessionActor } from '$lib/server/sessions/access';
import type { StageKey } from '$lib/sessions/stages';
import { goToStage } from '$lib/server/sessions/controls';
import { joinAsGuest } from '$lib/server/sessions/guests';
import { createSession } from '$lib/server/sessions/sessions';
import type { CriteriaDocAccess } from '$lib/server/voting';
import { createAdmin, createMember } from '../../utils/factories';

/** The actor of a signed-in test account. */
export function userActor(account: { userId: string; name: string }): SessionActor {
	return { kind: 'user', userId: account.userId, name: account.name };
}

/** Criteria proposed in the fixture session, in list order. */
export const PROPOSALS = [
	'Short enough to remember',
	'Says what the customer gets',
	'Covers internal customers'
];

export async function votingSession({
	stage = 'criteria',
	proposals = PROPOSALS
}: { stage?: StageKey | null; proposals?: string[] } = {}) {
	const admin = await createAdmin('Fay Facilitator');
	const alice = await createMember(admin, 'member', 'Alice Andreeva');
	const bob = await createMember(admin, 'member', 'Bob Borisov');
	const cora = await createMember(admin, 'facilitator', 'Cora Cohost');
	const olga = await createMember(admin, 'member', 'Olga Outsider');
	const sessionId = await createSession(db, admin.userId, admin.workspaceId, {
		title: 'Customer focus',
		goal: '',
		scheduledOn: null,
		anonymity: 'partial',
		allowGuests: true,
		participantIds: [alice.userId, bob.userId]
	});
	const [{ guestCode }] = await db
		.select({ guestCode: strategySessions.guestCode })
		.from(strategySessions)
		.where(eq(strategySessions.id, sessionId));
	if (!guestCode) throw new Error('the fixture session admits guests');
	const joined = await joinAsGuest(db, guestCode, 'Gina Guest');
	const actors = {
		facilitator: userActor(admin),
		coFacilitator: userActor(cora),
		alice: userActor(alice),
		bob: userActor(bob),
		outsider: userActor(olga),
		guest: {
			kind: 'guest',
			participantId: joined.participantId,
			sessionId,
			name: 'Gina Guest'
		} satisfies SessionActor
	};
	if (stage) await goToStage(db, actors.facilitator, sessionId, stage);
	const doc = new Y.Doc();
	for (const text of proposals) addCriterion(doc, text);
	const docOf = (session: { id: string }) => {
		if (session.id !== sessionId) throw new Error('another session’s document');
		return doc;
	};
	const criteriaDoc: CriteriaDocAccess = {
		change: (session, fn) => Promise.resolve(fn(docOf(session))),
		read: (session, read) => Promise.resolve(read(docOf(session)))
	};
	return {
		sessionId,
		workspaceId: admin.workspaceId,
		actors,
		accounts: { facilitator: admin, alice, bob },
		doc,
		criteriaDoc
	};
}

/** Item ids of a view's round, by item text. */
export function itemIds(view: {
	round: { items: { id: string; text: string }[] } | null;
}): Record<string, string> {
	return Object.fromEntries((view.round?.items ?? []).map((item) => [item.text, item.id]));
}
