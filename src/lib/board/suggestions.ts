import { m } from '$lib/paraglide/messages';
import { locales } from '$lib/paraglide/runtime';
import type { BoardTheme } from './doc';

/** The typical themes people bring (DESIGN.md, stage 2), by a key that is the same in every language. */
const SUGGESTIONS = {
	obsequious: m.board_suggestion_1,
	discounts: m.board_suggestion_2,
	crm: m.board_suggestion_3,
	partner: m.board_suggestion_4,
	marketing: m.board_suggestion_5,
	result: m.board_suggestion_6,
	principles: m.board_suggestion_7
};

export type ThemeSuggestion = { key: string; name: string };

/**
 * The typical themes not yet on the board, named in the reader's language. A suggestion is on the
 * board when a theme was made from it (its key), or, for themes made before themes carried a key,
 * when a theme bears its name in any of our languages.
 */
export function unusedSuggestions(themes: BoardTheme[]): ThemeSuggestion[] {
	const used = new Set(themes.map((theme) => theme.suggestion));
	const names = new Set(themes.map((theme) => theme.name));
	return Object.entries(SUGGESTIONS)
		.filter(
			([key, message]) =>
				!used.has(key) && !locales.some((locale) => names.has(message({}, { locale })))
		)
		.map(([key, message]) => ({ key, name: message() }));
}
