// What client and server share about portraits: the enumerations the schema stores, the limits the
// forms and services enforce, and the shapes the pages receive.

/** An external key customer, or an internal one (employees, partners, shareholders). */
export const portraitKinds = ['customer', 'internal'] as const;
export type PortraitKind = (typeof portraitKinds)[number];

/** The method's relationship classes, in the order the method lists them. */
export const relationshipClasses = [
	'attract',
	'keep',
	'untapped',
	'strategic',
	'important',
	'profitable',
	'let_go'
] as const;
export type RelationshipClass = (typeof relationshipClasses)[number];

/** Longest portrait name. */
export const PORTRAIT_NAME_MAX = 80;
/** Longest segment name. */
export const SEGMENT_MAX = 80;
/** Largest photo we accept: 2 MiB. */
export const PHOTO_MAX_BYTES = 2 * 1024 * 1024;
/** Image types a photo may have (checked by their first bytes, not by the file name). */
export const photoTypes = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type PhotoType = (typeof photoTypes)[number];
/** Fewest and most portraits a comparison shows side by side. */
export const COMPARE_MIN = 2;
export const COMPARE_MAX = 3;
/** The share of value the "vital few" make together in the Pareto view, in percent. */
export const PARETO_THRESHOLD = 80;

/** True for one of the kinds. */
export const isPortraitKind = (value: unknown): value is PortraitKind =>
	typeof value === 'string' && (portraitKinds as readonly string[]).includes(value);

/** True for one of the relationship classes. */
export const isRelationshipClass = (value: unknown): value is RelationshipClass =>
	typeof value === 'string' && (relationshipClasses as readonly string[]).includes(value);

/** A portrait as lists, filters and the Pareto view show it (no prose, no photo bytes). */
export type PortraitSummary = {
	id: string;
	workspaceId: string;
	kind: PortraitKind;
	name: string;
	segment: string;
	relationshipClass: RelationshipClass | null;
	/** Share of revenue or profit in percent, two decimals; null when unknown. */
	valueShare: number | null;
	/** Bumped on every change of the fields above; a form sends it back to detect a stale edit. */
	revision: number;
	/** Version of the photo (ms since the epoch of its upload), or null without a photo. */
	photoVersion: number | null;
	updatedAt: string;
};

/** The list filters; an empty value means "any". */
export type PortraitFilters = {
	kind: PortraitKind | null;
	relationshipClass: RelationshipClass | null;
	segment: string | null;
};

/** Where a portrait's photo is served; `version` makes the address change with the photo, so it can be cached. */
export function photoPath(
	base: string,
	portrait: { id: string; photoVersion: number | null }
): string | null {
	if (portrait.photoVersion === null) return null;
	return `${base}/${portrait.id}/photo?v=${portrait.photoVersion}`;
}
