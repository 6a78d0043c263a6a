// A touchpoint's types and kinds (DESIGN.md section 2, Part C) and the limits of its fields. Kept
// apart from the input schemas in `model.ts` so that pages which only show touchpoints do not load
// the validation library.

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
/** Longest rule HTML accepted from the editor before it is sanitized. */
export const RULE_HTML_MAX = 40_000;
