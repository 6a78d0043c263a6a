import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { followText, textSplice, writeText, type TextField } from '$lib/editor/plain-text';

/** Applies a splice to a string. */
const apply = (text: string, splice: ReturnType<typeof textSplice>) =>
	splice
		? text.slice(0, splice.index) + splice.insert + text.slice(splice.index + splice.remove)
		: text;

describe('the splice of an edit', () => {
	it('finds one insertion, deletion or replacement', () => {
		expect(textSplice('abc', 'abc')).toBeNull();
		expect(textSplice('abc', 'abXc', 3)).toEqual({ index: 2, remove: 0, insert: 'X' });
		expect(textSplice('abc', 'ac', 1)).toEqual({ index: 1, remove: 1, insert: '' });
		expect(textSplice('hello world', 'hello there', 11)).toEqual({
			index: 6,
			remove: 5,
			insert: 'there'
		});
		expect(textSplice('Fast answer', 'A fast answer')).toEqual({
			index: 0,
			remove: 1,
			insert: 'A f'
		});
		expect(textSplice('abcdef', 'abef')).toEqual({ index: 2, remove: 2, insert: '' });
	});

	it('places a typed character in a run of equal ones where the caret is', () => {
		// Typing "a" at the start of "aaa": the caret is at 1.
		expect(textSplice('aaa', 'aaaa', 1)).toEqual({ index: 0, remove: 0, insert: 'a' });
		expect(textSplice('aaa', 'aaaa', 4)).toEqual({ index: 3, remove: 0, insert: 'a' });
		expect(textSplice('aaa', 'aaaa')).toEqual({ index: 3, remove: 0, insert: 'a' });
	});

	it('always turns the old text into the new one', () => {
		const cases: [string, string, number][] = [
			['', 'new', 3],
			['old', '', 0],
			['Клиент — партнёр', 'Клиент — наш партнёр', 13],
			['abcabc', 'abc', 3],
			['abc', 'xyz', 3]
		];
		for (const [before, after, caret] of cases)
			expect(apply(before, textSplice(before, after, caret))).toBe(after);
	});

	it('never splits a surrogate pair', () => {
		expect(textSplice('x😀y', 'x😃y')).toEqual({ index: 1, remove: 2, insert: '😃' });
		const text = new Y.Doc().getText('t');
		text.insert(0, 'x😀y');
		writeText(text, 'x😃y');
		expect(text.toString()).toBe('x😃y');
	});

	it('is written as one transaction with the given origin', () => {
		const doc = new Y.Doc();
		const text = doc.getText('t');
		text.insert(0, 'customer');
		const origin = {};
		const origins: unknown[] = [];
		doc.on('afterTransaction', (transaction) => origins.push(transaction.origin));
		writeText(text, 'our customers', 13, origin);
		expect(text.toString()).toBe('our customers');
		expect(origins).toEqual([origin]);
	});
});

describe('a field following a shared text', () => {
	/** A stand-in for an <input>: its value and selection, and whether it has the focus. */
	function fakeField(focused = true): TextField & { focused: boolean } {
		const field = {
			value: '',
			selectionStart: 0 as number | null,
			selectionEnd: 0 as number | null,
			focused,
			setSelectionRange(start: number, end: number) {
				field.selectionStart = start;
				field.selectionEnd = end;
			},
			get ownerDocument(): { activeElement: unknown } {
				return { activeElement: field.focused ? field : null };
			}
		};
		return field;
	}

	/** A local text and a remote copy; `remote` edits the copy and sends the change over. */
	function pair(initial: string) {
		const local = new Y.Doc();
		const remote = new Y.Doc();
		local.getText('t').insert(0, initial);
		Y.applyUpdate(remote, Y.encodeStateAsUpdate(local));
		const edit = (change: (text: Y.Text) => void) => {
			const before = Y.encodeStateVector(local);
			remote.transact(() => change(remote.getText('t')));
			Y.applyUpdate(local, Y.encodeStateAsUpdate(remote, before));
		};
		return { text: local.getText('t'), edit };
	}

	it('shows the text, and takes someone else’s change', () => {
		const { text, edit } = pair('customer focus');
		const field = fakeField(false);
		followText(text, field);
		expect(field.value).toBe('customer focus');
		edit((t) => t.insert(0, 'our '));
		expect(field.value).toBe('our customer focus');
	});

	it('moves the caret on when text is inserted before it or at it, and not after it', () => {
		const { text, edit } = pair('hello world');
		const field = fakeField();
		followText(text, field);
		field.setSelectionRange(5, 5);
		edit((t) => t.insert(0, '>> '));
		expect([field.selectionStart, field.selectionEnd]).toEqual([8, 8]);
		edit((t) => t.insert(8, '!'));
		expect(field.selectionStart).toBe(9);
		edit((t) => t.insert(14, '?'));
		expect(field.value).toBe('>> hello! worl?d');
		expect(field.selectionStart).toBe(9);
	});

	it('moves the caret back when text before it is deleted, and to the cut when its place is', () => {
		const { text, edit } = pair('hello world');
		const field = fakeField();
		followText(text, field);
		field.setSelectionRange(8, 8);
		edit((t) => t.delete(0, 6));
		expect(field.selectionStart).toBe(2);
		field.setSelectionRange(1, 4);
		edit((t) => t.delete(0, 3));
		expect(field.value).toBe('ld');
		expect([field.selectionStart, field.selectionEnd]).toEqual([0, 1]);
	});

	it('keeps a selection around a replacement beside it', () => {
		const { text, edit } = pair('our customer focus');
		const field = fakeField();
		followText(text, field);
		field.setSelectionRange(4, 12);
		edit((t) => {
			t.delete(13, 5);
			t.insert(13, 'first');
			t.insert(0, 'Put ');
		});
		expect(field.value).toBe('Put our customer first');
		expect([field.selectionStart, field.selectionEnd]).toEqual([8, 16]);
	});

	it('leaves the selection of a field without the focus, and stops when told', () => {
		const { text, edit } = pair('abc');
		const field = fakeField(false);
		const stop = followText(text, field);
		field.selectionStart = 1;
		field.selectionEnd = 1;
		edit((t) => t.insert(0, 'x'));
		expect(field.value).toBe('xabc');
		expect(field.selectionStart).toBe(1);
		stop();
		edit((t) => t.insert(0, 'y'));
		expect(field.value).toBe('xabc');
	});

	it('ignores the field’s own typing, which the text already holds', () => {
		const doc = new Y.Doc();
		const text = doc.getText('t');
		const field = fakeField();
		let rewrites = 0;
		followText(text, field, () => rewrites++);
		field.value = 'typed';
		field.setSelectionRange(5, 5);
		writeText(text, field.value, 5);
		expect(text.toString()).toBe('typed');
		expect(rewrites).toBe(0);
	});
});
