// What the consensus stage exchanges between server and screen: shapes and bounds of input.
// Shared by the service (which enforces the bounds) and the components (which show them).

/** The three answers of the consensus check. */
export const consensusAnswers = ['accept', 'concern', 'object'] as const;
export type ConsensusAnswer = (typeof consensusAnswers)[number];

/** Longest comment on an answer. */
export const COMMENT_MAX = 1000;

/** State of a round: answering, everyone agreed, someone objected, or replaced by the facilitator. */
export type RoundStatus = 'open' | 'agreed' | 'objected' | 'cancelled';

/** How many gave each answer. */
export type Tally = Record<ConsensusAnswer, number>;

/** A saved draft version the facilitator may put to consensus. */
export type VersionSummary = { id: string; number: number; name: string; createdAt: string };

/** One answer's comment as every participant sees it; `author` is null when anonymity hides it. */
export type AnswerComment = {
	answer: ConsensusAnswer;
	comment: string;
	author: string | null;
	mine: boolean;
};

/** A consensus round as one viewer may see it. */
export type RoundView = {
	id: string;
	status: RoundStatus;
	openedAt: string;
	closedAt: string | null;
	version: { id: string; number: number; name: string; html: string };
	tally: Tally;
	/** How many have answered, and how many answers the round needs (every participant but the facilitators). */
	answered: number;
	expected: number;
	/** Answers from those expected that agreement needs when the facilitator closes the round early. */
	needed: number;
	/** While open: why the facilitator may not close it with the answers given yet, or null. */
	closeBlock: 'objected' | 'too_few_answers' | null;
	/** How a closed round was closed (null while open, and for rounds closed before this was kept). */
	closedBy: RoundProvenance['closedBy'] | null;
	/** Answers that carry a comment, objections first. */
	comments: AnswerComment[];
	/** Facilitators only: who has not answered yet (never what anyone answered). */
	waitingFor: string[] | null;
};

/** Stage 5 as one viewer may see it. */
export type ConsensusView = {
	isFacilitator: boolean;
	/** True while the viewer may answer (a round is open, the stage is current and not locked). */
	canAnswer: boolean;
	versions: VersionSummary[];
	/** The latest round that was not cancelled, or null before the first one. */
	round: RoundView | null;
	mine: { answer: ConsensusAnswer; comment: string } | null;
	/** The round before the current one, when it ended in objection (e.g. "version 2 was objected"). */
	history: { versionNumber: number; status: RoundStatus; tally: Tally; closedAt: string | null }[];
};

/** Objections (and concerns) to the last version put to consensus, for stage 4. */
export type Objections = {
	roundId: string;
	versionNumber: number;
	versionName: string;
	closedAt: string | null;
	comments: AnswerComment[];
};

/**
 * Who stood where when a round closed, kept as it was then (later roster changes and renames do
 * not rewrite it). `accepted`, `concerns` and `objected` are null when answers were anonymous to
 * whoever this copy is for; `answered` then still names who answered.
 */
export type RoundProvenance = {
	accepted: string[] | null;
	concerns: string[] | null;
	objected: string[] | null;
	answered: string[];
	/** Excused by the facilitator when the round closed. */
	excused: string[];
	/** Expected to answer and did not. */
	notAnswered: string[];
	/** How many answers the round expected, and how many agreement needed. */
	expected: number;
	needed: number;
	/** `everyone`: closed by the answers themselves; `facilitator`: closed with the answers given. */
	closedBy: 'answers' | 'facilitator';
};
