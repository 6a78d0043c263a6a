// The lifecycle every rich-text editor shares: a tiptap editor lives as long as its surface, is
// built once (its own transactions and a change of read-only must not rebuild it: that would lose
// the caret on every keystroke and loop while a shared document first syncs), and its toolbar
// re-reads the editor's state after every transaction.
import { untrack } from 'svelte';
import type { Editor, EditorOptions } from '@tiptap/core';

export class EditorState {
	editor: Editor | undefined = $state();
	#tick = $state(0);

	/**
	 * Builds the editor with `build` (untracked) and returns the teardown; call it from an $effect
	 * that reads only the surface element. `build` gets the transaction hook to pass on.
	 */
	mount(build: (onTransaction: EditorOptions['onTransaction']) => Editor): () => void {
		const instance = untrack(() => build(() => untrack(() => this.#tick++)));
		this.editor = instance;
		return () => this.#destroy(instance);
	}

	/** Adopts an editor built later (after a lazy import); returns its teardown. */
	adopt(instance: Editor): () => void {
		this.editor = instance;
		return () => this.#destroy(instance);
	}

	/** A hook for an editor built with `adopt`. */
	readonly onTransaction: EditorOptions['onTransaction'] = () => untrack(() => this.#tick++);

	isActive(name: string, attributes?: Record<string, unknown>): boolean {
		void this.#tick;
		return this.editor?.isActive(name, attributes) ?? false;
	}

	setEditable(editable: boolean): void {
		this.editor?.setEditable(editable);
	}

	#destroy(instance: Editor): void {
		instance.destroy();
		if (this.editor === instance) this.editor = undefined;
	}
}
