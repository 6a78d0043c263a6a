import { describe, expect, it } from 'vitest';
import { parseForm } from '$lib/validation/fields';
import {
	newPortraitSchema,
	parseCompareIds,
	parseFilters,
	portraitFieldsSchema
} from '$lib/portraits/validation';

function form(values: Record<string, string>): FormData {
	const data = new FormData();
	for (const [key, value] of Object.entries(values)) data.set(key, value);
	return data;
}

const base = {
	name: 'Busy parent',
	kind: 'customer',
	segment: ' Families ',
	relationshipClass: '',
	valueShare: '',
	revision: '3'
};

describe('portrait fields form', () => {
	it('reads the fields, an empty class and share as unknown', () => {
		expect(parseForm(portraitFieldsSchema, form(base))).toEqual({
			ok: true,
			data: {
				name: 'Busy parent',
				kind: 'customer',
				segment: 'Families',
				relationshipClass: null,
				valueShare: null,
				revision: 3
			}
		});
	});

	it('accepts a share with a decimal comma or point and a percent sign', () => {
		for (const [typed, share] of [
			['38', 38],
			['12,5', 12.5],
			['0.25 %', 0.25],
			['100', 100],
			['0', 0]
		] as const) {
			const parsed = parseForm(portraitFieldsSchema, form({ ...base, valueShare: typed }));
			expect(parsed.ok && parsed.data.valueShare, typed).toBe(share);
		}
	});

	it('refuses a share out of 0–100 or with more than two decimals, and unknown choices', () => {
		for (const typed of ['101', '-1', '1.234', 'ten', '1e2'])
			expect(parseForm(portraitFieldsSchema, form({ ...base, valueShare: typed })), typed).toEqual({
				ok: false,
				errors: { valueShare: ['value_share_invalid'] }
			});
		expect(
			parseForm(portraitFieldsSchema, form({ ...base, relationshipClass: 'vip' }))
		).toMatchObject({
			ok: false,
			errors: { relationshipClass: ['invalid_input'] }
		});
		expect(
			parseForm(portraitFieldsSchema, form({ ...base, kind: 'supplier', name: ' ' }))
		).toMatchObject({
			ok: false,
			errors: { kind: ['invalid_input'], name: ['name_required'] }
		});
		expect(
			parseForm(portraitFieldsSchema, form({ ...base, segment: 's'.repeat(81) }))
		).toMatchObject({
			ok: false,
			errors: { segment: ['name_too_long'] }
		});
	});
});

describe('new portrait form', () => {
	it('needs a name for a blank portrait, not for the sample', () => {
		expect(parseForm(newPortraitSchema, form({ start: 'blank', name: '' }))).toMatchObject({
			ok: false,
			errors: { name: ['name_required'] }
		});
		expect(
			parseForm(newPortraitSchema, form({ start: 'sample', name: '', language: 'ru' }))
		).toEqual({
			ok: true,
			data: { start: 'sample', name: '', kind: 'customer', language: 'ru' }
		});
		expect(parseForm(newPortraitSchema, form({ start: 'sample', language: 'de' }))).toMatchObject({
			ok: false,
			errors: { language: ['language_unknown'] }
		});
	});
});

describe('query strings', () => {
	it('reads filters and ignores unknown values', () => {
		expect(
			parseFilters(new URLSearchParams('kind=internal&class=keep&segment=+Families+'))
		).toEqual({
			kind: 'internal',
			relationshipClass: 'keep',
			segment: 'Families'
		});
		expect(parseFilters(new URLSearchParams('kind=alien&class=&segment='))).toEqual({
			kind: null,
			relationshipClass: null,
			segment: null
		});
	});

	it('reads two or three distinct ids to compare, comma-separated or repeated', () => {
		const a = '6f1c0000-0000-4000-8000-0000000000e2';
		const b = '0a9b0000-0000-4000-8000-000000000041';
		const c = '0a9b0000-0000-4000-8000-000000000042';
		expect(parseCompareIds(new URLSearchParams(`ids=${a},${b}`))).toEqual([a, b]);
		expect(parseCompareIds(new URLSearchParams(`ids=${a}&ids=${b}&ids=${c}`))).toEqual([a, b, c]);
		expect(parseCompareIds(new URLSearchParams(`ids=${a},${a}`))).toBeNull();
		expect(
			parseCompareIds(new URLSearchParams(`ids=${a},${b},${c},${a.replace('e2', 'e3')}`))
		).toBeNull();
		expect(parseCompareIds(new URLSearchParams(`ids=${a},not-a-uuid`))).toBeNull();
	});
});
