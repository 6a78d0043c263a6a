// A plain <input> or <textarea> bound to a Y.Text: a local edit is written as the one splice between
// the old and the new value, and a change from anyone else (or an undo) rewrites the field's value
// with the caret staying beside the same characters (a Y.RelativePosition).
import { simpleDiffStringWithCursor } from 'lib0/diff';
import * as Y from 'yjs';

/** One splice: remove `remove` characters at `index`, then insert `insert` there. */
export type TextSplice = { index: number; remove: number; insert: string };

/**
 * The splice that turns `before` into `after`, keeping their common prefix and suffix and never
 * splitting a surrogate pair; null when they are equal. `caret` (where the caret is in `after`)
 * places an insertion inside a run of equal characters where the user typed it.
 */
export function textSplice(before: string, after: string, caret = after.length): TextSplice | null {
	if (before === after) return null;
	const grown = after.length - before.length;
	// Where the edit began: the caret, less what was inserted.
	const editStart = Math.max(0, grown > 0 ? caret - grown : caret);
	return simpleDiffStringWithCursor(before, after, editStart);
}

/** Writes `value` into `target` as one splice (concurrent typing elsewhere in it merges). */
export function writeText(target: Y.Text, value: string, caret?: number, origin?: unknown): void {
	const splice = textSplice(target.toString(), value, caret);
	if (!splice) return;
	const apply = () => {
		if (splice.remove > 0) target.delete(splice.index, splice.remove);
		if (splice.insert) target.insert(splice.index, splice.insert);
	};
	if (target.doc) target.doc.transact(apply, origin);
	else apply();
}

/** The part of an <input> or <textarea> that following a text needs. */
export type TextField = {
	value: string;
	selectionStart: number | null;
	selectionEnd: number | null;
	setSelectionRange(start: number, end: number): void;
	readonly ownerDocument: { readonly activeElement: unknown };
};

/**
 * Shows `text` in `field` and keeps it there: a change that leaves the field behind rewrites its
 * value, and when the field has the focus its selection stays beside the characters it was beside
 * (text inserted at the caret comes before it). `changed` runs after each rewrite. Returns the stop.
 */
export function followText(text: Y.Text, field: TextField, changed?: () => void): () => void {
	if (field.value !== text.toString()) field.value = text.toString();
	let selection: [Y.RelativePosition, Y.RelativePosition] | null = null;
	const focused = () => field.ownerDocument.activeElement === field;
	const before = () => {
		selection = focused()
			? [
					Y.createRelativePositionFromTypeIndex(text, field.selectionStart ?? 0),
					Y.createRelativePositionFromTypeIndex(text, field.selectionEnd ?? 0)
				]
			: null;
	};
	const observer = () => {
		const next = text.toString();
		if (field.value === next) return;
		field.value = next;
		const doc = text.doc;
		if (selection && doc && focused()) {
			const [start, end] = selection.map(
				(position) => Y.createAbsolutePositionFromRelativePosition(position, doc)?.index ?? 0
			);
			field.setSelectionRange(start, end);
		}
		changed?.();
	};
	text.doc?.on('beforeTransaction', before);
	text.observe(observer);
	return () => {
		text.doc?.off('beforeTransaction', before);
		text.unobserve(observer);
	};
}
