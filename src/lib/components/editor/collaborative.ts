import type { Extensions } from '@tiptap/core';
import Collaboration from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import type { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import { richTextExtensions } from '$lib/editor/schema';
import './carets.css';

/** The shared schema bound to one Y.XmlFragment of a room, with the others' carets. */
export function collaborativeExtensions(
	doc: Y.Doc,
	field: string,
	awareness: Awareness,
	user: { name: string; color: string }
): Extensions {
	return [
		...richTextExtensions(),
		Collaboration.configure({ document: doc, field }),
		CollaborationCaret.configure({ provider: { awareness }, user })
	];
}
