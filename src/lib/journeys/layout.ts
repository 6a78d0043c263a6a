// The layout of a journey map's Yjs document (room kind `journey`), written down once for client and
// server; its reads are in `reads.ts`, its changes in `commands.ts`, the server's own writes and
// repairs under `$lib/server/journeys/`.
//
// Layout (root types of the Y.Doc):
//   meta    Y.Map   { version: 1 }
//   stages  Y.Map<stageId, Y.Map{ name: string, order: number }>            the columns
//   lanes   Y.Map<laneId,  Y.Map{ kind: LaneKind, name: string, order: number, hidden: boolean }>
//                                                                            the rows; `name` is ''
//                                                                            for a built-in lane (the
//                                                                            UI shows the kind's label
//                                                                            in the reader's language)
//   cards   Y.Map<cardId,  Y.Map{ lane: laneId, stage: stageId, order: number,
//                                 text: Y.Text }                            in a text lane, or
//                                 touchpointId: string }                    in a touchpoints lane
//   values  Y.Map<`${laneId}:${stageId}`, { level: ExperienceLevel, at: number }   experience lane
//                                        | { score: -2…2, at: number }>          emotion lane
//   touchpointRevisions  Y.Map<touchpointId, number>   written by the server only, when a touchpoint
//                                                       the map places changes (owner, rule, name)
//                                                       or is deleted, so open maps fetch it again
//
// Order is a number per stage, lane and card (fractional positions: a move writes one number, so
// concurrent moves and edits of the same item never duplicate or lose it). A value is one plain
// JSON object, replaced as a whole; `at` (ms since the epoch) records when it was set, which
// defines the "latest" experience level of a touchpoint. Anything a client may have written out
// of shape is ignored when read: unknown kinds, cards of a removed stage or lane, bad values.
import * as Y from 'yjs';

/** Version of this layout, stored in `meta`. */
export const JOURNEY_DOC_VERSION = 1;

/** Kinds of lane: the method's lanes, and free lanes a team adds. */
export const laneKinds = [
	'touchpoints',
	'actions',
	'expectations',
	'experience',
	'emotion',
	'pain',
	'wow',
	'indicators',
	'free'
] as const;
export type LaneKind = (typeof laneKinds)[number];

/** The built-in lanes a new map starts with, in their default order. */
export const defaultLaneKinds: readonly Exclude<LaneKind, 'free'>[] = [
	'touchpoints',
	'actions',
	'expectations',
	'experience',
	'emotion',
	'pain',
	'wow',
	'indicators'
];

/** Experience against expectations, from worst to best. */
export const experienceLevels = ['below', 'indifferent', 'meets', 'exceeds'] as const;
export type ExperienceLevel = (typeof experienceLevels)[number];

/** Lowest and highest emotion score. */
export const EMOTION_MIN = -2;
export const EMOTION_MAX = 2;

/** Longest stage name. */
export const STAGE_NAME_MAX = 80;
/** Longest free lane name. */
export const LANE_NAME_MAX = 80;
/** Longest card text. */
export const CARD_TEXT_MAX = 1000;
/** Most stages a map may have. */
export const STAGES_MAX = 20;
/** Most lanes a map may have (built-in and free). */
export const LANES_MAX = 30;
/** Most cards in one cell. */
export const CELL_CARDS_MAX = 40;

/** How a lane's cells hold their content. */
export type CellKind = 'touchpoints' | 'text' | 'experience' | 'emotion';

/** A column of the map. */
export type Stage = { id: string; name: string; order: number };
/** A row of the map. */
export type Lane = { id: string; kind: LaneKind; name: string; order: number; hidden: boolean };
/** A card with text, in a text lane. */
export type TextCard = {
	id: string;
	kind: 'text';
	laneId: string;
	stageId: string;
	order: number;
	text: string;
};
/** A card that places a touchpoint of the workspace (by id) in a stage. */
export type TouchpointCard = {
	id: string;
	kind: 'touchpoint';
	laneId: string;
	stageId: string;
	order: number;
	touchpointId: string;
};
export type Card = TextCard | TouchpointCard;
/** The experience level of a stage and when it was set. */
export type ExperienceValue = { level: ExperienceLevel; at: number };
/** The emotion score of a stage and when it was set. */
export type EmotionValue = { score: number; at: number };

/** A plain snapshot of the whole map for rendering and deriving. */
export type JourneyMapState = {
	/** Stages in order. */
	stages: Stage[];
	/** Lanes in order, hidden ones included. */
	lanes: Lane[];
	/** Cards whose lane and stage exist, in order within their cell. */
	cards: Card[];
	/** Experience values by cell key. */
	experience: Record<string, ExperienceValue>;
	/** Emotion scores by cell key. */
	emotion: Record<string, EmotionValue>;
};

/** The root types of the document. */
export const metaOf = (doc: Y.Doc) => doc.getMap<unknown>('meta');
export const stagesOf = (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>('stages');
export const lanesOf = (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>('lanes');
export const cardsOf = (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>('cards');
export const valuesOf = (doc: Y.Doc) => doc.getMap<unknown>('values');
export const touchpointRevisionsOf = (doc: Y.Doc) => doc.getMap<number>('touchpointRevisions');

export const isLaneKind = (value: unknown): value is LaneKind =>
	typeof value === 'string' && (laneKinds as readonly string[]).includes(value);

/** True for one of the four experience levels. */
export const isExperienceLevel = (value: unknown): value is ExperienceLevel =>
	typeof value === 'string' && (experienceLevels as readonly string[]).includes(value);

/** True for a whole emotion score in −2…+2. */
export const isEmotionScore = (value: unknown): value is number =>
	typeof value === 'number' &&
	Number.isInteger(value) &&
	value >= EMOTION_MIN &&
	value <= EMOTION_MAX;

export const finite = (value: unknown, fallback = 0): number =>
	typeof value === 'number' && Number.isFinite(value) ? value : fallback;

/** How cells of a lane of `kind` hold their content. */
export function cellKind(kind: LaneKind): CellKind {
	if (kind === 'touchpoints' || kind === 'experience' || kind === 'emotion') return kind;
	return 'text';
}

/** Key of a cell in `values` and in the UI. */
export function cellKey(laneId: string, stageId: string): string {
	return `${laneId}:${stageId}`;
}
