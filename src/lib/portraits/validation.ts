// Form schemas of portraits, shared by the pages (limits, input hints) and the server (parsing).
import { z } from 'zod';
import { hasControlCharacters, languageField, withoutBidiControls } from '$lib/validation/fields';
import {
	COMPARE_MAX,
	COMPARE_MIN,
	PORTRAIT_NAME_MAX,
	SEGMENT_MAX,
	isPortraitKind,
	isRelationshipClass,
	portraitKinds,
	relationshipClasses,
	type PortraitFilters
} from './model';

const portraitName = z
	.string({ error: 'name_required' })
	.trim()
	.min(1, { error: 'name_required' })
	.max(PORTRAIT_NAME_MAX, { error: 'name_too_long' });

const segment = z.string().trim().max(SEGMENT_MAX, { error: 'name_too_long' }).default('');

const kind = z.enum(portraitKinds, { error: 'invalid_input' });

/** A relationship class from a select: empty means none. */
const relationshipClass = z
	.string()
	.default('')
	.transform((value) => value.trim())
	.pipe(
		z.union([
			z.literal('').transform(() => null),
			z.enum(relationshipClasses, { error: 'invalid_input' })
		])
	);

/**
 * A value share typed as a percent: empty means unknown; a decimal comma is accepted (ru, bg);
 * 0–100 with at most two decimals.
 */
export const valueShareField = z
	.string()
	.default('')
	.transform((value, ctx) => {
		const text = value.trim().replace(/\s+/g, '').replace(/%$/, '').replace(',', '.');
		if (text === '') return null;
		if (!/^\d{1,3}(\.\d{1,2})?$/.test(text)) {
			ctx.addIssue({ code: 'custom', message: 'value_share_invalid' });
			return z.NEVER;
		}
		const share = Number(text);
		if (share < 0 || share > 100) {
			ctx.addIssue({ code: 'custom', message: 'value_share_invalid' });
			return z.NEVER;
		}
		return share;
	});

/** The structured fields of a portrait, with the revision the form was loaded at. */
export const portraitFieldsSchema = z.object({
	name: portraitName,
	kind,
	segment,
	relationshipClass,
	valueShare: valueShareField,
	revision: z.coerce
		.number({ error: 'invalid_input' })
		.int({ error: 'invalid_input' })
		.min(0, { error: 'invalid_input' })
});
export type PortraitFields = z.output<typeof portraitFieldsSchema>;

/** A new portrait: blank (a name is required) or from the sample in a chosen language. */
export const newPortraitSchema = z
	.object({
		start: z.enum(['blank', 'sample'], { error: 'invalid_input' }).default('blank'),
		name: z.string().trim().max(PORTRAIT_NAME_MAX, { error: 'name_too_long' }).default(''),
		kind: kind.default('customer'),
		language: languageField.default('en')
	})
	.superRefine((value, ctx) => {
		if (value.start === 'blank' && value.name === '')
			ctx.addIssue({ code: 'custom', message: 'name_required', path: ['name'] });
	});
export type NewPortrait = z.output<typeof newPortraitSchema>;

/** The list filters from a query string; unknown or unusable values are ignored (showing all). */
export function parseFilters(params: URLSearchParams): PortraitFilters {
	const kindValue = params.get('kind');
	const classValue = params.get('class');
	const segment = withoutBidiControls(params.get('segment') ?? '').trim();
	// A control character (a NUL cannot even be sent to the database) matches no segment.
	const segmentValue = hasControlCharacters(segment) ? '' : segment;
	return {
		kind: isPortraitKind(kindValue) ? kindValue : null,
		relationshipClass: isRelationshipClass(classValue) ? classValue : null,
		segment: segmentValue ? segmentValue.slice(0, SEGMENT_MAX) : null
	};
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * The portraits to compare from a query string: `ids=a,b,c` or repeated `ids=a&ids=b`; two or
 * three distinct ids, else null.
 */
export function parseCompareIds(params: URLSearchParams): string[] | null {
	const ids = [
		...new Set(
			params
				.getAll('ids')
				.flatMap((value) => value.split(','))
				.map((value) => value.trim().toLowerCase())
				.filter(Boolean)
		)
	];
	if (ids.length < COMPARE_MIN || ids.length > COMPARE_MAX) return null;
	return ids.every((id) => UUID.test(id)) ? ids : null;
}
