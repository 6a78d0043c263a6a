// The JSON export of a whole session, format `focusboard.session/1`, and its validation. The file
// carries what its maker (a facilitator or admin) may see: definitions only once revealed, vote
// totals only of revealed votes and never a single person's dots, authorship only when anonymity
// is not full. Entities point at each other by `ref` strings that mean nothing outside the file.
import { z } from 'zod';
import { COMMENT_MAX, consensusAnswers } from '$lib/consensus/model';
import { EXPLANATION_MAX, RULE_MAX, RULES_PER_LIST_MAX } from '$lib/publications/model';
import { CRITERION_MAX, VOTE_ITEMS_MAX } from '$lib/criteria/doc';
import { BUDGET_MAX } from '$lib/criteria/voting';
import { VERSION_NAME_MAX } from '$lib/draft/schema';
import { anonymityModes, STAGE_TITLE_MAX, stageKeys } from '$lib/sessions/stages';
import { NAME_MAX } from '$lib/validation/fields';
import { DEFINITION_MAX, GOAL_MAX, ROLE_TAG_MAX, TITLE_MAX } from '$lib/validation/session';

/** Name and version of the format; a file with any other is refused. */
export const SESSION_FORMAT = 'focusboard.session/1';

/** Largest file the import reads. */
export const IMPORT_MAX_BYTES = 8 * 1024 * 1024;

/** Largest Yjs document (decoded bytes) the import accepts per room. */
export const DOCUMENT_MAX_BYTES = 4 * 1024 * 1024;

/** Longest HTML or text of one saved version or publication. */
const VERSION_TEXT_MAX = 200_000;

/** The Yjs documents of a session's rooms. */
export const documentKinds = ['board', 'criteria', 'draft'] as const;

const ref = z.string().min(1).max(64);
const instant = z.iso.datetime({ offset: true });
const count = z.number().int().min(0).max(1_000_000);
const base64 = z
	.string()
	.max(Math.ceil(DOCUMENT_MAX_BYTES / 3) * 4)
	.regex(/^[A-Za-z0-9+/]*={0,2}$/, { error: 'not base64' })
	.refine((value) => value.length % 4 === 0, { error: 'not base64' });

const stage = z.object({
	key: z.enum(stageKeys),
	title: z.string().trim().min(1).max(STAGE_TITLE_MAX).nullable(),
	skipped: z.boolean()
});

const participant = z.object({
	ref,
	/** Null for an anonymous contributor (full anonymity): it holds a definition or an answer, not a person. */
	name: z.string().trim().min(1).max(NAME_MAX).nullable(),
	facilitator: z.boolean(),
	guest: z.boolean()
});

const definition = z.object({
	ref,
	participant: ref,
	text: z
		.string()
		.max(DEFINITION_MAX)
		.refine((text) => text.trim().length > 0, { error: 'empty' }),
	roleTag: z.string().max(ROLE_TAG_MAX),
	submittedAt: instant
});

const voteItem = z.object({
	text: z.string().trim().min(1).max(CRITERION_MAX),
	position: z
		.number()
		.int()
		.min(0)
		.max(VOTE_ITEMS_MAX * 10),
	isWinner: z.boolean(),
	/** All dots on the item together; null unless the vote was revealed. */
	total: count.nullable()
});

const voteRound = z.object({
	status: z.enum(['open', 'closed', 'revealed']),
	budget: z.number().int().min(1).max(BUDGET_MAX),
	maxPerItem: z.number().int().min(1).max(BUDGET_MAX),
	openedAt: instant,
	closedAt: instant.nullable(),
	items: z.array(voteItem).min(1).max(VOTE_ITEMS_MAX)
});

const version = z.object({
	ref,
	number: z.number().int().min(1).max(100_000),
	name: z.string().trim().min(1).max(VERSION_NAME_MAX),
	html: z.string().max(VERSION_TEXT_MAX),
	text: z.string().max(VERSION_TEXT_MAX),
	createdAt: instant,
	/** Who saved it, for the record; accounts do not move between workspaces. */
	createdBy: z.string().max(NAME_MAX).nullable()
});

const answer = z.object({
	participant: ref,
	answer: z.enum(consensusAnswers),
	comment: z.string().max(COMMENT_MAX),
	answeredAt: instant
});

const names = z.array(z.string().max(NAME_MAX)).max(1000);

/** Who stood where when a round closed (absent from files written before it was kept). */
const provenance = z
	.object({
		accepted: names.nullable(),
		concerns: names.nullable(),
		objected: names.nullable(),
		answered: names,
		excused: names,
		notAnswered: names,
		expected: count,
		needed: count,
		closedBy: z.enum(['answers', 'facilitator'])
	})
	.nullable()
	.optional();

const consensusRound = z.object({
	ref,
	version: ref,
	status: z.enum(['open', 'agreed', 'objected', 'cancelled']),
	openedAt: instant,
	closedAt: instant.nullable(),
	answers: z.array(answer).max(1000),
	provenance
});

const tally = z.object({ accept: count, concern: count, object: count });

const ruleList = z.array(z.string().trim().min(1).max(RULE_MAX)).max(RULES_PER_LIST_MAX);

