// Changes to a journey map document, made by the editors in the browser (and by the server's seeds
// and tests): each keeps to the layout's limits and writes as little as it can, so concurrent edits
// merge (see `layout.ts`).
import * as Y from 'yjs';
import { writeText } from '$lib/editor/plain-text';
import {
	CARD_TEXT_MAX,
	CELL_CARDS_MAX,
	LANES_MAX,
	LANE_NAME_MAX,
	STAGES_MAX,
	STAGE_NAME_MAX,
	cardsOf,
	cellKey,
	cellKind,
	finite,
	isEmotionScore,
	isLaneKind,
	lanesOf,
	stagesOf,
	valuesOf,
	type CellKind,
	type ExperienceLevel
} from './layout';
import { cardText, readLanes, readStages } from './reads';

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

/** Orders `item` (id `itemId`) to sit at `index` among `siblings`, itself left out. */
function placeAt(
	item: Y.Map<unknown>,
	itemId: string,
	siblings: { id: string; order: number }[],
	index: number
): void {
	const others = siblings.filter((sibling) => sibling.id !== itemId);
	item.set(
		'order',
		orderAt(
			others.map((sibling) => sibling.order),
			index
		)
	);
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
	placeAt(stage, id, stages, index ?? stages.length);
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
	placeAt(stage, stageId, readStages(doc), index);
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
	placeAt(lane, id, lanes, lanes.length);
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
	placeAt(lane, laneId, readLanes(doc), index);
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

/** Sets a text card's text, changing only the part that differs (concurrent typing merges). */
export function setCardText(doc: Y.Doc, cardId: string, value: string): void {
	const body = cardText(doc, cardId);
	if (body) writeText(body, value.slice(0, CARD_TEXT_MAX));
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
