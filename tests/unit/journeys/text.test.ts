import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { applyTextChange, textChange, transformIndex, type TextDelta } from '$lib/journeys/doc';

describe('the smallest text change', () => {
	it('finds the one replacement between two texts', () => {
		expect(textChange('same', 'same')).toBeNull();
		expect(textChange('Fast answer', 'A fast answer')).toEqual({
			index: 0,
			remove: 1,
			insert: 'A f'
		});
		expect(textChange('abc', 'abXc')).toEqual({ index: 2, remove: 0, insert: 'X' });
		expect(textChange('abcdef', 'abef')).toEqual({ index: 2, remove: 2, insert: '' });
		expect(textChange('aaa', 'aaaa')).toEqual({ index: 3, remove: 0, insert: 'a' });
	});

	it('never splits a surrogate pair', () => {
		const change = textChange('x😀y', 'x😃y');
		expect(change).toEqual({ index: 1, remove: 2, insert: '😃' });
		const text = new Y.Doc().getText('t');
		text.insert(0, 'x😀y');
		applyTextChange(text, 'x😃y');
		expect(text.toString()).toBe('x😃y');
	});
});

describe('a caret under someone else’s typing', () => {
	const observed = (before: string, edit: (text: Y.Text) => void): TextDelta => {
		const doc = new Y.Doc();
		const text = doc.getText('t');
		text.insert(0, before);
		let delta: TextDelta = [];
		text.observe((event) => (delta = event.delta as TextDelta));
		edit(text);
		return delta;
	};

	it('moves on when text is inserted before it and stays when after', () => {
		const delta = observed('hello world', (t) => t.insert(0, '>> '));
		expect(transformIndex(5, delta)).toBe(8);
		const later = observed('hello world', (t) => t.insert(11, '!'));
		expect(transformIndex(5, later)).toBe(5);
	});

	it('moves back when text before it is deleted, and to the cut when its place is deleted', () => {
		expect(
			transformIndex(
				8,
				observed('hello world', (t) => t.delete(0, 6))
			)
		).toBe(2);
		expect(
			transformIndex(
				4,
				observed('hello world', (t) => t.delete(2, 5))
			)
		).toBe(2);
		expect(
			transformIndex(
				1,
				observed('hello world', (t) => t.delete(2, 5))
			)
		).toBe(1);
	});

	it('follows a replacement around it', () => {
		const delta = observed('abcdef', (t) => {
			t.doc?.transact(() => {
				t.delete(1, 2);
				t.insert(1, 'XYZW');
			});
		});
		expect(transformIndex(5, delta)).toBe(7);
	});
});
