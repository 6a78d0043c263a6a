import * as Y from 'yjs';

/** A definition card on the grouping board. */
export type BoardCard = {
	id: string;
	text: string;
	roleTag: string;
	/** Author's name when the session shows authors to everyone, else null. */
	author: string | null;
	/** Theme the card is in, or null while unsorted. */
	themeId: string | null;
};

/**
 * A theme definitions are grouped into. `suggestion` is the key of the typical theme it was made
 * from (the same in every language), or null for a theme someone named themselves.
 */
export type BoardTheme = { id: string; name: string; order: number; suggestion: string | null };

/** Plain snapshot of the board for rendering. */
export type BoardState = { cards: BoardCard[]; themes: BoardTheme[] };

/** Longest theme name. */
export const THEME_NAME_MAX = 120;

const cardsOf = (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>('cards');
const themesOf = (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>('themes');

const str = (value: unknown, fallback = ''): string =>
	typeof value === 'string' ? value : fallback;

/** Reads the board out of its document. */
export function readBoard(doc: Y.Doc): BoardState {
	const themes: BoardTheme[] = [];
	themesOf(doc).forEach((theme, id) => {
		const order = theme.get('order');
		const suggestion = theme.get('suggestion');
		themes.push({
			id,
			name: str(theme.get('name')),
			order: typeof order === 'number' ? order : 0,
			suggestion: typeof suggestion === 'string' ? suggestion : null
		});
	});
	themes.sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
	const known = new Set(themes.map((theme) => theme.id));
	const cards: BoardCard[] = [];
	cardsOf(doc).forEach((card, id) => {
		const themeId = card.get('themeId');
		const author = card.get('author');
		cards.push({
			id,
			text: str(card.get('text')),
			roleTag: str(card.get('roleTag')),
			author: typeof author === 'string' ? author : null,
			themeId: typeof themeId === 'string' && known.has(themeId) ? themeId : null
		});
	});
	cards.sort((a, b) => a.id.localeCompare(b.id));
	return { cards, themes };
}

/** Adds revealed definitions as unsorted cards; cards already on the board are left as they are. */
export function addDefinitionCards(
	doc: Y.Doc,
	definitions: { id: string; text: string; roleTag: string; author: string | null }[]
): number {
	const cards = cardsOf(doc);
	let added = 0;
	doc.transact(() => {
		for (const definition of definitions) {
			if (cards.has(definition.id)) continue;
			const card = new Y.Map<unknown>();
			card.set('text', definition.text);
			card.set('roleTag', definition.roleTag);
			card.set('author', definition.author);
			card.set('themeId', null);
			cards.set(definition.id, card);
			added++;
		}
	});
	return added;
}

/** Creates a theme at the end and returns its id. */
export function createTheme(doc: Y.Doc, name: string, id: string = crypto.randomUUID()): string {
	const themes = themesOf(doc);
	const last = readBoard(doc).themes.at(-1);
	doc.transact(() => {
		const theme = new Y.Map<unknown>();
		theme.set('name', name.slice(0, THEME_NAME_MAX));
		theme.set('order', (last?.order ?? 0) + 1);
		themes.set(id, theme);
	});
	return id;
}

/** Id of the theme made from the typical theme `key`: the same on every client and in every language. */
export const suggestedThemeId = (key: string) => `suggestion-${key}`;

/**
 * Creates the theme of a typical-theme suggestion, named in the creator's language. Its id comes
 * from the suggestion's key, so when an English and a Russian participant press the same
 * suggestion at once their two writes land on one theme; when it already exists nothing changes.
 */
export function createSuggestedTheme(doc: Y.Doc, key: string, name: string): string {
	const id = suggestedThemeId(key);
	if (themesOf(doc).has(id)) return id;
	doc.transact(() => {
		createTheme(doc, name, id);
		themesOf(doc).get(id)?.set('suggestion', key);
	});
	return id;
}

export function renameTheme(doc: Y.Doc, themeId: string, name: string): void {
	themesOf(doc).get(themeId)?.set('name', name.slice(0, THEME_NAME_MAX));
}

/** Puts a card into a theme, or back among the unsorted with `null`. */
export function moveCard(doc: Y.Doc, cardId: string, themeId: string | null): void {
	const card = cardsOf(doc).get(cardId);
	if (!card) return;
	if (themeId !== null && !themesOf(doc).has(themeId)) return;
	card.set('themeId', themeId);
}

/** Moves every card of `fromId` into `intoId` and removes `fromId`. */
export function mergeThemes(doc: Y.Doc, fromId: string, intoId: string): void {
	if (fromId === intoId || !themesOf(doc).has(intoId)) return;
	doc.transact(() => {
		cardsOf(doc).forEach((card) => {
			if (card.get('themeId') === fromId) card.set('themeId', intoId);
		});
		themesOf(doc).delete(fromId);
	});
}

/** Splits the chosen cards of a theme into a new theme; returns the new theme's id. */
export function splitTheme(
	doc: Y.Doc,
	themeId: string,
	cardIds: string[],
	name: string
): string | null {
	if (!themesOf(doc).has(themeId) || !cardIds.length) return null;
	let created: string | null = null;
	doc.transact(() => {
		created = createTheme(doc, name);
		for (const cardId of cardIds) {
			const card = cardsOf(doc).get(cardId);
			if (card?.get('themeId') === themeId) card.set('themeId', created);
		}
	});
	return created;
}

/** Removes a theme; its cards go back to the unsorted. */
export function deleteTheme(doc: Y.Doc, themeId: string): void {
	doc.transact(() => {
		cardsOf(doc).forEach((card) => {
			if (card.get('themeId') === themeId) card.set('themeId', null);
		});
		themesOf(doc).delete(themeId);
	});
}
