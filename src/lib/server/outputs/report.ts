// Builds the session report: one read of everything the session produced, shaped by what the
// viewer may see. Definitions appear only after the reveal; vote totals only for a revealed vote
// (individual votes are read only to be summed); authors of definitions and consensus answers as
// the session's anonymity allows the viewer.
import { and, asc, eq, inArray, sum } from 'drizzle-orm';
import { readBoard, type BoardState } from '$lib/board/doc';
import { readCriteria } from '$lib/criteria/doc';
import {
	answerOrder,
	showsAuthors,
	type ReportCriteria,
	type ReportDefinition,
	type ReportParticipant,
	type ReportRound,
	type ReportTheme,
	type SessionReport
} from '$lib/outputs/report';
import type { Db, DbOrTx } from '../db';
import { voiceReport } from '../voice/report-section';
import { sessionVersions } from '../draft/versions';
import {
	consensusAnswers,
	consensusRounds,
	draftVersions,
	ownDefinitions,
	publications,
	sessionParticipants,
	users,
	voteItems,
	voteRounds,
	votes
} from '../db/schema';
import { tallyAnswers } from '../consensus/rules';
import { provenanceFor } from '../consensus/rounds';
import { sanitizeDefinitionHtml } from '../publications/sanitize';
import { rankByTotal } from '../voting';
import { loadOutputsViewer, type OutputsViewer } from './access';
import { readDoc, type SessionDocs } from './documents';

type ParticipantInfo = { name: string | null; facilitator: boolean; guest: boolean };

/**
 * Participants by id. A row with neither account nor name is an anonymous contributor of an
 * imported session under full anonymity: it holds a definition or an answer, not a person.
 */
async function participantInfo(
	db: DbOrTx,
	sessionId: string
): Promise<Map<string, ParticipantInfo>> {
	const rows = await db
		.select({
			id: sessionParticipants.id,
			userId: sessionParticipants.userId,
			guestName: sessionParticipants.guestName,
			userName: users.name,
			isFacilitator: sessionParticipants.isFacilitator
		})
		.from(sessionParticipants)
		.leftJoin(users, eq(users.id, sessionParticipants.userId))
		.where(eq(sessionParticipants.sessionId, sessionId));
	return new Map(
		rows.map((row) => [
			row.id,
			{
				name: row.userName ?? row.guestName,
				facilitator: row.isFacilitator,
				guest: row.userId === null
			}
		])
	);
}

function participantList(info: Map<string, ParticipantInfo>): ReportParticipant[] {
	const people: ReportParticipant[] = [];
	for (const { name, facilitator, guest } of info.values())
		if (name !== null) people.push({ name, facilitator, guest });
	return people.sort(
		(a, b) => Number(b.facilitator) - Number(a.facilitator) || a.name.localeCompare(b.name)
	);
}

/** Submitted definitions of a revealed session, oldest submission first. */
export async function submittedDefinitions(db: DbOrTx, sessionId: string) {
	const rows = await db
		.select()
		.from(ownDefinitions)
		.where(eq(ownDefinitions.sessionId, sessionId))
		.orderBy(asc(ownDefinitions.submittedAt), asc(ownDefinitions.id));
	return rows.flatMap((row) =>
		row.submittedAt && row.text.trim() ? [{ ...row, submittedAt: row.submittedAt }] : []
	);
}

/**
 * Every vote round of a session, oldest first, with its items; totals are summed only for revealed
 * rounds, and include the dots an imported session carried over (`vote_items.carried_total`).
 */
export async function voteRoundsWithTotals(db: DbOrTx, sessionId: string) {
	const rounds = await db
		.select()
		.from(voteRounds)
		.where(eq(voteRounds.sessionId, sessionId))
		.orderBy(asc(voteRounds.openedAt), asc(voteRounds.id));
	if (!rounds.length) return [];
	const revealedIds = rounds
		.filter((round) => round.status === 'revealed')
		.map((round) => round.id);
	const items = await db
		.select()
		.from(voteItems)
		.where(
			inArray(
				voteItems.roundId,
				rounds.map((round) => round.id)
			)
		)
		.orderBy(asc(voteItems.position));
	const totals = new Map<string, number>();
	if (revealedIds.length) {
		const sums = await db
			.select({ itemId: votes.itemId, total: sum(votes.dots).mapWith(Number) })
			.from(votes)
			.where(inArray(votes.roundId, revealedIds))
			.groupBy(votes.itemId);
		for (const row of sums) totals.set(row.itemId, row.total || 0);
	}
	return rounds.map((round) => {
		const revealed = round.status === 'revealed';
		return {
			...round,
			items: items
				.filter((item) => item.roundId === round.id)
				.map((item) => ({
					text: item.text,
					position: item.position,
					isWinner: revealed && item.isWinner,
					total: revealed ? (totals.get(item.id) ?? 0) + item.carriedTotal : null
				}))
		};
	});
}

function criteriaSection(
	rounds: Awaited<ReturnType<typeof voteRoundsWithTotals>>,
	proposals: string[]
): ReportCriteria {
	const revealed = rounds.findLast((round) => round.status === 'revealed');
	const latest = rounds.at(-1);
	return {
		revealed: revealed
			? {
					budget: revealed.budget,
					maxPerItem: revealed.maxPerItem,
					closedAt: revealed.closedAt?.toISOString() ?? null,
					dotsGiven: revealed.items.reduce((dots, item) => dots + (item.total ?? 0), 0),
					items: rankByTotal(
						revealed.items.map((item) => ({ ...item, total: item.total ?? 0 }))
					).map(({ text, position, total, rank, isWinner }) => ({
						text,
						position,
						total,
						rank,
						isWinner
					}))
				}
			: null,
		pending:
			latest && latest.status !== 'revealed'
				? { status: latest.status, items: latest.items.map((item) => item.text) }
				: null,
		proposals
	};
}

