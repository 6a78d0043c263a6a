// What a touchpoint is on both sides: the input schemas the server checks and the shapes the UI
// receives; its types, kinds and limits (in `kinds.ts`) are exported again from here.
import { z } from 'zod';
import {
	RULE_HTML_MAX,
	TOUCHPOINT_FIELD_MAX,
	TOUCHPOINT_NAME_MAX,
	touchpointTypes,
	type TouchpointType
} from './kinds';

export {
	touchpointTypes,
	touchpointKinds,
	isListedKind,
	TOUCHPOINT_NAME_MAX,
	TOUCHPOINT_FIELD_MAX,
	RULE_TEXT_MAX,
	RULE_HTML_MAX
} from './kinds';
export type { TouchpointType, TouchpointKind } from './kinds';

const name = z
	.string({ error: 'name_required' })
	.trim()
	.min(1, { error: 'name_required' })
	.max(TOUCHPOINT_NAME_MAX, { error: 'text_too_long' });
const shortText = z
	.string({ error: 'invalid_input' })
	.trim()
	.max(TOUCHPOINT_FIELD_MAX, { error: 'text_too_long' });
const type = z.enum(touchpointTypes, { error: 'invalid_input' });

/** A new touchpoint. */
export const newTouchpointSchema = z.object({
	name,
	type,
	kind: shortText.default(''),
	channel: shortText.default('')
});
export type NewTouchpoint = z.output<typeof newTouchpointSchema>;

/** A change to a touchpoint: any of its fields, against the revision the editor saw. */
export const touchpointChangeSchema = z.object({
	revision: z.number({ error: 'invalid_input' }).int().min(0),
	name: name.optional(),
	type: type.optional(),
	kind: shortText.optional(),
	channel: shortText.optional(),
	ownerId: z.uuid({ error: 'owner_unknown' }).nullable().optional(),
	ruleHtml: z
		.string({ error: 'invalid_input' })
		.max(RULE_HTML_MAX, { error: 'rule_too_long' })
		.optional()
});
export type TouchpointChange = z.output<typeof touchpointChangeSchema>;

/** A touchpoint as lists, cards and the register show it. */
export type TouchpointSummary = {
	id: string;
	name: string;
	type: TouchpointType;
	kind: string;
	channel: string;
	ownerId: string | null;
	ownerName: string | null;
	/** True when it has a rule (its text is not empty). */
	hasRule: boolean;
	/** Bumped by every change; a change must name the revision it was made on. */
	revision: number;
};

/** A touchpoint with its rule, for the side panel and its page. */
export type TouchpointDetail = TouchpointSummary & {
	/** The rule as sanitized HTML ('' when there is none). */
	ruleHtml: string;
	ruleUpdatedAt: string | null;
	ruleUpdatedByName: string | null;
};

/** A member who can own touchpoints, for the owner select. */
export type OwnerChoice = { userId: string; name: string; departmentName: string | null };
