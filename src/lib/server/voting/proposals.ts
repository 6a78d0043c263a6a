// The proposed criteria live in the session's `criteria` Yjs room. Members edit them over their
// sync connection; the server reads them to freeze a vote, and edits them for those without a sync
// connection (guests). The document is reached through `CriteriaDocAccess`, so the domain runs
// (and is tested) without a sync server.
import type * as Y from 'yjs';
import { addCriterion, editCriterion, readCriteria, removeCriterion } from '$lib/criteria/doc';
import type { ProposalAction, ProposalItem } from '$lib/criteria/voting';
import type { Db } from '../db';
import { loadSessionContext, requireOpenStage, type SessionActor } from '../sessions/access';
import { events, rooms } from '../ports';
import { sessionRoomName } from '../sessions/rooms';

/** Runs `fn` on the session's criteria document; what it changes is stored and sent to every client. */
export type CriteriaDocAccess = (
	session: { id: string; workspaceId: string },
	fn: (doc: Y.Doc) => void
) => Promise<void>;

/** The criteria document in the app's rooms. */
export const syncCriteriaDoc: CriteriaDocAccess = (session, fn) =>
	rooms.change(sessionRoomName(session, 'criteria'), fn);

/** The proposed criteria, for a participant who reads them over HTTP. */
export async function listProposals(
	db: Db,
	actor: SessionActor,
	sessionId: string,
	criteriaDoc: CriteriaDocAccess
): Promise<ProposalItem[]> {
	const ctx = await loadSessionContext(db, actor, sessionId);
	let proposals: ProposalItem[] = [];
	await criteriaDoc(ctx.session, (doc) => {
		proposals = readCriteria(doc).map(({ id, text }) => ({ id, text }));
	});
	return proposals;
}

/** Adds, rewrites or removes a proposal for a participant without a sync connection. */
export async function changeProposal(
	db: Db,
	actor: SessionActor,
	sessionId: string,
	action: ProposalAction,
	criteriaDoc: CriteriaDocAccess
): Promise<ProposalItem[]> {
	const ctx = await loadSessionContext(db, actor, sessionId);
	requireOpenStage(ctx, 'criteria', { allowLocked: ctx.isFacilitator });
	let proposals: ProposalItem[] = [];
	await criteriaDoc(ctx.session, (doc) => {
		if (action.action === 'add') addCriterion(doc, action.text);
		else if (action.action === 'edit') editCriterion(doc, action.id, action.text);
		else removeCriterion(doc, action.id);
		proposals = readCriteria(doc).map(({ id, text }) => ({ id, text }));
	});
	events.publish(sessionId, 'criteria');
	return proposals;
}
