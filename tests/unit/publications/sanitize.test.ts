import { describe, expect, it } from 'vitest';
import { sanitizeDefinitionHtml } from '$lib/server/publications/sanitize';
import { normalizePublicationInput } from '$lib/server/publications/publish';
import { publishSchema } from '$lib/server/publications/input';

describe('publication input', () => {
	it('keeps the editor formatting and drops everything else from the definition HTML', () => {
		expect(
			sanitizeDefinitionHtml(
				'<h1 style="color:red">Title</h1><p class="x" onclick="steal()"><strong>We</strong> <em>serve</em><script>alert(1)</script>' +
					'<img src=x onerror=alert(1)><iframe src="https://evil"></iframe></p><ul><li>one</li></ul>' +
					'<a href="javascript:alert(1)">bad</a><a href="https://example.com" target="_top" rel="opener">good</a>'
			)
		).toBe(
			'<h2>Title</h2><p><strong>We</strong> <em>serve</em></p><ul><li>one</li></ul>' +
				'<a rel="noopener noreferrer nofollow">bad</a><a href="https://example.com" rel="noopener noreferrer nofollow">good</a>'
		);
		expect(sanitizeDefinitionHtml('a &lt;b&gt; c')).toBe('a &lt;b&gt; c');
	});

	it('trims the explanation and rules, drops empty and repeated rules, and bounds them', () => {
		expect(
			normalizePublicationInput({
				explanation: '  Ask.  ',
				rules: { always: [' Greet ', '', 'Greet'], react: [], never: ['  '] }
			})
		).toEqual({ explanation: 'Ask.', rules: { always: ['Greet'], react: [], never: [] } });
		expect(() =>
			normalizePublicationInput({ explanation: ' ', rules: { always: [], react: [], never: [] } })
		).toThrow(expect.objectContaining({ code: 'text_required', field: 'explanation' }));
		expect(() =>
			normalizePublicationInput({
				explanation: 'x',
				rules: { always: Array(21).fill('r'), react: [], never: [] }
			})
		).toThrow(expect.objectContaining({ code: 'text_too_long', field: 'always' }));
		expect(
			publishSchema.safeParse({ explanation: 'x', rules: { always: ['y'.repeat(301)] } }).success
		).toBe(false);
		expect(publishSchema.parse({ explanation: 'x', rules: {} })).toEqual({
			explanation: 'x',
			rules: { always: [], react: [], never: [] }
		});
	});
});
