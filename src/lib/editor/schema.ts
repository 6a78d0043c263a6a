// The one rich-text schema: the draft, the portrait sections and the touchpoint rules are edited
// with it, the server renders stored documents with it, and the sanitizer's allow-list is derived
// from it, so what an editor can make is exactly what a reader is shown.
import type { Extensions } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';

/** Heading levels a text may hold: a page's own title is the h1. */
export const HEADING_LEVELS = [2, 3, 4] as const;

/**
 * The editor extensions. `history` is the plain undo stack of a one-person editor; a collaborative
 * one leaves it off, because the Collaboration extension brings an undo of the user's own edits.
 */
export function richTextExtensions({ history = false } = {}): Extensions {
	return [
		StarterKit.configure({
			undoRedo: history ? {} : false,
			heading: { levels: [...HEADING_LEVELS] },
			link: { openOnClick: false, autolink: true, protocols: ['mailto'] }
		})
	];
}
