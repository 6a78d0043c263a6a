// Exports a whole session as a `focusboard.session/1` file, for backup or to import it into another
// workspace. Only a facilitator of the session or an admin of its workspace may; the file holds
// nothing they could not see: definitions only after the reveal (never unsubmitted drafts), vote
// totals only of revealed votes (never one person's dots), and under full anonymity no link
// between a person and what they wrote or answered.
import { randomUUID } from 'node:crypto';
import { and, asc, eq, inArray } from 'drizzle-orm';
import * as Y from 'yjs';
import type { Db } from '../db';
import {
	consensusAnswers,
	consensusRounds,
	publications,
	sessionParticipants,
	users
} from '../db/schema';
import { loadOutputsViewer, requireExporter } from './access';
import { encodeDocument, rewrittenBoardState } from './documents-file';
import { readDoc, type SessionDocs } from './documents';
import { documentKinds, SESSION_FORMAT, type SessionFile } from './format';
import { fileStem } from './http';
import { submittedDefinitions, voteRoundsWithTotals } from './report';
import { sessionVersions } from '../draft/versions';
import { provenanceFor } from '../consensus/rounds';

/** The whole session as a file its facilitator can keep or import elsewhere. */
export async function exportSession(
	db: Db,
	userId: string,
	workspaceId: string,
	sessionId: string,
	docs: SessionDocs,
	now = new Date()
): Promise<SessionFile> {
	const viewer = await loadOutputsViewer(db, userId, workspaceId, sessionId);
	requireExporter(viewer);
	const { session } = viewer;
	const linked = session.anonymity !== 'full';

	const people = await db
		.select({
			id: sessionParticipants.id,
			userName: users.name,
			guestName: sessionParticipants.guestName,
			userId: sessionParticipants.userId,
			isFacilitator: sessionParticipants.isFacilitator
		})
		.from(sessionParticipants)
		.leftJoin(users, eq(users.id, sessionParticipants.userId))
		.where(eq(sessionParticipants.sessionId, session.id));
	const participants: SessionFile['participants'] = people
		.map((row) => ({
			ref: linked ? row.id : randomUUID(),
			name: row.userName ?? row.guestName,
			facilitator: row.isFacilitator,
			guest: row.userId === null
		}))
		// Under full anonymity the named list says who took part; contributions get contributors of their own.
		.filter((person) => linked || person.name !== null)
		.sort(
			(a, b) =>
				Number(b.facilitator) - Number(a.facilitator) || (a.name ?? '').localeCompare(b.name ?? '')
		);
	/** The ref a contribution of `participantId` carries: the person's, or a fresh anonymous contributor. */
	const contributor = (participantId: string): string => {
		if (linked) return participantId;
		const ref = randomUUID();
		participants.push({ ref, name: null, facilitator: false, guest: true });
		return ref;
	};

	const definitions = session.definitionsRevealedAt
		? (await submittedDefinitions(db, session.id)).map((row) => ({
				ref: row.id,
				participant: contributor(row.participantId),
				text: row.text,
				roleTag: row.roleTag,
				submittedAt: row.submittedAt.toISOString()
			}))
		: [];

	const voteRounds = (await voteRoundsWithTotals(db, session.id)).map((round) => ({
		status: round.status,
		budget: round.budget,
		maxPerItem: round.maxPerItem,
		openedAt: round.openedAt.toISOString(),
		closedAt: round.closedAt?.toISOString() ?? null,
		items: round.items
	}));

	const versions = await sessionVersions(db, session.id);

	const rounds = await db
		.select()
		.from(consensusRounds)
		.where(eq(consensusRounds.sessionId, session.id))
		.orderBy(asc(consensusRounds.openedAt), asc(consensusRounds.id));
	const answers = rounds.length
		? await db
				.select()
				.from(consensusAnswers)
				.where(
					inArray(
						consensusAnswers.roundId,
						rounds.map((round) => round.id)
					)
				)
				.orderBy(asc(consensusAnswers.answeredAt))
		: [];

	const published = await db
		.select()
		.from(publications)
		.where(
			and(eq(publications.sessionId, session.id), eq(publications.workspaceId, session.workspaceId))
		)
		.orderBy(asc(publications.version));
	const roundIds = new Set(rounds.map((round) => round.id));

	const documents: SessionFile['documents'] = { board: null, criteria: null, draft: null };
	for (const kind of documentKinds)
		documents[kind] = await readDoc(docs, session, kind, (doc) => {
			if (doc.store.clients.size === 0) return null;
			if (kind !== 'board' || session.anonymity === 'off') return encodeDocument(doc);
			// The board holds names only while anonymity is off; a later change of the setting does not take them out.
			const state = rewrittenBoardState(Y.encodeStateAsUpdate(doc), { keepAuthors: false });
			return Buffer.from(state).toString('base64');
		});

	return {
		format: SESSION_FORMAT,
		exportedAt: now.toISOString(),
		session: {
			title: session.title,
			goal: session.goal,
			scheduledOn: session.scheduledOn,
			anonymity: session.anonymity,
			stages: session.stages,
			currentStage: session.currentStage,
			locked: session.locked,
			definitionsRevealedAt: session.definitionsRevealedAt?.toISOString() ?? null
		},
		participants,
		definitions,
		votes: voteRounds,
		versions: versions.map(({ id, ...row }) => ({
			ref: id,
			...row,
			createdAt: row.createdAt.toISOString()
		})),
		consensus: rounds.map((round) => ({
			ref: round.id,
			version: round.versionId,
			status: round.status,
			openedAt: round.openedAt.toISOString(),
			closedAt: round.closedAt?.toISOString() ?? null,
			answers: answers
				.filter((answer) => answer.roundId === round.id)
				.map((answer) => ({
					participant: contributor(answer.participantId),
					answer: answer.answer,
					comment: answer.comment,
					answeredAt: answer.answeredAt.toISOString()
				})),
			// Under full anonymity who answered what stays out, as the answers' authors do.
			provenance: round.provenance ? provenanceFor(round.provenance, linked) : null
		})),
		publications: published.map((row) => ({
			round:
				row.consensusRoundId && roundIds.has(row.consensusRoundId) ? row.consensusRoundId : null,
			publishedAt: row.publishedAt.toISOString(),
			definitionHtml: row.definitionHtml,
			definitionText: row.definitionText,
			explanation: row.explanation,
			rules: row.rules,
			participants: row.participants,
			consensus: row.consensus,
			provenance: row.provenance
		})),
		documents
	};
}

/** A file name for the export: the session's title in safe characters, and the date. */
export function exportFileName(title: string, now = new Date()): string {
	return `${fileStem(title, 'session')}-${now.toISOString().slice(0, 10)}.focusboard.json`;
}
