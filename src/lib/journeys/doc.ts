// The Yjs document of a journey map (room kind `journey`), written down once for client and server.
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
// Texts over their limits are also cut back by the server as they arrive (overLongAfter).
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

const metaOf = (doc: Y.Doc) => doc.getMap<unknown>('meta');
const stagesOf = (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>('stages');
const lanesOf = (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>('lanes');
const cardsOf = (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>('cards');
const valuesOf = (doc: Y.Doc) => doc.getMap<unknown>('values');

const isLaneKind = (value: unknown): value is LaneKind =>
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

const finite = (value: unknown, fallback = 0): number =>
	typeof value === 'number' && Number.isFinite(value) ? value : fallback;

const text = (value: unknown, max: number): string =>
	typeof value === 'string' ? value.slice(0, max) : '';

/** How cells of a lane of `kind` hold their content. */
export function cellKind(kind: LaneKind): CellKind {
	if (kind === 'touchpoints' || kind === 'experience' || kind === 'emotion') return kind;
	return 'text';
}

/** Key of a cell in `values` and in the UI. */
export function cellKey(laneId: string, stageId: string): string {
	return `${laneId}:${stageId}`;
}

/** A new random id (a UUID v4), also where `crypto.randomUUID` is missing (plain-HTTP pages). */
export function newId(): string {
	const cryptoApi = globalThis.crypto;
	if (typeof cryptoApi.randomUUID === 'function') return cryptoApi.randomUUID();
	const bytes = cryptoApi.getRandomValues(new Uint8Array(16));
	bytes[6] = (bytes[6] & 0x0f) | 0x40;
	bytes[8] = (bytes[8] & 0x3f) | 0x80;
	const hex = [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('');
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const byOrder = <T extends { order: number; id: string }>(a: T, b: T) =>
	a.order - b.order || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * The order number that puts an item at `index` among items already ordered as `orders`
 * (ascending, the moved item left out): before the first, after the last, or halfway between.
 */
export function orderAt(orders: number[], index: number): number {
	if (orders.length === 0) return 1;
	if (index <= 0) return orders[0] - 1;
	if (index >= orders.length) return orders[orders.length - 1] + 1;
	return (orders[index - 1] + orders[index]) / 2;
}

/** Reads the stages in order. */
export function readStages(doc: Y.Doc): Stage[] {
	const stages: Stage[] = [];
	stagesOf(doc).forEach((stage, id) => {
		if (!(stage instanceof Y.Map)) return;
		stages.push({
			id,
			name: text(stage.get('name'), STAGE_NAME_MAX),
			order: finite(stage.get('order'))
		});
	});
	return stages.sort(byOrder);
}

/** Reads the lanes in order, hidden ones included. */
export function readLanes(doc: Y.Doc): Lane[] {
	const lanes: Lane[] = [];
	lanesOf(doc).forEach((lane, id) => {
		if (!(lane instanceof Y.Map)) return;
		const kind = lane.get('kind');
		if (!isLaneKind(kind)) return;
		lanes.push({
			id,
			kind,
			name: text(lane.get('name'), LANE_NAME_MAX),
			order: finite(lane.get('order')),
			hidden: lane.get('hidden') === true
		});
	});
	return lanes.sort(byOrder);
}

/** Reads the whole map; what does not fit the layout is left out. */
export function readMap(doc: Y.Doc): JourneyMapState {
	const stages = readStages(doc);
	const lanes = readLanes(doc);
	const stageIds = new Set(stages.map((stage) => stage.id));
	const laneKindById = new Map(lanes.map((lane) => [lane.id, cellKind(lane.kind)]));
	const cards: Card[] = [];
	cardsOf(doc).forEach((card, id) => {
		if (!(card instanceof Y.Map)) return;
		const laneId = card.get('lane');
		const stageId = card.get('stage');
		if (typeof laneId !== 'string' || typeof stageId !== 'string' || !stageIds.has(stageId)) return;
		const kind = laneKindById.get(laneId);
		const order = finite(card.get('order'));
		const body = card.get('text');
		const touchpointId = card.get('touchpointId');
		if (kind === 'text' && body instanceof Y.Text)
			cards.push({
				id,
				kind: 'text',
				laneId,
				stageId,
				order,
				text: body.toString().slice(0, CARD_TEXT_MAX)
			});
		else if (kind === 'touchpoints' && typeof touchpointId === 'string')
			cards.push({ id, kind: 'touchpoint', laneId, stageId, order, touchpointId });
	});
	cards.sort(byOrder);
	const experience: Record<string, ExperienceValue> = {};
	const emotion: Record<string, EmotionValue> = {};
	const cellsOf = new Map(
		lanes.flatMap((lane) => stages.map((stage) => [cellKey(lane.id, stage.id), lane.kind] as const))
	);
	valuesOf(doc).forEach((value, key) => {
		const laneKind = cellsOf.get(key);
		if (typeof value !== 'object' || value === null) return;
		const at = 'at' in value ? finite(value.at) : 0;
		if (laneKind === 'experience' && 'level' in value && isExperienceLevel(value.level))
			experience[key] = { level: value.level, at };
		else if (laneKind === 'emotion' && 'score' in value && isEmotionScore(value.score))
			emotion[key] = { score: value.score, at };
	});
	return { stages, lanes, cards, experience, emotion };
}

/** The cards of each cell, by cell key, in order. */
export function cardsByCell(state: JourneyMapState): Map<string, Card[]> {
	const cells = new Map<string, Card[]>();
	for (const card of state.cards) {
		const key = cellKey(card.laneId, card.stageId);
		const list = cells.get(key);
		if (list) list.push(card);
		else cells.set(key, [card]);
	}
	return cells;
}

/** True when the document has no stages and no lanes yet. */
export function isEmptyMap(doc: Y.Doc): boolean {
	return stagesOf(doc).size === 0 && lanesOf(doc).size === 0;
}

/**
 * Fills an empty map with `stageNames` as its stages and the built-in lanes in their default
 * order; returns false (changing nothing) when the map already has stages or lanes.
 */
export function createDefaultMap(doc: Y.Doc, stageNames: readonly string[]): boolean {
	if (!isEmptyMap(doc)) return false;
	doc.transact(() => {
		metaOf(doc).set('version', JOURNEY_DOC_VERSION);
		stageNames.slice(0, STAGES_MAX).forEach((name, index) => {
			const stage = new Y.Map<unknown>();
			stage.set('name', name.slice(0, STAGE_NAME_MAX));
			stage.set('order', index + 1);
			stagesOf(doc).set(newId(), stage);
		});
		defaultLaneKinds.forEach((kind, index) => {
			const lane = new Y.Map<unknown>();
			lane.set('kind', kind);
			lane.set('name', '');
			lane.set('order', index + 1);
			lane.set('hidden', false);
			lanesOf(doc).set(newId(), lane);
		});
	});
	return true;
}

/** Adds a stage at `index` (default: at the end); returns its id, or null at the stage limit. */
export function addStage(
	doc: Y.Doc,
	name: string,
	index?: number,
	id: string = newId()
): string | null {
	const stages = readStages(doc);
	if (stages.length >= STAGES_MAX) return null;
	const stage = new Y.Map<unknown>();
	stage.set('name', name.slice(0, STAGE_NAME_MAX));
	stage.set(
		'order',
		orderAt(
			stages.map((s) => s.order),
			index ?? stages.length
		)
	);
	stagesOf(doc).set(id, stage);
	return id;
}

/** Renames a stage. */
export function renameStage(doc: Y.Doc, stageId: string, name: string): void {
	stagesOf(doc).get(stageId)?.set('name', name.slice(0, STAGE_NAME_MAX));
}

/** Moves a stage to position `index` among the stages. */
export function moveStage(doc: Y.Doc, stageId: string, index: number): void {
	const stage = stagesOf(doc).get(stageId);
	if (!stage) return;
	const others = readStages(doc).filter((s) => s.id !== stageId);
	stage.set(
		'order',
		orderAt(
			others.map((s) => s.order),
			index
		)
	);
}

/** Removes a stage with its cards and values. */
export function removeStage(doc: Y.Doc, stageId: string): void {
	doc.transact(() => {
		stagesOf(doc).delete(stageId);
		for (const [cardId, card] of cardsOf(doc).entries())
			if (card instanceof Y.Map && card.get('stage') === stageId) cardsOf(doc).delete(cardId);
		for (const key of [...valuesOf(doc).keys()])
			if (key.endsWith(`:${stageId}`)) valuesOf(doc).delete(key);
	});
}

/** Adds a free lane at the end; returns its id, or null at the lane limit. */
export function addLane(doc: Y.Doc, name: string, id: string = newId()): string | null {
	const lanes = readLanes(doc);
	if (lanes.length >= LANES_MAX) return null;
	const lane = new Y.Map<unknown>();
	lane.set('kind', 'free');
	lane.set('name', name.slice(0, LANE_NAME_MAX));
	lane.set(
		'order',
		orderAt(
			lanes.map((l) => l.order),
			lanes.length
		)
	);
	lane.set('hidden', false);
	lanesOf(doc).set(id, lane);
	return id;
}

/** Renames a free lane (built-in lanes keep their translated names). */
export function renameLane(doc: Y.Doc, laneId: string, name: string): void {
	const lane = lanesOf(doc).get(laneId);
	if (lane?.get('kind') === 'free') lane.set('name', name.slice(0, LANE_NAME_MAX));
}

/** Moves a lane to position `index` among all lanes (hidden ones included). */
export function moveLane(doc: Y.Doc, laneId: string, index: number): void {
	const lane = lanesOf(doc).get(laneId);
	if (!lane) return;
	const others = readLanes(doc).filter((l) => l.id !== laneId);
	lane.set(
		'order',
		orderAt(
			others.map((l) => l.order),
			index
		)
	);
}

/** Hides or shows a lane; its content stays. */
export function setLaneHidden(doc: Y.Doc, laneId: string, hidden: boolean): void {
	lanesOf(doc).get(laneId)?.set('hidden', hidden);
}

/** Removes a free lane with its cards (built-in lanes can only be hidden). */
export function removeLane(doc: Y.Doc, laneId: string): void {
	if (lanesOf(doc).get(laneId)?.get('kind') !== 'free') return;
	doc.transact(() => {
		lanesOf(doc).delete(laneId);
		for (const [cardId, card] of cardsOf(doc).entries())
			if (card instanceof Y.Map && card.get('lane') === laneId) cardsOf(doc).delete(cardId);
	});
}

function laneCellKind(doc: Y.Doc, laneId: string): CellKind | null {
	const kind = lanesOf(doc).get(laneId)?.get('kind');
	return isLaneKind(kind) ? cellKind(kind) : null;
}

function cellOrders(doc: Y.Doc, laneId: string, stageId: string, except?: string): number[] {
	const orders: number[] = [];
	cardsOf(doc).forEach((card, id) => {
		if (id === except || !(card instanceof Y.Map)) return;
		if (card.get('lane') === laneId && card.get('stage') === stageId)
			orders.push(finite(card.get('order')));
	});
	return orders.sort((a, b) => a - b);
}

/** Adds a text card at the end of a text cell; returns its id, or null when the cell cannot take it. */
export function addTextCard(
	doc: Y.Doc,
	laneId: string,
	stageId: string,
	body = '',
	id: string = newId()
): string | null {
	if (laneCellKind(doc, laneId) !== 'text' || !stagesOf(doc).has(stageId)) return null;
	const orders = cellOrders(doc, laneId, stageId);
	if (orders.length >= CELL_CARDS_MAX) return null;
	const card = new Y.Map<unknown>();
	card.set('lane', laneId);
	card.set('stage', stageId);
	card.set('order', orderAt(orders, orders.length));
	card.set('text', new Y.Text(body.slice(0, CARD_TEXT_MAX)));
	cardsOf(doc).set(id, card);
	return id;
}

/**
 * Places a touchpoint (by id) at the end of a touchpoints cell; returns the card id, the id of
 * the card already placing it there, or null when the cell cannot take it.
 */
export function addTouchpointCard(
	doc: Y.Doc,
	laneId: string,
	stageId: string,
	touchpointId: string,
	id: string = newId()
): string | null {
	if (laneCellKind(doc, laneId) !== 'touchpoints' || !stagesOf(doc).has(stageId)) return null;
	for (const [cardId, card] of cardsOf(doc).entries())
		if (
			card instanceof Y.Map &&
			card.get('lane') === laneId &&
			card.get('stage') === stageId &&
			card.get('touchpointId') === touchpointId
		)
			return cardId;
	const orders = cellOrders(doc, laneId, stageId);
	if (orders.length >= CELL_CARDS_MAX) return null;
	const card = new Y.Map<unknown>();
	card.set('lane', laneId);
	card.set('stage', stageId);
	card.set('order', orderAt(orders, orders.length));
	card.set('touchpointId', touchpointId);
	cardsOf(doc).set(id, card);
	return id;
}

const touchpointRevisionsOf = (doc: Y.Doc) => doc.getMap<number>('touchpointRevisions');

/** True when a card of the map places the touchpoint. */
export function placesTouchpoint(doc: Y.Doc, touchpointId: string): boolean {
	for (const card of cardsOf(doc).values())
		if (card instanceof Y.Map && card.get('touchpointId') === touchpointId) return true;
	return false;
}

/** Records that a touchpoint the map places changed (server side), which open maps follow. */
export function markTouchpointChanged(doc: Y.Doc, touchpointId: string, revision: number): void {
	if (placesTouchpoint(doc, touchpointId)) touchpointRevisionsOf(doc).set(touchpointId, revision);
}

/**
 * Cuts back what a change from a client left over its limit: card texts, stage names and free
 * lane names (the editor caps them; a client that does not is cut back by the server). Returns
 * the cut to run as a change of its own, or null when nothing is over.
 */
export function overLongAfter(
	doc: Y.Doc,
	changed: Y.Transaction['changed']
): ((doc: Y.Doc) => void) | null {
	// A root nobody on the server asked for yet is a plain type in `changed`; getMap replaces it
	// with a new Y.Map, so the roots are matched by name, read before that.
	const rootNames = new Map<unknown, string>();
	for (const [name, type] of doc.share) rootNames.set(type, name);
	const cards = cardsOf(doc);
	const stages = stagesOf(doc);
	const lanes = lanesOf(doc);
	const rootOf = (type: unknown) => {
		const name = rootNames.get(type);
		if (type === cards || name === 'cards') return cards;
		if (type === stages || name === 'stages') return stages;
		if (type === lanes || name === 'lanes') return lanes;
		return null;
	};
	const texts = new Set<Y.Text>();
	const named = new Map<Y.Map<unknown>, number>();
	const addCard = (card: unknown) => {
		const body = card instanceof Y.Map ? card.get('text') : null;
		if (body instanceof Y.Text) texts.add(body);
	};
	const addNamed = (item: unknown, parent: unknown) => {
		if (item instanceof Y.Map) named.set(item, parent === stages ? STAGE_NAME_MAX : LANE_NAME_MAX);
	};
	for (const [changedType, keys] of changed) {
		const type: unknown = changedType;
		const parent: unknown = changedType.parent;
		const root = rootOf(type);
		if (root === cards) {
			for (const key of keys) if (key) addCard(cards.get(key));
		} else if (root) {
			for (const key of keys) if (key) addNamed(root.get(key), root);
		} else if (type instanceof Y.Map && parent === cards) {
			addCard(type);
		} else if (type instanceof Y.Map && (parent === stages || parent === lanes)) {
			addNamed(type, parent);
		} else if (
			type instanceof Y.Text &&
			parent instanceof Y.Map &&
			(parent.parent as unknown) === cards
		) {
			texts.add(type);
		}
	}
	const longTexts = [...texts].filter((body) => body.length > CARD_TEXT_MAX);
	const longNames = [...named].filter(([item, max]) => {
		const name = item.get('name');
		return typeof name === 'string' && name.length > max;
	});
	if (longTexts.length === 0 && longNames.length === 0) return null;
	return () => {
		for (const body of longTexts)
			if (body.length > CARD_TEXT_MAX) body.delete(CARD_TEXT_MAX, body.length - CARD_TEXT_MAX);
		for (const [item, max] of longNames) {
			const name = item.get('name');
			if (typeof name === 'string' && name.length > max) item.set('name', name.slice(0, max));
		}
	};
}

/** Calls `changed` whenever someone else records a touchpoint change; returns the unsubscribe. */
export function onTouchpointChanged(doc: Y.Doc, changed: () => void): () => void {
	const observer = (event: Y.YMapEvent<number>) => {
		if (!event.transaction.local) changed();
	};
	touchpointRevisionsOf(doc).observe(observer);
	return () => touchpointRevisionsOf(doc).unobserve(observer);
}

/** The shared text of a text card, to edit it in place; null for other cards. */
export function cardText(doc: Y.Doc, cardId: string): Y.Text | null {
	const body = cardsOf(doc).get(cardId)?.get('text');
	return body instanceof Y.Text ? body : null;
}

/** Sets a text card's text, changing only the part that differs (concurrent typing merges). */
export function setCardText(doc: Y.Doc, cardId: string, value: string): void {
	const body = cardText(doc, cardId);
	if (body) applyTextChange(body, value.slice(0, CARD_TEXT_MAX));
}

/** Removes a card. */
export function removeCard(doc: Y.Doc, cardId: string): void {
	cardsOf(doc).delete(cardId);
}

/**
 * Moves a card to position `index` of a cell (default: its end) in a lane that holds the same
 * kind of card; returns false when it cannot go there.
 */
export function moveCard(
	doc: Y.Doc,
	cardId: string,
	laneId: string,
	stageId: string,
	index?: number
): boolean {
	const card = cardsOf(doc).get(cardId);
	if (!card || !stagesOf(doc).has(stageId)) return false;
	const from = laneCellKind(doc, String(card.get('lane')));
	if (from === null || from !== laneCellKind(doc, laneId)) return false;
	const orders = cellOrders(doc, laneId, stageId, cardId);
	const sameCell = card.get('lane') === laneId && card.get('stage') === stageId;
	if (!sameCell && orders.length >= CELL_CARDS_MAX) return false;
	doc.transact(() => {
		card.set('lane', laneId);
		card.set('stage', stageId);
		card.set('order', orderAt(orders, index ?? orders.length));
	});
	return true;
}

/** Sets (or with null clears) the experience level of a stage, recording when. */
export function setExperience(
	doc: Y.Doc,
	laneId: string,
	stageId: string,
	level: ExperienceLevel | null,
	at: number = Date.now()
): void {
	if (laneCellKind(doc, laneId) !== 'experience' || !stagesOf(doc).has(stageId)) return;
	if (level === null) valuesOf(doc).delete(cellKey(laneId, stageId));
	else valuesOf(doc).set(cellKey(laneId, stageId), { level, at });
}

/** Sets (or with null clears) the emotion score of a stage. */
export function setEmotion(
	doc: Y.Doc,
	laneId: string,
	stageId: string,
	score: number | null,
	at: number = Date.now()
): void {
	if (laneCellKind(doc, laneId) !== 'emotion' || !stagesOf(doc).has(stageId)) return;
	if (score === null) valuesOf(doc).delete(cellKey(laneId, stageId));
	else if (isEmotionScore(score)) valuesOf(doc).set(cellKey(laneId, stageId), { score, at });
}

/** The first lane of a kind, in order. */
export function laneOfKind(state: JourneyMapState, kind: LaneKind): Lane | undefined {
	return state.lanes.find((lane) => lane.kind === kind);
}

/** One point of the emotion curve: a stage and its score, if set. */
export type EmotionPoint = { stageId: string; stageName: string; score: number | null };

/** The emotion scores across the stages (of the map's first emotion lane). */
export function emotionCurve(state: JourneyMapState): EmotionPoint[] {
	const lane = laneOfKind(state, 'emotion');
	return state.stages.map((stage) => ({
		stageId: stage.id,
		stageName: stage.name,
		score: lane ? (state.emotion[cellKey(lane.id, stage.id)]?.score ?? null) : null
	}));
}

/** Where one touchpoint appears on a map. */
export type TouchpointPlacement = {
	touchpointId: string;
	/** Stages it appears in, in stage order, each once. */
	stages: Stage[];
	/** The most recently set experience level among those stages, with the stage it belongs to. */
	experience: (ExperienceValue & { stageId: string }) | null;
};

/**
 * Where each referenced touchpoint appears (in any touchpoints lane, hidden or not) and the
 * latest experience level of those stages (the map's first experience lane). Ordered by first
 * appearance, stage by stage.
 */
export function derivePlacements(state: JourneyMapState): TouchpointPlacement[] {
	const stageIndex = new Map(state.stages.map((stage, index) => [stage.id, index]));
	const found = new Map<string, Set<number>>();
	for (const card of state.cards) {
		if (card.kind !== 'touchpoint') continue;
		const index = stageIndex.get(card.stageId);
		if (index === undefined) continue;
		const stages = found.get(card.touchpointId) ?? new Set<number>();
		stages.add(index);
		found.set(card.touchpointId, stages);
	}
	const experienceLane = laneOfKind(state, 'experience');
	const placements = [...found].map(([touchpointId, indexes]) => {
		const stages = [...indexes].sort((a, b) => a - b).map((index) => state.stages[index]);
		let experience: TouchpointPlacement['experience'] = null;
		for (const stage of stages) {
			const value = experienceLane
				? state.experience[cellKey(experienceLane.id, stage.id)]
				: undefined;
			if (value && (!experience || value.at >= experience.at))
				experience = { ...value, stageId: stage.id };
		}
		return {
			touchpointId,
			stages,
			experience,
			first: stages[0] ? (stageIndex.get(stages[0].id) ?? 0) : 0
		};
	});
	return placements
		.sort((a, b) => a.first - b.first)
		.map(({ touchpointId, stages, experience }) => ({ touchpointId, stages, experience }));
}

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/** The smallest single replacement that turns `before` into `after`, never splitting a surrogate pair. */
export function textChange(
	before: string,
	after: string
): { index: number; remove: number; insert: string } | null {
	if (before === after) return null;
	let start = 0;
	while (start < before.length && start < after.length && before[start] === after[start]) start++;
	if (start > 0 && isHighSurrogate(before.charCodeAt(start - 1))) start--;
	let endBefore = before.length;
	let endAfter = after.length;
	while (endBefore > start && endAfter > start && before[endBefore - 1] === after[endAfter - 1]) {
		endBefore--;
		endAfter--;
	}
	if (endBefore < before.length && isLowSurrogate(before.charCodeAt(endBefore))) {
		endBefore++;
		endAfter++;
	}
	return { index: start, remove: endBefore - start, insert: after.slice(start, endAfter) };
}

/** Applies the difference between a Y.Text's content and `value` as one small edit. */
export function applyTextChange(target: Y.Text, value: string): void {
	const change = textChange(target.toString(), value);
	if (!change) return;
	const apply = () => {
		if (change.remove > 0) target.delete(change.index, change.remove);
		if (change.insert) target.insert(change.index, change.insert);
	};
	if (target.doc) target.doc.transact(apply);
	else apply();
}

/** A Y.Text delta as `observe` reports it. */
export type TextDelta = { retain?: number; insert?: unknown; delete?: number }[];

/** Where a caret at `index` ends up after someone else's change `delta` (an insert at the caret pushes it on). */
export function transformIndex(index: number, delta: TextDelta): number {
	let position = 0; // in the text before the change
	let shift = 0;
	for (const op of delta) {
		if (position > index) break;
		if (op.retain !== undefined) position += op.retain;
		else if (op.insert !== undefined) shift += typeof op.insert === 'string' ? op.insert.length : 1;
		else if (op.delete !== undefined) {
			if (position >= index) break;
			shift -= Math.min(op.delete, index - position);
			position += op.delete;
		}
	}
	return Math.max(0, index + shift);
}
