import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addDefinitionCards, createTheme, moveCard, readBoard } from '$lib/board/doc';
import {
	decodeDocument,
	encodeDocument,
	rewriteBoard,
	rewrittenBoardState
} from '$lib/server/outputs/documents-file';

function board() {
	const doc = new Y.Doc();
	addDefinitionCards(doc, [
		{ id: 'old-1', text: 'Partners', roleTag: 'Sales', author: 'Alice Secretname' },
		{ id: 'old-2', text: 'Gifts', roleTag: '', author: 'Bob Secretname' }
	]);
	const theme = createTheme(doc, 'Partnership', 'theme-1');
	moveCard(doc, 'old-1', theme);
	return doc;
}

describe('session documents in a file', () => {
	it('renames cards to new definition ids, keeping their theme and text', () => {
		const state = rewrittenBoardState(Y.encodeStateAsUpdate(board()), {
			cardIds: new Map([
				['old-1', 'new-1'],
				['old-2', 'new-2']
			]),
			keepAuthors: true
		});
		const copy = new Y.Doc();
		Y.applyUpdate(copy, state);
		expect(readBoard(copy)).toEqual({
			themes: [{ id: 'theme-1', name: 'Partnership', order: 1, suggestion: null }],
			cards: [
				{
					id: 'new-1',
					text: 'Partners',
					roleTag: 'Sales',
					author: 'Alice Secretname',
					themeId: 'theme-1'
				},
				{ id: 'new-2', text: 'Gifts', roleTag: '', author: 'Bob Secretname', themeId: null }
			]
		});
	});

	it('takes author names out of the state, not only out of view', () => {
		const state = rewrittenBoardState(Y.encodeStateAsUpdate(board()), { keepAuthors: false });
		expect(Buffer.from(state).toString('latin1')).not.toContain('Secretname');
		const copy = new Y.Doc();
		Y.applyUpdate(copy, state);
		expect(readBoard(copy).cards.map((card) => card.author)).toEqual([null, null]);
		expect(Buffer.from(Y.encodeStateAsUpdate(board())).toString('latin1')).toContain('Secretname');
	});

	it('decodes a whole document, and refuses garbage or one with missing parts', () => {
		const doc = board();
		const decoded = decodeDocument(encodeDocument(doc), (scratch) =>
			rewriteBoard(scratch, { keepAuthors: false })
		);
		expect(decoded).not.toBeNull();
		expect(
			decodeDocument(Buffer.from('garbage that is not an update').toString('base64'))
		).toBeNull();
		// An update that builds on changes the file does not have.
		const source = new Y.Doc();
		source.getText('t').insert(0, 'first');
		const before = Y.encodeStateVector(source);
		source.getText('t').insert(5, ' second');
		const onlyLater = Y.encodeStateAsUpdate(source, before);
		expect(decodeDocument(Buffer.from(onlyLater).toString('base64'))).toBeNull();
	});
});
