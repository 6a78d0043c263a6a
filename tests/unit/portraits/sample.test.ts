import { describe, expect, it } from 'vitest';
import { sectionKeys } from '$lib/portraits/doc';
import { PORTRAIT_NAME_MAX, SEGMENT_MAX } from '$lib/portraits/model';
import { samplePortrait } from '$lib/server/portraits/sample';
import { languages } from '$lib/validation/fields';

describe('the shipped sample portrait', () => {
	it('fills every section in every language, within the limits', () => {
		for (const language of languages) {
			const sample = samplePortrait(language);
			expect(sample.name.length, language).toBeLessThanOrEqual(PORTRAIT_NAME_MAX);
			expect(sample.segment.length, language).toBeLessThanOrEqual(SEGMENT_MAX);
			for (const key of sectionKeys)
				expect(sample.content.sections[key]?.join('').trim(), `${language} ${key}`).toBeTruthy();
			expect(sample.content.evidence.length).toBeGreaterThan(0);
		}
	});

	it('is written in the language asked for', () => {
		expect(samplePortrait('ru').content.sections.traits?.[0]).toMatch(
			/^Энергичные, амбициозные, независимые/
		);
		expect(samplePortrait('bg').content.sections.traits?.[0]).toMatch(
			/^Енергични, амбициозни, независими/
		);
		expect(samplePortrait('en').content.sections.traits?.[0]).toMatch(
			/^Energetic, ambitious, independent/
		);
		expect(samplePortrait('ru').name).not.toBe(samplePortrait('bg').name);
	});
});
