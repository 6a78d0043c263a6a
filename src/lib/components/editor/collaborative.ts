import { Editor, type EditorOptions, type Extensions } from '@tiptap/core';
import Collaboration from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import type { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import { richTextExtensions } from '$lib/editor/schema';
import './carets.css';

/** Where a collaborative editor's text lives and who is typing it. */
export type CollaborationBinding = {
	doc: Y.Doc;
	/** The Y.XmlFragment of `doc` that holds the text. */
	field: string;
	/** Presence of the room (the others' carets). */
	awareness: Awareness;
	/** Name and colour of this user's caret. */
	user: { name: string; color: string };
};

/** The shared schema bound to one Y.XmlFragment of a room, with the others' carets. */
export function collaborativeExtensions({
	doc,
	field,
	awareness,
	user
}: CollaborationBinding): Extensions {
	return [
		...richTextExtensions(),
		Collaboration.configure({ document: doc, field }),
		CollaborationCaret.configure({ provider: { awareness }, user })
	];
}

/** A rich-text editor on `surface` bound to a room's document; `attributes` go on the textbox. */
export function collaborativeEditor(
	surface: HTMLElement,
	binding: CollaborationBinding,
	options: {
		editable: boolean;
		attributes: Record<string, string>;
		onTransaction: EditorOptions['onTransaction'];
	}
): Editor {
	return new Editor({
		element: surface,
		editable: options.editable,
		extensions: collaborativeExtensions(binding),
		editorProps: { attributes: options.attributes },
		onTransaction: options.onTransaction
	});
}
