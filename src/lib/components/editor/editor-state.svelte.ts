// The lifecycle every rich-text editor shares: a tiptap editor lives as long as its surface, is
// built once (its own transactions and a change of read-only must not rebuild it: that would lose
// the caret on every keystroke and loop while a shared document first syncs), follows read-only
// without being rebuilt, and its toolbar re-reads the editor's state after every transaction.
import { untrack } from 'svelte';
import type { Attachment } from 'svelte/attachments';
import type { Editor, EditorOptions } from '@tiptap/core';

/** Builds the editor on its surface, at once or after a lazy import; gets the transaction hook. */
export type BuildEditor = (
	surface: HTMLElement,
	onTransaction: EditorOptions['onTransaction']
) => Editor | Promise<Editor>;

export class EditorState {
	editor: Editor | undefined = $state();
	/** The editor could not be built (its script failed to load). */
	failed = $state(false);
	#tick = $state(0);

	/** Construct while a component initialises: `editable` is followed for the editor's life. */
	constructor(editable: () => boolean) {
		$effect(() => {
			const wanted = editable();
			this.editor?.setEditable(wanted);
		});
	}

	/** The attachment for the surface element: `{@attach editorState.attach(build)}`. */
	attach(build: BuildEditor): Attachment<HTMLElement> {
		return (surface) => {
			let instance: Editor | undefined;
			let detached = false;
			const adopt = (built: Editor) => {
				if (detached) return built.destroy();
				instance = built;
				this.failed = false;
				this.editor = built;
			};
			const built = untrack(() => build(surface, this.#onTransaction));
			if (built instanceof Promise)
				void built.then(adopt, () => {
					if (!detached) this.failed = true;
				});
			else adopt(built);
			return () => {
				detached = true;
				if (!instance) return;
				instance.destroy();
				if (this.editor === instance) this.editor = undefined;
			};
		};
	}

	readonly #onTransaction: EditorOptions['onTransaction'] = () => untrack(() => this.#tick++);

	isActive(name: string, attributes?: Record<string, unknown>): boolean {
		void this.#tick;
		return this.editor?.isActive(name, attributes) ?? false;
	}
}
