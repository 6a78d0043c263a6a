// The Yjs documents of a session as they travel in an export file: the whole state of a room as
// one update, base64. On the way in, an update is decoded and applied to a scratch document first,
// so a broken or incomplete one is refused before anything is written; what reaches the room is
// the scratch document's own state.
import * as Y from 'yjs';
import { DOCUMENT_MAX_BYTES } from './format';

/** The state of a document as one base64 update. */
export function encodeDocument(doc: Y.Doc): string {
	return Buffer.from(Y.encodeStateAsUpdate(doc)).toString('base64');
}

/** What to change on the board while it moves: card keys to rename, and whether authors stay. */
export type BoardRewrite = { cardIds?: ReadonlyMap<string, string>; keepAuthors: boolean };

function isPlain(value: unknown): value is string | number | boolean | null {
	return value === null || ['string', 'number', 'boolean'].includes(typeof value);
}

/**
 * Rewrites the board's cards in place: renames card keys (definitions get new ids in another
 * workspace) and clears author names unless the session shows them to everyone. Deleted content
 * is garbage-collected, so the old names are not in the document's state afterwards.
 */
export function rewriteBoard(doc: Y.Doc, rewrite: BoardRewrite): void {
	const cards = doc.getMap<unknown>('cards');
	doc.transact(() => {
		for (const [key, card] of [...cards.entries()]) {
			if (!(card instanceof Y.Map)) continue;
			if (!rewrite.keepAuthors && card.get('author') !== null && card.get('author') !== undefined)
				card.set('author', null);
			const target = rewrite.cardIds?.get(key);
			if (!target || target === key) continue;
			const copy = new Y.Map<unknown>();
			for (const [field, value] of card.entries()) if (isPlain(value)) copy.set(field, value);
			cards.delete(key);
			cards.set(target, copy);
		}
	});
}

/** A board's state with `rewrite` applied, from a copy (the given document is left as it is). */
export function rewrittenBoardState(update: Uint8Array, rewrite: BoardRewrite): Uint8Array {
	const doc = new Y.Doc();
	Y.applyUpdate(doc, update);
	rewriteBoard(doc, rewrite);
	return Y.encodeStateAsUpdate(doc);
}

/**
 * Decodes a document of an import file into a complete state update, applying `prepare` to a
 * scratch copy first; null when it cannot be used (not base64, too large, broken or incomplete).
 */
export function decodeDocument(base64: string, prepare?: (doc: Y.Doc) => void): Uint8Array | null {
	const bytes = new Uint8Array(Buffer.from(base64, 'base64'));
	if (bytes.length > DOCUMENT_MAX_BYTES) return null;
	const doc = new Y.Doc();
	try {
		Y.decodeUpdate(bytes);
		Y.applyUpdate(doc, bytes);
		// Missing dependencies would leave parts of the document invisible forever.
		if (doc.store.pendingStructs !== null || doc.store.pendingDs !== null) return null;
		prepare?.(doc);
		const state = Y.encodeStateAsUpdate(doc);
		return state.length > DOCUMENT_MAX_BYTES ? null : state;
	} catch {
		return null;
	} finally {
		doc.destroy();
	}
}
