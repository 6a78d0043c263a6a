import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { mapPosition, textSplice, type TextDeltaOp } from '$lib/portraits/text-binding';

/** Applies a splice to a string. */
const apply = (text: string, splice: ReturnType<typeof textSplice>) =>
	splice
		? text.slice(0, splice.index) + splice.insert + text.slice(splice.index + splice.remove)
		: text;

describe('textSplice', () => {
	it('finds one insertion, deletion or replacement', () => {
		expect(textSplice('abc', 'abc')).toBeNull();
		expect(textSplice('abc', 'abXc', 3)).toEqual({ index: 2, remove: 0, insert: 'X' });
		expect(textSplice('abc', 'ac', 1)).toEqual({ index: 1, remove: 1, insert: '' });
		expect(textSplice('hello world', 'hello there', 11)).toEqual({
			index: 6,
			remove: 5,
			insert: 'there'
		});
	});

	it('places a typed character in a run of equal ones where the caret is', () => {
		// Typing "a" at the start of "aaa": the caret is at 1.
		expect(textSplice('aaa', 'aaaa', 1)).toEqual({ index: 0, remove: 0, insert: 'a' });
		expect(textSplice('aaa', 'aaaa', 4)).toEqual({ index: 3, remove: 0, insert: 'a' });
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
});

describe('mapPosition', () => {
	it('moves a caret with inserts and deletes before it, not after it', () => {
		const ops: TextDeltaOp[] = [{ retain: 2 }, { insert: 'XY' }];
		expect(mapPosition(5, ops)).toBe(7);
		expect(mapPosition(1, ops)).toBe(1);
		expect(mapPosition(4, [{ retain: 1 }, { delete: 2 }])).toBe(2);
		expect(mapPosition(2, [{ retain: 1 }, { delete: 3 }])).toBe(1);
		expect(mapPosition(3, [{ delete: 1 }, { retain: 4 }, { insert: 'z' }])).toBe(2);
	});

	it('matches what Yjs reports for a remote edit', () => {
		const local = new Y.Doc();
		const remote = new Y.Doc();
		local.getText('t').insert(0, 'customer focus');
		Y.applyUpdate(remote, Y.encodeStateAsUpdate(local));
		let delta: TextDeltaOp[] = [];
		local.getText('t').observe((event) => (delta = event.delta));
		remote.getText('t').insert(0, 'our ');
		remote.getText('t').delete(12, 6);
		Y.applyUpdate(local, Y.encodeStateAsUpdate(remote, Y.encodeStateVector(local)));
		expect(local.getText('t').toString()).toBe('our customer');
		// The caret after "customer" (8) in the old text is after "customer" in the new one (12).
		expect(mapPosition(8, delta)).toBe(12);
	});
});
