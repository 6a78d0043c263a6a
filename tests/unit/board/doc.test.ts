import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	addDefinitionCards,
	createTheme,
	deleteTheme,
	mergeThemes,
	moveCard,
	readBoard,
	renameTheme,
	splitTheme
} from '$lib/board/doc';

const definitions = [
	{ id: 'a', text: 'Being polite to every patient', roleTag: 'Front desk', author: null },
	{ id: 'b', text: 'Discounts and small gifts', roleTag: 'Security', author: null },
	{ id: 'c', text: 'We keep a CRM', roleTag: 'Marketing', author: 'Georgi' }
];

function sync(from: Y.Doc, to: Y.Doc) {
	Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)));
}

describe('grouping board document', () => {
	it('adds revealed definitions once, however often the reveal runs', () => {
		const doc = new Y.Doc();
		expect(addDefinitionCards(doc, definitions)).toBe(3);
		expect(addDefinitionCards(doc, definitions)).toBe(0);
		expect(readBoard(doc).cards.map((card) => [card.id, card.themeId, card.author])).toEqual([
			['a', null, null],
			['b', null, null],
			['c', null, 'Georgi']
		]);
	});

	it('groups cards into named themes, merges and splits them', () => {
		const doc = new Y.Doc();
		addDefinitionCards(doc, definitions);
		const manners = createTheme(doc, 'Manners');
		const perks = createTheme(doc, 'Perks');
		moveCard(doc, 'a', manners);
		moveCard(doc, 'b', perks);
		moveCard(doc, 'c', perks);
		renameTheme(doc, perks, 'Discounts and gifts');
		mergeThemes(doc, manners, perks);
		let board = readBoard(doc);
		expect(board.themes.map((theme) => theme.name)).toEqual(['Discounts and gifts']);
		expect(board.cards.every((card) => card.themeId === perks)).toBe(true);
		const tools = splitTheme(doc, perks, ['c'], 'Tools: CRM');
		board = readBoard(doc);
		expect(board.themes.map((theme) => theme.name)).toEqual(['Discounts and gifts', 'Tools: CRM']);
		expect(board.cards.find((card) => card.id === 'c')?.themeId).toBe(tools);
		deleteTheme(doc, perks);
		expect(
			readBoard(doc)
				.cards.filter((card) => card.themeId === null)
				.map((card) => card.id)
		).toEqual(['a', 'b']);
	});

	it('converges when two people move the same card at once', () => {
		const left = new Y.Doc();
		addDefinitionCards(left, definitions);
		const theme1 = createTheme(left, 'One', 't1');
		const theme2 = createTheme(left, 'Two', 't2');
		const right = new Y.Doc();
		sync(left, right);
		moveCard(left, 'a', theme1);
		moveCard(right, 'a', theme2);
		sync(left, right);
		sync(right, left);
		expect(readBoard(left)).toEqual(readBoard(right));
		expect([theme1, theme2]).toContain(readBoard(left).cards[0].themeId);
	});

	it('treats a card in a deleted theme as unsorted, even when the delete and a move race', () => {
		const left = new Y.Doc();
		addDefinitionCards(left, definitions);
		const theme = createTheme(left, 'Gone', 'gone');
		const right = new Y.Doc();
		sync(left, right);
		deleteTheme(left, theme);
		right.getMap<Y.Map<unknown>>('cards').get('b')?.set('themeId', theme);
		sync(left, right);
		sync(right, left);
		expect(readBoard(left).cards.find((card) => card.id === 'b')?.themeId).toBeNull();
	});
});
