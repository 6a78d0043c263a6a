// Stage 5 as each reader may see it: the current round with its live tally and comments, earlier
// rounds, and for stage 4 the objections of the latest round. Authors are shown as the session's
// anonymity allows.
import { and, desc, eq, ne } from 'drizzle-orm';
import type {
	AnswerComment,
	ConsensusAnswer,
	ConsensusView,
	Objections,
	RoundView
} from '$lib/consensus/model';
import type { Db, DbOrTx } from '../db';
import { consensusAnswers, consensusRounds, draftVersions } from '../db/schema';
import { participantNames, type SessionContext } from '../sessions/access';
import { sanitizeDefinitionHtml } from '../publications/sanitize';
import { expectedParticipants, latestRound, roundAnswers, type RoundRow } from './rounds';
import { answersNeeded, closeBlock, tallyAnswers } from './rules';

/** Whether `ctx` may see who gave an answer: the session's anonymity rule, as for definitions. */
function showsAuthors(ctx: SessionContext): boolean {
	return (
		ctx.session.anonymity === 'off' || (ctx.session.anonymity === 'partial' && ctx.isFacilitator)
	);
}

const answerOrder: Record<ConsensusAnswer, number> = { object: 0, concern: 1, accept: 2 };

/** Answers with a comment as `ctx` may see them: objections first, then concerns, then the rest. */
function commentsFor(
	ctx: SessionContext,
	answers: { participantId: string; answer: ConsensusAnswer; comment: string }[],
	names: Map<string, string>
): AnswerComment[] {
	const authors = showsAuthors(ctx);
	return answers
		.filter((a) => a.comment.trim())
		.sort((a, b) => answerOrder[a.answer] - answerOrder[b.answer])
		.map((a) => ({
			answer: a.answer,
			comment: a.comment,
			author: authors ? (names.get(a.participantId) ?? null) : null,
			mine: a.participantId === ctx.participant.id
		}));
}

/** Saved versions of the session's draft, newest first. */
async function listVersions(db: DbOrTx, sessionId: string) {
	const rows = await db
		.select({
			id: draftVersions.id,
			number: draftVersions.number,
			name: draftVersions.name,
			createdAt: draftVersions.createdAt
		})
		.from(draftVersions)
		.where(eq(draftVersions.sessionId, sessionId))
		.orderBy(desc(draftVersions.number));
	return rows.map((row) => ({ ...row, createdAt: row.createdAt.toISOString() }));
}

/** One round with its version, tally and comments, as `ctx` may see it. */
async function buildRoundView(
	db: DbOrTx,
	ctx: SessionContext,
	round: RoundRow,
	answers: (typeof consensusAnswers.$inferSelect)[],
	names: Map<string, string>
): Promise<RoundView> {
	const [version] = await db
		.select()
		.from(draftVersions)
		.where(eq(draftVersions.id, round.versionId));
	const expected = await expectedParticipants(db, ctx.session.id);
	const answeredIds = new Set(answers.map((a) => a.participantId));
	return {
		id: round.id,
		status: round.status,
		openedAt: round.openedAt.toISOString(),
		closedAt: round.closedAt?.toISOString() ?? null,
		version: {
			id: version.id,
			number: version.number,
			name: version.name,
			html: sanitizeDefinitionHtml(version.html)
		},
		tally: tallyAnswers(answers),
		// "n of expected" counts the people waited for; a facilitator's answer is in the tally only.
		answered: expected.filter((id) => answeredIds.has(id)).length,
		expected: expected.length,
		needed: answersNeeded(expected.length),
		closeBlock: round.status === 'open' ? closeBlock(answers, expected) : null,
		closedBy: round.provenance?.closedBy ?? null,
		comments: commentsFor(ctx, answers, names),
		waitingFor: ctx.isFacilitator
			? expected
					.filter((id) => !answeredIds.has(id))
					.map((id) => names.get(id) ?? '?')
					.sort((a, b) => a.localeCompare(b))
			: null
	};
}

/**
 * Stage 5 as the actor may see it: the versions to choose from, the current round with its live
 * tally and every comment (authors as anonymity allows), the actor's own answer, earlier rounds.
 */
export async function consensusView(db: Db, ctx: SessionContext): Promise<ConsensusView> {
	const rounds = await db
		.select()
		.from(consensusRounds)
		.where(
			and(eq(consensusRounds.sessionId, ctx.session.id), ne(consensusRounds.status, 'cancelled'))
		)
		.orderBy(desc(consensusRounds.openedAt));
	const [current, ...earlier] = rounds;
	const answers = await roundAnswers(
		db,
		rounds.map((r) => r.id)
	);
	const names = await participantNames(db, ctx.session.id);
	const currentAnswers = current ? answers.filter((a) => a.roundId === current.id) : [];
	const mine = currentAnswers.find((a) => a.participantId === ctx.participant.id);
	const versions = await listVersions(db, ctx.session.id);
	const versionNumbers = new Map(versions.map((v) => [v.id, v.number]));
	return {
		isFacilitator: ctx.isFacilitator,
		canAnswer:
			current?.status === 'open' && ctx.session.currentStage === 'consensus' && !ctx.session.locked,
		versions,
		round: current ? await buildRoundView(db, ctx, current, currentAnswers, names) : null,
		mine: mine ? { answer: mine.answer, comment: mine.comment } : null,
		history: earlier.map((round) => ({
			versionNumber: versionNumbers.get(round.versionId) ?? 0,
			status: round.status,
			tally: tallyAnswers(answers.filter((a) => a.roundId === round.id)),
			closedAt: round.closedAt?.toISOString() ?? null
		}))
	};
}

/**
 * For stage 4: when the latest consensus round ended in objection, the version it was about and
 * every comment on it (objections first, then concerns), authors as the session's anonymity
 * allows `ctx`. Null when the latest round did not end in objection.
 */
export async function latestObjections(
	db: DbOrTx,
	ctx: SessionContext
): Promise<Objections | null> {
	const round = await latestRound(db, ctx.session.id);
	if (!round || round.status !== 'objected') return null;
	const [version] = await db
		.select()
		.from(draftVersions)
		.where(eq(draftVersions.id, round.versionId));
	const answers = await roundAnswers(db, [round.id]);
	return {
		roundId: round.id,
		versionNumber: version.number,
		versionName: version.name,
		closedAt: round.closedAt?.toISOString() ?? null,
		comments: commentsFor(ctx, answers, await participantNames(db, ctx.session.id))
	};
}
