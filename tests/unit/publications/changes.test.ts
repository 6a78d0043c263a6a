import { describe, expect, it } from 'vitest';
import { definitionChanges, wordDiff } from '$lib/server/publications/changes';

const rules = { always: ['Greet'], react: ['Apologise'], never: ['Argue'] };

describe('what changed between versions', () => {
	it('diffs by word, merging runs', () => {
		expect(wordDiff('We serve every buyer.', 'We serve every customer and colleague.')).toEqual([
			{ kind: 'same', text: 'We serve every ' },
			{ kind: 'removed', text: 'buyer' },
			{ kind: 'added', text: 'customer and colleague' },
			{ kind: 'same', text: '.' }
		]);
	});

	it('diffs Cyrillic by word too, not letter by letter', () => {
		expect(wordDiff('Клиент — наш партнёр.', 'Клиент — наш главный партнёр.')).toEqual([
			{ kind: 'same', text: 'Клиент — наш ' },
			{ kind: 'added', text: 'главный ' },
			{ kind: 'same', text: 'партнёр.' }
		]);
		const parts = wordDiff('Ние обслужваме клиента.', 'Ние уважаваме клиента.');
		expect(parts.filter((p) => p.kind !== 'same')).toEqual([
			{ kind: 'removed', text: 'обслужваме' },
			{ kind: 'added', text: 'уважаваме' }
		]);
	});

	it('lists rules added and removed, and says when nothing changed', () => {
		const before = { version: 1, definitionText: 'Same.', explanation: 'Same.', rules };
		expect(definitionChanges(before, { ...before, version: 2 })).toMatchObject({
			fromVersion: 1,
			changed: false
		});
		const after = { ...before, version: 2, rules: { ...rules, never: ['Promise too much'] } };
		expect(definitionChanges(before, after)).toMatchObject({
			changed: true,
			rules: {
				never: { added: ['Promise too much'], removed: ['Argue'] },
				always: { added: [], removed: [] }
			}
		});
	});
});
