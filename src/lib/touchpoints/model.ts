// What a touchpoint is on both sides: its types and kinds (DESIGN.md section 2, Part C), the
// limits of its fields, the input schemas the server checks, and the shapes the UI receives.
import { z } from 'zod';

/** Business touchpoints (places, media, documents) and employee ones (how staff come across). */
export const touchpointTypes = ['business', 'employee'] as const;
export type TouchpointType = (typeof touchpointTypes)[number];

/** The kinds the method lists for each type; a touchpoint may also name its own kind. */
export const touchpointKinds = {
	business: [
		'website',
		'office',
		'signage',
		'documents',
		'company_cars',
		'packaging',
		'delivery',
		'ads',
		'chat',
		'phone'
	],
	employee: ['appearance', 'smile', 'uniform', 'speech_scripts', 'tone_of_voice']
} as const satisfies Record<TouchpointType, readonly string[]>;
export type TouchpointKind = (typeof touchpointKinds)[TouchpointType][number];

/** True when `kind` is one of the listed kinds (else it is a kind the team named itself). */
export function isListedKind(kind: string): kind is TouchpointKind {
	return (Object.values(touchpointKinds) as readonly (readonly string[])[]).some((kinds) =>
		kinds.includes(kind)
	);
}

/** Longest touchpoint name. */
export const TOUCHPOINT_NAME_MAX = 120;
/** Longest kind and channel. */
export const TOUCHPOINT_FIELD_MAX = 60;
/** Longest rule, counted in characters of its text (formatting not counted). */
export const RULE_TEXT_MAX = 4000;
/** Longest rule HTML accepted from the editor before it is sanitised. */
export const RULE_HTML_MAX = 40_000;

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
	/** The rule as sanitised HTML ('' when there is none). */
	ruleHtml: string;
	ruleUpdatedAt: string | null;
	ruleUpdatedByName: string | null;
};

/** A member who can own touchpoints, for the owner select. */
export type OwnerChoice = { userId: string; name: string; departmentName: string | null };
