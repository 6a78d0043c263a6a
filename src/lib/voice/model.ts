// Part D, the voice of the customer: what a customer questionnaire asks and how its answers count.

/** The method's four levels of satisfaction, worst first. */
export const LEVELS = ['below', 'indifferent', 'meets', 'exceeds'] as const;
export type Level = (typeof LEVELS)[number];

/** The service criteria customers judge by. */
export const CRITERIA = ['availability', 'lead_time', 'honesty', 'comfort', 'price'] as const;
export type Criterion = (typeof CRITERIA)[number];

/** A criterion is rated from 1 (poor) to 5 (excellent). */
export const RATING_MIN = 1;
export const RATING_MAX = 5;

/** Longest answer to "what did you expect?" and longest free comment. */
export const EXPECTED_MAX = 500;
export const COMMENT_MAX = 1000;
/** Longest contact name and e-mail or phone a consenting customer leaves. */
export const CONTACT_MAX = 120;

/** Below this many answers a touchpoint's figures are shown as "too few answers". */
export const MIN_ANSWERS = 10;

export type QuestionnaireView = {
	id: string;
	token: string;
	criteria: Criterion[];
	askContact: boolean;
	open: boolean;
	createdAt: string;
};

export type LevelFigures = {
	total: number;
	/** Answers per level, in LEVELS order. */
	counts: Record<Level, number>;
	/** True when there are fewer than MIN_ANSWERS answers. */
	tooFew: boolean;
	/** Mean level score (1 below … 4 exceeds); null without answers. */
	mean: number | null;
	/** Mean rating per criterion asked (1–5), with the number of ratings. */
	ratings: { criterion: Criterion; mean: number; count: number }[];
	/** Answers per month (YYYY-MM), oldest first, with the share that meets or exceeds. */
	months: { month: string; total: number; satisfied: number }[];
};

/** A level as a score from 1 (below expectations) to 4 (exceeds), for means and gaps. */
export const levelScore = (level: Level): number => LEVELS.indexOf(level) + 1;

/** The staff's own view of a touchpoint beside the customers' (the self-assessment). */
export type StaffView = {
	total: number;
	counts: Record<Level, number>;
	/** Mean score (1–4); null without answers. */
	mean: number | null;
	departments: { name: string | null; total: number; mean: number }[];
	/** This user's own answer, if they gave one. */
	mine: { level: Level; comment: string } | null;
};

/**
 * Staff mean minus customers' mean (1–4 scale): above zero, we think we do better than customers
 * say. Null while either side has no answers.
 */
export type Gap = { value: number | null; customerMean: number | null; staffMean: number | null };

export function gapOf(customerMean: number | null, staffMean: number | null): Gap {
	const value =
		customerMean === null || staffMean === null
			? null
			: Math.round((staffMean - customerMean) * 100) / 100;
	return { value, customerMean, staffMean };
}

export const ACTION_STATUSES = ['planned', 'in_progress', 'done'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];
/** Longest description of an improvement action. */
export const ACTION_TITLE_MAX = 300;

/** A touchpoint's level before and after an action was done (answers counted on each side). */
export type BeforeAfter = {
	before: { total: number; mean: number | null; satisfied: number };
	after: { total: number; mean: number | null; satisfied: number };
};

export type ActionView = {
	id: string;
	title: string;
	criterion: Criterion | null;
	ownerId: string | null;
	ownerName: string | null;
	dueOn: string | null;
	status: ActionStatus;
	doneAt: string | null;
	overdue: boolean;
	/** Only for done actions. */
	beforeAfter: BeforeAfter | null;
};

/** A journey stage's actions, with its map and stage (a null name: no longer on the map). */
export type StageActionGroup = {
	mapId: string;
	mapTitle: string;
	stageId: string;
	stageName: string | null;
	actions: ActionView[];
};

/** A touchpoint's measured experience in the register: customers' answers, staff's view, the gap. */
export type VoiceSummary = {
	answers: number;
	customerMean: number | null;
	staffMean: number | null;
	/** Staff mean minus customers' mean; null unless both answered. */
	gap: number | null;
};

/** The level nearest a mean score, for showing a mean as one of the four levels. */
export const nearestLevel = (mean: number): Level =>
	LEVELS[Math.min(LEVELS.length - 1, Math.max(0, Math.round(mean) - 1))];

export const INTERVIEW_KINDS = ['interview', 'focus_group'] as const;
export type InterviewKind = (typeof INTERVIEW_KINDS)[number];
/** How long an interview's summary, a quote and a participant's name may be, and how many of each. */
export const INTERVIEW_LIMITS = {
	summary: 4000,
	quote: 500,
	quotes: 20,
	participants: 30,
	participantName: 120
} as const;

export type InterviewView = {
	id: string;
	kind: InterviewKind;
	heldOn: string;
	/** Names of the customers asked; empty for those who may not see them. */
	participants: string[];
	participantCount: number;
	thanked: boolean;
	summary: string;
	quotes: string[];
	criteria: Criterion[];
	level: Level | null;
};

/** Longest competitor name and source of an estimate. */
export const COMPETITOR_MAX = 120;
export const SOURCE_MAX = 300;

export type CompetitorEstimate = {
	id: string;
	competitor: string;
	criterion: Criterion;
	estimate: number;
	source: string;
};

/** A touchpoint's figures as a session report carries them (no comment, no contact). */
export type VoiceReportRow = {
	name: string;
	answers: number;
	tooFew: boolean;
	customerMean: number | null;
	staffMean: number | null;
	gap: number | null;
	actionsOpen: number;
	actionsDone: number;
};

/**
 * The voice of the customer in a session report: the touchpoints the session's journey maps place
 * (`maps`), or, when it links no map, every touchpoint of the workspace that customers or staff
 * answered about (`workspace`); largest gap first.
 */
export type VoiceReport = { scope: 'maps' | 'workspace'; rows: VoiceReportRow[] };

/** A gap as shown: signed, two decimals ("+0.85", "−0.20", "0.00"). */
export function gapLabel(gap: number): string {
	const text = Math.abs(gap).toFixed(2);
	return gap > 0 ? `+${text}` : gap < 0 ? `−${text}` : text;
}

/** A touchpoint on the printable customer experience page (figures and actions, no comment or contact). */
export type ExperienceTouchpoint = {
	id: string;
	name: string;
	answers: number;
	counts: Record<Level, number>;
	tooFew: boolean;
	customerMean: number | null;
	staffMean: number | null;
	gap: number | null;
	actionsOpen: number;
	actionsDone: number;
	/** Answers per month (YYYY-MM), oldest first, with those that met or exceeded expectations. */
	months: { month: string; total: number; satisfied: number }[];
	actions: {
		id: string;
		title: string;
		criterion: Criterion | null;
		ownerName: string | null;
		dueOn: string | null;
		status: ActionStatus;
		overdue: boolean;
	}[];
};