const publication = z.object({
	/** The consensus round whose version was published. */
	round: ref.nullable(),
	publishedAt: instant,
	definitionHtml: z.string().max(VERSION_TEXT_MAX),
	definitionText: z.string().max(VERSION_TEXT_MAX),
	explanation: z.string().trim().min(1).max(EXPLANATION_MAX),
	rules: z.object({ always: ruleList, react: ruleList, never: ruleList }),
	participants: z.array(z.string().max(NAME_MAX)).max(1000),
	consensus: tally,
	provenance
});

const sessionFields = z.object({
	title: z.string().trim().min(1).max(TITLE_MAX),
	goal: z.string().max(GOAL_MAX),
	scheduledOn: z.iso.date().nullable(),
	anonymity: z.enum(anonymityModes),
	stages: z
		.array(stage)
		.length(stageKeys.length)
		.refine((stages) => new Set(stages.map((s) => s.key)).size === stageKeys.length, {
			error: 'each stage once'
		}),
	currentStage: z.enum(stageKeys),
	locked: z.boolean(),
	definitionsRevealedAt: instant.nullable()
});

/** Checks that refs point at what exists and the session's rules hold; reports where they do not. */
function checkReferences(file: z.output<typeof shape>, ctx: z.RefinementCtx): void {
	const issue = (path: (string | number)[], message: string) =>
		ctx.addIssue({ code: 'custom', path, message });
	const unique = <T>(
		items: T[],
		key: (item: T) => string | number,
		path: (index: number) => (string | number)[]
	) => {
		const seen = new Set<string | number>();
		items.forEach((item, index) => {
			const value = key(item);
			if (seen.has(value)) issue(path(index), 'duplicate');
			seen.add(value);
		});
	};
	const current = file.session.stages.find((stage) => stage.key === file.session.currentStage);
	if (current?.skipped) issue(['session', 'currentStage'], 'a skipped stage');
	const people = new Set(file.participants.map((p) => p.ref));
	unique(
		file.participants,
		(p) => p.ref,
		(i) => ['participants', i, 'ref']
	);

	if (file.definitions.length && !file.session.definitionsRevealedAt)
		issue(['definitions'], 'definitions of a session that did not reveal them');
	unique(
		file.definitions,
		(d) => d.ref,
		(i) => ['definitions', i, 'ref']
	);
	unique(
		file.definitions,
		(d) => d.participant,
		(i) => ['definitions', i, 'participant']
	);
	file.definitions.forEach((d, i) => {
		if (!people.has(d.participant)) issue(['definitions', i, 'participant'], 'unknown participant');
	});

	if (file.votes.filter((round) => round.status === 'open').length > 1)
		issue(['votes'], 'more than one open vote');
	file.votes.forEach((round, i) => {
		const revealed = round.status === 'revealed';
		if (round.maxPerItem > round.budget) issue(['votes', i, 'maxPerItem'], 'above the budget');
		unique(
			round.items,
			(item) => item.position,
			(j) => ['votes', i, 'items', j, 'position']
		);
		round.items.forEach((item, j) => {
			if (revealed !== (item.total !== null))
				issue(['votes', i, 'items', j, 'total'], 'totals only of a revealed vote');
			if (!revealed && item.isWinner)
				issue(['votes', i, 'items', j, 'isWinner'], 'winners only of a revealed vote');
		});
	});

	const versions = new Set(file.versions.map((v) => v.ref));
	unique(
		file.versions,
		(v) => v.ref,
		(i) => ['versions', i, 'ref']
	);
	unique(
		file.versions,
		(v) => v.number,
		(i) => ['versions', i, 'number']
	);

	const rounds = new Map(file.consensus.map((round) => [round.ref, round]));
	unique(
		file.consensus,
		(round) => round.ref,
		(i) => ['consensus', i, 'ref']
	);
	if (file.consensus.filter((round) => round.status === 'open').length > 1)
		issue(['consensus'], 'more than one open round');
	file.consensus.forEach((round, i) => {
		if (!versions.has(round.version)) issue(['consensus', i, 'version'], 'unknown version');
		unique(
			round.answers,
			(a) => a.participant,
			(j) => ['consensus', i, 'answers', j, 'participant']
		);
		round.answers.forEach((a, j) => {
			if (!people.has(a.participant))
				issue(['consensus', i, 'answers', j, 'participant'], 'unknown participant');
		});
	});

	unique(
		file.publications.filter((p) => p.round !== null),
		(p) => p.round ?? '',
		(i) => ['publications', i, 'round']
	);
	file.publications.forEach((p, i) => {
		if (p.round !== null && rounds.get(p.round)?.status !== 'agreed')
			issue(['publications', i, 'round'], 'not an agreed round');
	});
}

const shape = z.object({
	format: z.literal(SESSION_FORMAT),
	exportedAt: instant,
	session: sessionFields,
	participants: z.array(participant).max(2000),
	definitions: z.array(definition).max(1000),
	votes: z.array(voteRound).max(50),
	versions: z.array(version).max(500),
	consensus: z.array(consensusRound).max(200),
	publications: z.array(publication).max(50),
	/** Each room's document as one base64 Yjs update (the state as a whole); null for a room never used. */
	documents: z.object({
		board: base64.nullable(),
		criteria: base64.nullable(),
		draft: base64.nullable()
	})
});

/** A whole `focusboard.session/1` file, references checked. */
export const sessionFileSchema = shape.superRefine(checkReferences);

/** A session as exported. */
export type SessionFile = z.output<typeof shape>;
