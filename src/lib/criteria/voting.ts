// What the dot vote of stage 3 looks like on both sides: limits, the JSON bodies the voting
// endpoints accept, and the view the server sends each viewer. The view carries totals only after
// the facilitator reveals them, the viewer's own dots, and how many people have voted: never
// anyone else's dots.
import { z } from 'zod';
import { CRITERION_MAX } from './doc';

/** Dots each participant gets unless the facilitator chooses otherwise. */
export const DEFAULT_BUDGET = 3;
/** Most dots on one item unless the facilitator chooses otherwise. */
export const DEFAULT_MAX_PER_ITEM = 2;
/** Largest budget a facilitator can give. */
export const BUDGET_MAX = 20;

/** Where a vote round is: taking dots, closed (nothing shown yet), or revealed (totals shown). */
export type VoteStatus = 'open' | 'closed' | 'revealed';

/** One criterion of a vote as one viewer sees it. */
export type VotingItem = {
	id: string;
	text: string;
	/** Place in the proposal list when the vote opened. */
	position: number;
	/** The viewer's own dots on it. */
	myDots: number;
	/** Everyone's dots together; null until the facilitator reveals. */
	total: number | null;
	/** 1 for the most dots (equal totals share a rank); null until revealed. */
	rank: number | null;
	/** Marked as a winning criterion by the facilitator (only after the reveal). */
	isWinner: boolean;
};

/** The current vote round as one viewer sees it. */
export type VotingRound = {
	id: string;
	status: VoteStatus;
	budget: number;
	maxPerItem: number;
	/** In list order while the vote runs; by rank once revealed. */
	items: VotingItem[];
	/** Dots the viewer has spent. */
	myDotsUsed: number;
	/** How many people have at least one dot placed: the only thing anyone learns before the reveal. */
	voterCount: number;
	/** People in the session. */
	participantCount: number;
};

/** Stage 3 voting as one viewer sees it. */
export type VotingView = {
	/** The latest vote of the session, or null before the first one opens. */
	round: VotingRound | null;
	/** True for the facilitator, who opens, closes and reveals the vote and marks winners. */
	canFacilitate: boolean;
};

/** A proposed criterion as the HTTP fallback (for guests, who have no sync connection) lists it. */
export type ProposalItem = { id: string; text: string };

const dotsCount = z.int({ error: 'invalid_input' }).min(0, { error: 'invalid_input' });

/** PUT body: how many dots the viewer wants on one item (0 takes them all back). */
export const setDotsSchema = z.object({
	itemId: z.uuid({ error: 'not_found' }),
	dots: dotsCount.max(BUDGET_MAX, { error: 'over_item_limit' })
});

/** POST body: a facilitator action on the vote. */
export const voteActionSchema = z.discriminatedUnion(
	'action',
	[
		z.object({
			action: z.literal('open'),
			budget: z
				.int({ error: 'invalid_input' })
				.min(1, { error: 'invalid_input' })
				.max(BUDGET_MAX, { error: 'invalid_input' })
				.default(DEFAULT_BUDGET),
			maxPerItem: z
				.int({ error: 'invalid_input' })
				.min(1, { error: 'invalid_input' })
				.max(BUDGET_MAX, { error: 'invalid_input' })
				.default(DEFAULT_MAX_PER_ITEM)
		}),
		z.object({ action: z.literal('close') }),
		z.object({ action: z.literal('reopen') }),
		z.object({ action: z.literal('reveal') }),
		z.object({
			action: z.literal('winner'),
			itemId: z.uuid({ error: 'not_found' }),
			winner: z.boolean({ error: 'invalid_input' })
		})
	],
	{ error: 'invalid_input' }
);
export type VoteAction = z.infer<typeof voteActionSchema>;

const proposalText = z
	.string({ error: 'text_required' })
	.trim()
	.min(1, { error: 'text_required' })
	.max(CRITERION_MAX, { error: 'text_too_long' });

/** POST body of the proposals fallback: add, rewrite or remove a proposed criterion. */
export const proposalActionSchema = z.discriminatedUnion(
	'action',
	[
		z.object({ action: z.literal('add'), text: proposalText }),
		z.object({ action: z.literal('edit'), id: z.string().min(1).max(100), text: proposalText }),
		z.object({ action: z.literal('remove'), id: z.string().min(1).max(100) })
	],
	{ error: 'invalid_input' }
);
export type ProposalAction = z.infer<typeof proposalActionSchema>;
