import { z } from 'zod';
import { COMMENT_MAX, consensusAnswers } from '$lib/consensus/model';

/** The facilitator asks for consensus on one saved version. */
export const openRoundSchema = z.object({ versionId: z.uuid({ error: 'version_unknown' }) });

/** A participant's answer; whether the comment is required is the service's rule. */
export const answerSchema = z.object({
	answer: z.enum(consensusAnswers, { error: 'invalid_input' }),
	comment: z
		.string({ error: 'invalid_input' })
		.trim()
		.max(COMMENT_MAX, { error: 'text_too_long' })
		.default('')
});
