// The server's repair of a journey map document: what a client wrote over the layout's limits is
// cut back as it arrives (the editors cap their texts; a client that does not is cut back here).
import * as Y from 'yjs';
import {
	CARD_TEXT_MAX,
	LANE_NAME_MAX,
	STAGE_NAME_MAX,
	cardsOf,
	lanesOf,
	stagesOf
} from '$lib/journeys/layout';

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
		const body: unknown = card instanceof Y.Map ? card.get('text') : null;
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
