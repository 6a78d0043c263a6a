import { describe, expect, it } from 'vitest';
import {
	commentRequired,
	publishBlock,
	roundOutcome,
	tallyAnswers
} from '$lib/server/consensus/rules';
import { answerSchema } from '$lib/server/consensus/input';

describe('consensus rules', () => {
	it('tallies answers', () => {
		expect(
			tallyAnswers([{ answer: 'accept' }, { answer: 'concern' }, { answer: 'accept' }])
		).toEqual({
			accept: 2,
			concern: 1,
			object: 0
		});
		expect(tallyAnswers([])).toEqual({ accept: 0, concern: 0, object: 0 });
	});

	it('requires a comment for a concern and an objection only', () => {
		expect([
			commentRequired('accept'),
			commentRequired('concern'),
			commentRequired('object')
		]).toEqual([false, true, true]);
	});

	it('closes a round as objected on the first objection, agreed once everyone expected answered', () => {
		const expected = ['a', 'b'];
		expect(roundOutcome([], expected)).toBe('open');
		expect(roundOutcome([{ participantId: 'a', answer: 'accept' }], expected)).toBe('open');
		expect(roundOutcome([{ participantId: 'a', answer: 'object' }], expected)).toBe('objected');
		expect(
			roundOutcome(
				[
					{ participantId: 'a', answer: 'accept' },
					{ participantId: 'b', answer: 'concern' }
				],
				expected
			)
		).toBe('agreed');
		// A facilitator's answer counts but is not needed; nobody expected still needs one answer.
		expect(roundOutcome([{ participantId: 'f', answer: 'accept' }], [])).toBe('agreed');
		expect(roundOutcome([], [])).toBe('open');
	});

	it('lets only an agreed, unpublished round with no objection be published', () => {
		const clean = { accept: 2, concern: 1, object: 0 };
		expect(publishBlock(null, false)).toBe('no_round');
		expect(publishBlock({ status: 'cancelled', tally: clean }, false)).toBe('no_round');
		expect(publishBlock({ status: 'open', tally: clean }, false)).toBe('round_open');
		expect(publishBlock({ status: 'objected', tally: { ...clean, object: 1 } }, false)).toBe(
			'objected'
		);
		expect(publishBlock({ status: 'agreed', tally: { ...clean, object: 1 } }, false)).toBe(
			'objected'
		);
		expect(publishBlock({ status: 'agreed', tally: clean }, true)).toBe('already_published');
		expect(publishBlock({ status: 'agreed', tally: clean }, false)).toBeNull();
	});

	it('parses answers with bounded comments', () => {
		expect(answerSchema.parse({ answer: 'accept' })).toEqual({ answer: 'accept', comment: '' });
		expect(answerSchema.safeParse({ answer: 'maybe', comment: '' }).success).toBe(false);
		const long = answerSchema.safeParse({ answer: 'concern', comment: 'x'.repeat(1001) });
		expect(long.success ? null : long.error.issues[0].message).toBe('text_too_long');
	});
});
