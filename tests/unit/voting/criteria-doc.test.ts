import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	addCriterion,
	cleanCriterionText,
	CRITERION_MAX,
	criteriaForVote,
	editCriterion,
	readCriteria,
	removeCriterion,
	VOTE_ITEMS_MAX
} from '$lib/criteria/doc';

function sync(from: Y.Doc, to: Y.Doc) {
	Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)));
}

const texts = (doc: Y.Doc) => readCriteria(doc).map((criterion) => criterion.text);

describe('proposed criteria document', () => {
	it('adds proposals at the end, trimmed, and ignores empty ones', () => {
		const doc = new Y.Doc();
		expect(addCriterion(doc, '  Short enough   to remember ')).toEqual(expect.any(String));
		addCriterion(doc, 'Says what the customer gets');
		expect(addCriterion(doc, '   \n ')).toBeNull();
		expect(texts(doc)).toEqual(['Short enough to remember', 'Says what the customer gets']);
	});

	it('cuts over-long text to the limit', () => {
		const doc = new Y.Doc();
		addCriterion(doc, 'x'.repeat(CRITERION_MAX + 50));
		expect(texts(doc)[0]).toHaveLength(CRITERION_MAX);
		expect(cleanCriterionText(`a${' '.repeat(CRITERION_MAX)}b`)).toBe('a b');
	});

	it('edits and removes proposals; an emptied proposal is removed', () => {
		const doc = new Y.Doc();
		const first = addCriterion(doc, 'Short', 'one');
		addCriterion(doc, 'Concrete', 'two');
		addCriterion(doc, 'Measurable', 'three');
		editCriterion(doc, 'one', 'Short enough to remember');
		removeCriterion(doc, 'two');
		editCriterion(doc, 'three', '  ');
		editCriterion(doc, 'unknown', 'ignored');
		expect(first).toBe('one');
		expect(readCriteria(doc)).toEqual([{ id: 'one', text: 'Short enough to remember', order: 1 }]);
	});

	it('converges when two people add, edit and remove at once', () => {
		const left = new Y.Doc();
		addCriterion(left, 'Short', 'a');
		const right = new Y.Doc();
		sync(left, right);
		addCriterion(left, 'Concrete', 'b');
		addCriterion(right, 'Honest', 'c');
		editCriterion(left, 'a', 'Short and clear');
		removeCriterion(right, 'a');
		sync(left, right);
		sync(right, left);
		expect(readCriteria(left)).toEqual(readCriteria(right));
		// Both additions made at the same place land in one agreed order.
		expect(texts(left).filter((text) => text !== 'Short and clear')).toEqual([
			'Concrete',
			'Honest'
		]);
	});

	it('gives a vote each distinct proposal once, in list order, at most the item limit', () => {
		const doc = new Y.Doc();
		addCriterion(doc, 'Short');
		addCriterion(doc, 'Concrete');
		addCriterion(doc, 'short ');
		addCriterion(doc, 'SHORT');
		expect(criteriaForVote(doc)).toEqual(['Short', 'Concrete']);
		for (let i = 0; i < VOTE_ITEMS_MAX + 5; i++) addCriterion(doc, `Criterion ${i}`);
		expect(criteriaForVote(doc)).toHaveLength(VOTE_ITEMS_MAX);
	});

	it('reads malformed entries written by a client as empty, and leaves them out of a vote', () => {
		const doc = new Y.Doc();
		const entry = new Y.Map<unknown>();
		entry.set('text', 42);
		doc.getMap<Y.Map<unknown>>('criteria').set('odd', entry);
		addCriterion(doc, 'Real');
		expect(readCriteria(doc).map((criterion) => criterion.text)).toEqual(['', 'Real']);
		expect(criteriaForVote(doc)).toEqual(['Real']);
	});
});