function themesOf(board: BoardState, definitions: ReportDefinition[]): ReportTheme[] {
	// Within a theme, definitions keep the report's order (by submission), not the board's key order.
	return board.themes.map((theme) => ({
		id: theme.id,
		name: theme.name,
		definitionIds: definitions
			.filter((definition) => definition.themeId === theme.id)
			.map((definition) => definition.id)
	}));
}

/** Consensus rounds, oldest first, with every answer; authors as anonymity allows. */
async function consensusSection(
	db: DbOrTx,
	sessionId: string,
	info: Map<string, ParticipantInfo>,
	authors: boolean
): Promise<ReportRound[]> {
	const rounds = await db
		.select({
			id: consensusRounds.id,
			status: consensusRounds.status,
			openedAt: consensusRounds.openedAt,
			closedAt: consensusRounds.closedAt,
			provenance: consensusRounds.provenance,
			versionNumber: draftVersions.number,
			versionName: draftVersions.name
		})
		.from(consensusRounds)
		.innerJoin(draftVersions, eq(draftVersions.id, consensusRounds.versionId))
		.where(eq(consensusRounds.sessionId, sessionId))
		.orderBy(asc(consensusRounds.openedAt), asc(consensusRounds.id));
	if (!rounds.length) return [];
	const answers = await db
		.select()
		.from(consensusAnswers)
		.where(
			inArray(
				consensusAnswers.roundId,
				rounds.map((round) => round.id)
			)
		)
		.orderBy(asc(consensusAnswers.answeredAt));
	return rounds.map((round) => {
		const own = answers.filter((answer) => answer.roundId === round.id);
		return {
			versionNumber: round.versionNumber,
			versionName: round.versionName,
			status: round.status,
			openedAt: round.openedAt.toISOString(),
			closedAt: round.closedAt?.toISOString() ?? null,
			tally: tallyAnswers(own),
			provenance: round.provenance ? provenanceFor(round.provenance, authors) : null,
			answers: own
				.map((answer) => ({
					answer: answer.answer,
					comment: answer.comment,
					author: authors ? (info.get(answer.participantId)?.name ?? null) : null
				}))
				.sort((a, b) => answerOrder[a.answer] - answerOrder[b.answer])
		};
	});
}

/** The report of a session as `viewer` may see it. */
export async function buildReport(
	db: Db,
	viewer: OutputsViewer,
	docs: SessionDocs,
	now = new Date()
): Promise<SessionReport> {
	const { session } = viewer;
	const authors = showsAuthors(session.anonymity, viewer.facilitates);
	const info = await participantInfo(db, session.id);
	const revealed = session.definitionsRevealedAt !== null;
	const board = await readDoc(docs, session, 'board', readBoard);
	const proposals = await readDoc(docs, session, 'criteria', (doc) =>
		readCriteria(doc).map((criterion) => criterion.text)
	);
	const definitions: ReportDefinition[] = revealed
		? (await submittedDefinitions(db, session.id)).map((row) => ({
				id: row.id,
				text: row.text,
				roleTag: row.roleTag,
				author: authors ? (info.get(row.participantId)?.name ?? null) : null,
				themeId: board.cards.find((card) => card.id === row.id)?.themeId ?? null
			}))
		: [];
	const criteria = criteriaSection(await voteRoundsWithTotals(db, session.id), proposals);
	const versions = await sessionVersions(db, session.id);
	const published = await db
		.select()
		.from(publications)
		.where(
			and(eq(publications.sessionId, session.id), eq(publications.workspaceId, session.workspaceId))
		)
		.orderBy(asc(publications.version));
	return {
		session: {
			id: session.id,
			workspaceId: session.workspaceId,
			workspaceName: viewer.workspaceName,
			title: session.title,
			goal: session.goal,
			scheduledOn: session.scheduledOn,
			anonymity: session.anonymity,
			stages: session.stages,
			currentStage: session.currentStage
		},
		generatedAt: now.toISOString(),
		showsAuthors: authors,
		participants: participantList(info),
		definitions: { revealed, items: definitions },
		themes: themesOf(board, definitions),
		criteria,
		winners:
			criteria.revealed?.items.filter((item) => item.isWinner).map((item) => item.text) ?? [],
		versions: versions.map(({ id, ...version }) => ({
			...version,
			createdAt: version.createdAt.toISOString(),
			html: sanitizeDefinitionHtml(version.html)
		})),
		consensus: await consensusSection(db, session.id, info, authors),
		publications: published.map((row) => ({
			version: row.version,
			publishedAt: row.publishedAt.toISOString(),
			definitionHtml: sanitizeDefinitionHtml(row.definitionHtml),
			definitionText: row.definitionText,
			explanation: row.explanation,
			rules: row.rules,
			consensus: row.consensus,
			provenance: row.provenance
		})),
		voice: await voiceReport(db, viewer.userId, session.workspaceId, session.id)
	};
}

/** The report of a session for a signed-in member (see `loadOutputsViewer` for who may read it). */
export async function loadReport(
	db: Db,
	userId: string,
	workspaceId: string,
	sessionId: string,
	docs: SessionDocs
) {
	return buildReport(db, await loadOutputsViewer(db, userId, workspaceId, sessionId), docs);
}
