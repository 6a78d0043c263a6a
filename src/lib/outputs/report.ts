// The session report: everything a strategy session produced, as one viewer may see it. Built on
// the server (`$lib/server/outputs/report`), rendered as the print page, Markdown and CSV. It holds
// only totals of votes, never who voted for what, and authors only where anonymity allows.
import type {
	AnswerComment,
	ConsensusAnswer,
	RoundProvenance,
	RoundStatus,
	Tally
} from '$lib/consensus/model';
import type { Rules } from '$lib/publications/model';
import type { VoteStatus } from '$lib/criteria/voting';
import type { Anonymity, Stage, StageKey } from '$lib/sessions/stages';
import type { VoiceReport } from '$lib/voice/model';

/** Someone who took part. */
export type ReportParticipant = { name: string; facilitator: boolean; guest: boolean };

/** A revealed own definition; `author` is null when anonymity hides it from the viewer. */
export type ReportDefinition = {
	id: string;
	text: string;
	roleTag: string;
	author: string | null;
	/** Theme it was grouped into on the board, or null while unsorted. */
	themeId: string | null;
};

/** A theme of the grouping board with the definitions grouped into it, in board order. */
export type ReportTheme = { id: string; name: string; definitionIds: string[] };

/** A criterion of a revealed vote with its total (all dots together; never who gave them). */
export type ReportCriterion = {
	text: string;
	/** Place in the proposal list when the vote opened. */
	position: number;
	total: number;
	/** 1 for the most dots; equal totals share a rank. */
	rank: number;
	isWinner: boolean;
};

/** Stage 3 as far as it got. */
export type ReportCriteria = {
	/** The latest vote whose results the facilitator revealed, ranked; null before any reveal. */
	revealed: {
		budget: number;
		maxPerItem: number;
		closedAt: string | null;
		/**
		 * All dots of the vote together. Zero means there are no totals to show: nobody voted, or
		 * the vote came in by import, whose totals the schema cannot hold yet (never shown as zeros).
		 */
		dotsGiven: number;
		items: ReportCriterion[];
	} | null;
	/** A later vote whose results are not shown (yet): its criteria, without totals. */
	pending: { status: Exclude<VoteStatus, 'revealed'>; items: string[] } | null;
	/** The proposals in the shared list now (shown when there is no vote at all). */
	proposals: string[];
};

/** A saved version of the shared definition. */
export type ReportVersion = {
	number: number;
	name: string;
	createdAt: string;
	/** Who saved it, when known in this workspace. */
	createdBy: string | null;
	/** Sanitized on the server; the only HTML of a report besides the publication's. */
	html: string;
	text: string;
};

/** One answer of a consensus round; `author` is null when anonymity hides it from the viewer. */
export type ReportAnswer = Pick<AnswerComment, 'answer' | 'comment' | 'author'>;

/** A consensus round on one frozen version. */
export type ReportRound = {
	versionNumber: number;
	versionName: string;
	status: RoundStatus;
	openedAt: string;
	closedAt: string | null;
	tally: Tally;
	answers: ReportAnswer[];
	/** Who agreed, had concerns, was excused or did not answer when it closed (per answer only where authors show); null while open. */
	provenance: RoundProvenance | null;
};

/** A definition this session published. */
export type ReportPublication = {
	version: number;
	publishedAt: string;
	/** Sanitized on the server. */
	definitionHtml: string;
	definitionText: string;
	explanation: string;
	rules: Rules;
	consensus: Tally;
	/** As it was published (per answer only when answers were not anonymous); null for older publications. */
	provenance: RoundProvenance | null;
};

/** Everything the session produced, as one viewer may see it. */
export type SessionReport = {
	session: {
		id: string;
		workspaceId: string;
		workspaceName: string;
		title: string;
		goal: string;
		scheduledOn: string | null;
		anonymity: Anonymity;
		stages: Stage[];
		currentStage: StageKey;
	};
	/** When the report was made. */
	generatedAt: string;
	/** Whether the viewer sees who wrote definitions and answers. */
	showsAuthors: boolean;
	participants: ReportParticipant[];
	definitions: { revealed: boolean; items: ReportDefinition[] };
	themes: ReportTheme[];
	criteria: ReportCriteria;
	/** Texts of the winning criteria of the revealed vote, ranked. */
	winners: string[];
	versions: ReportVersion[];
	consensus: ReportRound[];
	publications: ReportPublication[];
	/** Customers' answers, our view and the gap for the touchpoints of the session's maps. */
	voice: VoiceReport;
};

/** Answers in the order a report lists them: objections first, then concerns, then the rest. */
export const answerOrder: Record<ConsensusAnswer, number> = { object: 0, concern: 1, accept: 2 };

/**
 * Who sees the authors of definitions and consensus answers: everyone when anonymity is off, only
 * those who facilitate when it is partial, nobody when it is full (the live stages' rule).
 */
export function showsAuthors(anonymity: Anonymity, facilitates: boolean): boolean {
	return anonymity === 'off' || (anonymity === 'partial' && facilitates);
}

/** The addresses of a session's outputs. */
export function outputsPaths(workspaceId: string, sessionId: string) {
	const base = `/w/${workspaceId}/sessions/${sessionId}`;
	return {
		outputs: `${base}/outputs`,
		print: `${base}/report`,
		markdown: `${base}/report.md`,
		definitionsCsv: `${base}/definitions.csv`,
		criteriaCsv: `${base}/criteria.csv`,
		exportJson: `${base}/export.json`,
		importForm: `/w/${workspaceId}/sessions/import`
	};
}
