// What only the server writes into a journey map document: the default stages and lanes a new map
// starts with, and the revision of a touchpoint the map places, which open maps follow.
import * as Y from 'yjs';
import { newId } from '$lib/journeys/commands';
import {
	JOURNEY_DOC_VERSION,
	STAGES_MAX,
	STAGE_NAME_MAX,
	cardsOf,
	defaultLaneKinds,
	lanesOf,
	metaOf,
	stagesOf,
	touchpointRevisionsOf
} from '$lib/journeys/layout';

/** True when the document has no stages and no lanes yet. */
function isEmptyMap(doc: Y.Doc): boolean {
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
/** True when a card of the map places the touchpoint. */
function placesTouchpoint(doc: Y.Doc, touchpointId: string): boolean {
	for (const card of cardsOf(doc).values())
		if (card instanceof Y.Map && card.get('touchpointId') === touchpointId) return true;
	return false;
}

/** Records that a touchpoint the map places changed (server side), which open maps follow. */
export function markTouchpointChanged(doc: Y.Doc, touchpointId: string, revision: number): void {
	if (placesTouchpoint(doc, touchpointId)) touchpointRevisionsOf(doc).set(touchpointId, revision);
}
