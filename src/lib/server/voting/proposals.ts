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

type SessionRef = { id: string; workspaceId: string };

/** The session's criteria document: changed in its room, read from the store. */
export type CriteriaDocAccess = {
	/** Runs `fn` on the document; what it changes is stored and sent to every client. */
	change(session: SessionRef, fn: (doc: Y.Doc) => void): Promise<void>;
	/** Reads something out of the document. */
	read<T>(session: SessionRef, read: (doc: Y.Doc) => T): Promise<T>;
};

/** The criteria document in the app's rooms. */
export const syncCriteriaDoc: CriteriaDocAccess = {
	change: (session, fn) => rooms.change(sessionRoomName(session, 'criteria'), fn),
	read: (session, read) => rooms.read(sessionRoomName(session, 'criteria'), read)
};

/** The proposed criteria, for a participant who reads them over HTTP. */
export async function listProposals(
	db: Db,
	actor: SessionActor,
	sessionId: string,
	criteriaDoc: CriteriaDocAccess
): Promise<ProposalItem[]> {
	const ctx = await loadSessionContext(db, actor, sessionId);
	return criteriaDoc.read(ctx.session, (doc) =>
		readCriteria(doc).map(({ id, text }) => ({ id, text }))
	);
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
	await criteriaDoc.change(ctx.session, (doc) => {
		if (action.action === 'add') addCriterion(doc, action.text);
		else if (action.action === 'edit') editCriterion(doc, action.id, action.text);
		else removeCriterion(doc, action.id);
		proposals = readCriteria(doc).map(({ id, text }) => ({ id, text }));
	});
	events.publish(sessionId, 'criteria');
	return proposals;
}
