import { describe, expect, it } from 'vitest';
import { proposalActionSchema, setDotsSchema, voteActionSchema } from '$lib/criteria/voting';

const itemId = '0b6c3c1e-2f57-4c1a-9d43-5f4a9f3d2e10';

describe('voting request bodies', () => {
	it('opens a vote with the default budget of 3 dots and at most 2 per item', () => {
		expect(voteActionSchema.parse({ action: 'open' })).toEqual({
			action: 'open',
			budget: 3,
			maxPerItem: 2
		});
		expect(voteActionSchema.parse({ action: 'open', budget: 5, maxPerItem: 1 })).toEqual({
			action: 'open',
			budget: 5,
			maxPerItem: 1
		});
	});

	it('refuses budgets that are not whole positive numbers within the limit', () => {
		for (const budget of [0, -1, 1.5, 21, '3'])
			expect(voteActionSchema.safeParse({ action: 'open', budget }).success).toBe(false);
		expect(voteActionSchema.safeParse({ action: 'launch' }).success).toBe(false);
	});

	it('accepts whole dot counts from zero and names the error of a bad one', () => {
		expect(setDotsSchema.parse({ itemId, dots: 0 })).toEqual({ itemId, dots: 0 });
		expect(setDotsSchema.safeParse({ itemId, dots: -1 }).error?.issues[0].message).toBe(
			'invalid_input'
		);
		expect(setDotsSchema.safeParse({ itemId, dots: 1.5 }).error?.issues[0].message).toBe(
			'invalid_input'
		);
		expect(setDotsSchema.safeParse({ itemId: 'x', dots: 1 }).error?.issues[0].message).toBe(
			'not_found'
		);
	});

	it('requires proposal text and bounds its length', () => {
		expect(
			proposalActionSchema.safeParse({ action: 'add', text: '  ' }).error?.issues[0].message
		).toBe('text_required');
		expect(
			proposalActionSchema.safeParse({ action: 'add', text: 'x'.repeat(201) }).error?.issues[0]
				.message
		).toBe('text_too_long');
		expect(proposalActionSchema.parse({ action: 'add', text: ' Short ' })).toEqual({
			action: 'add',
			text: 'Short'
		});
	});
});
