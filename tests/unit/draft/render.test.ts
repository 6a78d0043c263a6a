import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { renderDraft } from '$lib/server/draft/render';

function paragraph(...parts: [string, Record<string, unknown>?][]): Y.XmlElement {
	const element = new Y.XmlElement('paragraph');
	const text = new Y.XmlText();
	element.insert(0, [text]);
	let at = 0;
	for (const [value, attributes] of parts) {
		text.insert(at, value, attributes ?? {});
		at += value.length;
	}
	return element;
}

function draft(build: (fragment: Y.XmlFragment) => void): Y.XmlFragment {
	const doc = new Y.Doc();
	const fragment = doc.getXmlFragment('definition');
	build(fragment);
	return fragment;
}

describe('rendering the shared draft', () => {
	it('renders paragraphs, headings, lists and marks', () => {
		const fragment = draft((f) => {
			const heading = new Y.XmlElement('heading');
			heading.setAttribute('level', '2');
			const title = new Y.XmlText();
			heading.insert(0, [title]);
			title.insert(0, 'Customer focus');
			const list = new Y.XmlElement('bulletList');
			const item = new Y.XmlElement('listItem');
			item.insert(0, [paragraph(['remembered'])]);
			list.insert(0, [item]);
			f.insert(0, [
				heading,
				paragraph(['Every patient ', {}], ['understands', { bold: {} }], [' what happens next.']),
				list
			]);
		});
		expect(renderDraft(fragment)).toEqual({
			html: '<h2>Customer focus</h2><p>Every patient <strong>understands</strong> what happens next.</p><ul><li><p>remembered</p></li></ul>',
			text: 'Customer focus\nEvery patient understands what happens next.\nremembered'
		});
	});

	it('escapes text and drops unknown nodes, attributes and unsafe links', () => {
		const fragment = draft((f) => {
			const evil = new Y.XmlElement('script');
			evil.insert(0, [paragraph(['<img src=x onerror=alert(1)>'])]);
			f.insert(0, [
				evil,
				paragraph(
					['click', { link: { href: 'javascript:alert(1)' } }],
					[' ok', { link: { href: 'https://example.com/?a="b"' } }]
				)
			]);
		});
		const { html } = renderDraft(fragment);
		expect(html).not.toContain('<img');
		expect(html).not.toContain('<script');
		expect(html).not.toContain('javascript:');
		expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
		expect(html).toContain('<p>click<a ');
		expect(html).toContain(
			'<a rel="noopener noreferrer nofollow" href="https://example.com/?a=&quot;b&quot;"> ok</a>'
		);
	});

	it('gives empty output for an empty draft', () => {
		expect(renderDraft(draft(() => {}))).toEqual({ html: '', text: '' });
	});

	it('leaves out control characters a client wrote into the document (PostgreSQL refuses NUL)', () => {
		const fragment = draft((f) => f.insert(0, [paragraph(['Cus\u0000tomers\u202e first\u0007'])]));
		const { html, text } = renderDraft(fragment);
		expect(text).toBe('Customers first');
		expect(html).toBe('<p>Customers first</p>');
	});
});
