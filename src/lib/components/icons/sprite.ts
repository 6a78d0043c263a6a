// Icons shown hundreds of times on one screen (the journey grid, the register). Each lucide icon
// is a component of its own (spread props, one element per path); on a big journey map they
// took about half of the time to build the grid. A screen that repeats icons draws each one once,
// hidden (`IconSprite`), and shows it by reference (`SpriteIcon`, an SVG `<use>`), so the shapes
// still come from @lucide/svelte.
import { getContext, setContext } from 'svelte';

export const spriteIconNames = [
	'arrow-left',
	'arrow-right',
	'arrow-up',
	'arrow-down',
	'eye-off',
	'trash',
	'x',
	'plus',
	'user-round',
	'user-x',
	'book-check',
	'book-x'
] as const;
export type SpriteIconName = (typeof spriteIconNames)[number];

const KEY = Symbol('icon-sprite');

/** Makes the sprite whose ids start with `prefix` known to the components below; render `IconSprite` there too. */
export function provideIconSprite(prefix: string): void {
	setContext(KEY, prefix);
}

/** The id of an icon in the sprite, or null where no sprite is provided; call while a component is created. */
export function useIconSprite(): ((name: SpriteIconName) => string) | null {
	const prefix = getContext<string | undefined>(KEY);
	return prefix ? (name) => `${prefix}-${name}` : null;
}
