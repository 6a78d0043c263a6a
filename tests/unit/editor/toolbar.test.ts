import { describe, expect, it } from 'vitest';
import {
	ariaShortcut,
	bold,
	bulletList,
	heading2,
	italic,
	orderedList,
	redo,
	shortcutHint,
	undo
} from '$lib/components/editor/toolbar';

const LINUX = 'Linux x86_64';
const MAC = 'MacIntel';

describe('toolbar shortcuts', () => {
	it('spells Mod as Control off Apple devices and Meta on them, for aria-keyshortcuts', () => {
		expect(ariaShortcut('Mod-b', LINUX)).toBe('Control+B');
		expect(ariaShortcut('Mod-Shift-z', MAC)).toBe('Meta+Shift+Z');
		expect(ariaShortcut('Mod-Alt-2', 'iPad')).toBe('Meta+Alt+2');
	});

	it('writes a hint the way each platform shows keys', () => {
		expect(shortcutHint('Mod-Shift-8', 'Win32')).toBe('Ctrl+Shift+8');
		expect(shortcutHint('Mod-Shift-z', MAC)).toBe('⌘⇧Z');
	});

	it('gives every command the label its editor supplies and a distinct shortcut', () => {
		const commands = [bold, italic, heading2, bulletList, orderedList, undo, redo].map((make, i) =>
			make(`label ${i}`)
		);
		expect(commands.map((command) => command.label)).toEqual(commands.map((_, i) => `label ${i}`));
		expect(new Set(commands.map((command) => command.shortcut)).size).toBe(commands.length);
	});
});
