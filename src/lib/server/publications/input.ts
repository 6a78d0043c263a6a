import { z } from 'zod';
import { EXPLANATION_MAX, RULE_MAX, RULES_PER_LIST_MAX } from '$lib/publications/model';

const ruleList = z
	.array(z.string({ error: 'invalid_input' }).max(RULE_MAX, { error: 'text_too_long' }))
	.max(RULES_PER_LIST_MAX, { error: 'text_too_long' })
	.default([]);

/** What the publisher sends: the explanation and the three lists of rules. */
export const publishSchema = z.object({
	explanation: z
		.string({ error: 'text_required' })
		.max(EXPLANATION_MAX, { error: 'text_too_long' }),
	rules: z.object({ always: ruleList, react: ruleList, never: ruleList })
});
