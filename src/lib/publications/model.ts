// What the publish stage and the reader pages exchange between server and screen.
import type { RoundProvenance, Tally } from '$lib/consensus/model';

/** Longest explanation of a published definition. */
export const EXPLANATION_MAX = 4000;
/** Longest single rule. */
export const RULE_MAX = 300;
/** Most rules in one list. */
export const RULES_PER_LIST_MAX = 20;

/** The three lists of rules of dealing with customers. */
export const ruleKinds = ['always', 'react', 'never'] as const;
export type RuleKind = (typeof ruleKinds)[number];
export type Rules = Record<RuleKind, string[]>;

/** Stage 6 as one viewer may see it. */
export type PublishView = {
	workspaceId: string;
	/** May publish: a facilitator of the session or an admin of the workspace. */
	canPublish: boolean;
	/** Why publishing is not possible now; null when it is. */
	blockedBy: 'no_round' | 'round_open' | 'objected' | 'already_published' | 'stage_not_open' | null;
	/** The version the agreed round was about: exactly what would be published. */
	agreed: {
		roundId: string;
		versionNumber: number;
		versionName: string;
		html: string;
		tally: Tally;
	} | null;
	/** The workspace's definition version a publication now would become. */
	nextVersion: number;
	/** Publications that came from this session, newest first. */
	published: { version: number; publishedAt: string }[];
};

/** A run of words in a word diff: unchanged, added in the newer version, or removed from the older one. */
export type DiffPart = { kind: 'same' | 'added' | 'removed'; text: string };

/** What changed from the previous version of the definition. */
export type DefinitionChanges = {
	fromVersion: number;
	definition: DiffPart[];
	explanation: DiffPart[];
	rules: Record<RuleKind, { added: string[]; removed: string[] }>;
	/** False when nothing at all changed. */
	changed: boolean;
};

/** One published version as the reader page shows it. */
export type PublishedDefinition = {
	version: number;
	publishedAt: Date;
	sessionTitle: string;
	/** Sanitized when it was published; the only HTML the reader page renders as HTML. */
	definitionHtml: string;
	explanation: string;
	rules: Rules;
	participants: string[];
	consensus: Tally;
	/** Who agreed, had concerns, was excused or did not answer; null for versions published before it was kept. */
	provenance: RoundProvenance | null;
};

/** Everything the reader page of one version needs. */
export type DefinitionPage = {
	publication: PublishedDefinition;
	/** Every published version, newest first. */
	versions: { version: number; publishedAt: Date }[];
	latestVersion: number;
	isCurrent: boolean;
	/** What changed from the version before; null for the first one. */
	changes: DefinitionChanges | null;
	/** When the reader acknowledged this version, if they did. */
	acknowledgedAt: Date | null;
	/** Leadership sees the reach page. */
	canSeeReach: boolean;
};

/** A member as reach counts them. */
export type ReachMember = {
	userId: string;
	name: string;
	departmentId: string | null;
	departmentName: string | null;
};

/** Acknowledged / members, per department. */
export type DepartmentReach = {
	departmentId: string | null;
	departmentName: string | null;
	members: number;
	acknowledged: number;
	share: number;
};

/** Cumulative acknowledgements at the end of one UTC day. */
export type ReachDay = { day: string; acknowledged: number; share: number };

export type ReachFigures = {
	members: number;
	acknowledged: number;
	share: number;
	departments: DepartmentReach[];
	timeline: ReachDay[];
	notYet: ReachMember[];
};

/** The reach page: the current version and its figures. */
export type DefinitionReach = { version: number; publishedAt: Date } & ReachFigures;
