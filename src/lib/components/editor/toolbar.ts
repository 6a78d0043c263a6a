// The commands an editor's toolbar offers, each a button: what it shows, what it runs, when it is
// pressed, and the key that does the same. Each editor picks its commands and names them in its
// own words (the labels come from its area's messages).
import type { ChainedCommands } from '@tiptap/core';
import type { Component } from 'svelte';
import { Bold, Heading2, Italic, List, ListOrdered, Redo2, Undo2 } from '@lucide/svelte';

export type ToolbarCommand = {
	label: string;
	icon: Component<{ size?: number }>;
	run: (chain: ChainedCommands) => ChainedCommands;
	/** The node or mark (and its attributes) whose presence at the caret presses the button. */
	active?: { name: string; attributes?: Record<string, unknown> };
	/** The shortcut in tiptap's notation, `Mod` being Ctrl (⌘ on Apple devices). */
	shortcut: string;
};

/** Buttons in groups; a separator stands between two groups. */
export type ToolbarGroups = ToolbarCommand[][];

/** A command whose label each editor supplies. */
const command =
	(
		icon: ToolbarCommand['icon'],
		run: ToolbarCommand['run'],
		shortcut: string,
		active?: ToolbarCommand['active']
	) =>
	(label: string): ToolbarCommand => ({ label, icon, run, shortcut, active });

export const bold = command(Bold, (chain) => chain.toggleBold(), 'Mod-b', { name: 'bold' });
export const italic = command(Italic, (chain) => chain.toggleItalic(), 'Mod-i', { name: 'italic' });
export const heading2 = command(
	Heading2,
	(chain) => chain.toggleHeading({ level: 2 }),
	'Mod-Alt-2',
	{ name: 'heading', attributes: { level: 2 } }
);
export const bulletList = command(List, (chain) => chain.toggleBulletList(), 'Mod-Shift-8', {
	name: 'bulletList'
});
export const orderedList = command(
	ListOrdered,
	(chain) => chain.toggleOrderedList(),
	'Mod-Shift-7',
	{
		name: 'orderedList'
	}
);
export const undo = command(Undo2, (chain) => chain.undo(), 'Mod-z');
export const redo = command(Redo2, (chain) => chain.redo(), 'Mod-Shift-z');

const isApple = (platform: string) => /Mac|iPhone|iPad|iPod/.test(platform);

/** A shortcut as `aria-keyshortcuts` spells it (`Control+B`, `Meta+Shift+Z`). */
export function ariaShortcut(shortcut: string, platform: string): string {
	return shortcut
		.split('-')
		.map((key) =>
			key === 'Mod'
				? isApple(platform)
					? 'Meta'
					: 'Control'
				: key.length === 1
					? key.toUpperCase()
					: key
		)
		.join('+');
}

/** A shortcut as a person reads it in a tooltip (`Ctrl+B`, `⌘⇧Z`). */
export function shortcutHint(shortcut: string, platform: string): string {
	const apple = isApple(platform);
	const names: Record<string, string> = apple
		? { Mod: '⌘', Shift: '⇧', Alt: '⌥' }
		: { Mod: 'Ctrl', Shift: 'Shift', Alt: 'Alt' };
	const keys = shortcut
		.split('-')
		.map((key) => names[key] ?? (key.length === 1 ? key.toUpperCase() : key));
	return keys.join(apple ? '' : '+');
}
