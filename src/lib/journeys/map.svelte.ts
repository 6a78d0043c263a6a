// A live, reactive view of a journey map document. Every update re-reads the map, but keeps the
// previous objects of stages, lanes and cards that did not change, so an edit from someone else
// re-renders only what it touched.
import type * as Y from 'yjs';
import { readMap, type Card, type JourneyMapState, type Lane, type Stage } from './doc';

const EMPTY: JourneyMapState = { stages: [], lanes: [], cards: [], experience: {}, emotion: {} };

function sameShallow(a: object, b: object): boolean {
	const keys = Object.keys(a);
	if (keys.length !== Object.keys(b).length) return false;
	const left: Record<string, unknown> = { ...a };
	const right: Record<string, unknown> = { ...b };
	return keys.every((key) => left[key] === right[key]);
}

function reuse<T extends { id: string }>(previous: T[], next: T[]): T[] {
	if (previous.length === 0) return next;
	const byId = new Map(previous.map((item) => [item.id, item]));
	return next.map((item) => {
		const old = byId.get(item.id);
		return old && sameShallow(old, item) ? old : item;
	});
}

/** The map of a Y.Doc as reactive state. */
export class LiveJourneyMap {
	#state = $state.raw<JourneyMapState>(EMPTY);
	readonly #doc: Y.Doc;
	readonly #refresh = () => {
		const next = readMap(this.#doc);
		const previous = this.#state;
		this.#state = {
			stages: reuse<Stage>(previous.stages, next.stages),
			lanes: reuse<Lane>(previous.lanes, next.lanes),
			cards: reuse<Card>(previous.cards, next.cards),
			experience: next.experience,
			emotion: next.emotion
		};
	};

	constructor(doc: Y.Doc) {
		this.#doc = doc;
		this.#refresh();
		doc.on('update', this.#refresh);
	}

	/** The map as it is now. */
	get state(): JourneyMapState {
		return this.#state;
	}

	/** The document, to change it with the functions of `$lib/journeys/doc`. */
	get doc(): Y.Doc {
		return this.#doc;
	}

	/** Stops following the document. */
	destroy(): void {
		this.#doc.off('update', this.#refresh);
	}
}
