// Binding a plain <input> to a Y.Text: a local edit becomes the one splice between the old and the
// new value, and a remote change moves the caret with the text around it.

/** One splice: remove `remove` characters at `index`, then insert `insert` there. */
export type TextSplice = { index: number; remove: number; insert: string };

/**
 * The splice that turns `before` into `after`, keeping their common prefix and suffix; null when
 * they are equal. `caret` (where the caret is in `after`) places an insertion inside a run of
 * equal characters where the user typed it.
 */
export function textSplice(before: string, after: string, caret = after.length): TextSplice | null {
	if (before === after) return null;
	const grown = after.length - before.length;
	// The prefix cannot reach past where the edit ended (the caret, less what was inserted).
	const prefixLimit = Math.max(
		0,
		Math.min(before.length, after.length, grown > 0 ? caret - grown : caret)
	);
	let prefix = 0;
	while (prefix < prefixLimit && before[prefix] === after[prefix]) prefix++;
	let suffix = 0;
	while (
		suffix < before.length - prefix &&
		suffix < after.length - prefix &&
		before[before.length - 1 - suffix] === after[after.length - 1 - suffix]
	)
		suffix++;
	return {
		index: prefix,
		remove: before.length - prefix - suffix,
		insert: after.slice(prefix, after.length - suffix)
	};
}

/** One operation of a Y.Text change (its `delta`). */
export type TextDeltaOp = { retain?: number; insert?: unknown; delete?: number };

/** Where `position` in the old text is in the new one after `delta`. */
export function mapPosition(position: number, delta: TextDeltaOp[]): number {
	let oldIndex = 0;
	let mapped = position;
	for (const op of delta) {
		if (oldIndex > position) break;
		if (op.retain !== undefined) oldIndex += op.retain;
		else if (op.insert !== undefined) {
			const length = typeof op.insert === 'string' ? op.insert.length : 1;
			// Text inserted before the caret (or at it, by someone else) pushes the caret on.
			if (oldIndex <= position) mapped += length;
		} else if (op.delete !== undefined) {
			const end = oldIndex + op.delete;
			mapped -= Math.max(0, Math.min(end, position) - oldIndex);
			oldIndex = end;
		}
	}
	return Math.max(0, mapped);
}
