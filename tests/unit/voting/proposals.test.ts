import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addCriterion } from '$lib/criteria/doc';
import { DocProposals } from '$lib/criteria/proposals.svelte';

function sync(from: Y.Doc, to: Y.Doc) {
	Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)));
}

describe('proposal list over the criteria document', () => {
	it('follows edits made here and arriving from others, and stops when destroyed', () => {
		const mine = new Y.Doc();
		const theirs = new Y.Doc();
		const list = new DocProposals(mine);
		list.add('Short enough to remember');
		addCriterion(theirs, 'Says what the customer gets');
		sync(theirs, mine);
		expect(list.items.map((item) => item.text).sort()).toEqual([
			'Says what the customer gets',
			'Short enough to remember'
		]);
		const [first] = list.items;
		list.edit(first.id, 'Rewritten');
		expect(list.items.find((item) => item.id === first.id)?.text).toBe('Rewritten');
		list.remove(first.id);
		expect(list.items).toHaveLength(1);
		list.destroy();
		addCriterion(mine, 'After destroy');
		expect(list.items).toHaveLength(1);
	});
});
