import type * as Y from 'yjs';
import { readBoard, type BoardState } from './doc';

/** A live, reactive view of a grouping board document. */
export class LiveBoard {
	#state = $state<BoardState>({ cards: [], themes: [] });
	#doc: Y.Doc;
	#refresh = () => (this.#state = readBoard(this.#doc));

	constructor(doc: Y.Doc) {
		this.#doc = doc;
		this.#refresh();
		doc.on('update', this.#refresh);
	}

	get state(): BoardState {
		return this.#state;
	}

	get doc(): Y.Doc {
		return this.#doc;
	}

	destroy(): void {
		this.#doc.off('update', this.#refresh);
	}
}
