// @vitest-environment happy-dom
// The draft, portrait and rule editors, the server's rendering of stored documents and the
// sanitizer of published definitions and rules all hold the same rich text: a document with
// every node and mark of the shared schema comes out the same through every path.
import { Editor, type JSONContent } from '@tiptap/core';
import { prosemirrorJSONToYXmlFragment } from '@tiptap/y-tiptap';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { richTextExtensions } from '$lib/editor/schema';
import { renderDraft } from '$lib/server/draft/render';
import { sanitizeDefinitionHtml } from '$lib/server/publications/sanitize';
import { richTextSchema, schemaTags } from '$lib/server/rich-text/sanitize';
import { sanitizeRuleHtml } from '$lib/server/touchpoints/sanitize';

const text = (value: string, ...marks: JSONContent['marks'] & object): JSONContent => ({
	type: 'text',
	text: value,
	...(marks.length ? { marks } : {})
});
const paragraph = (...content: JSONContent[]): JSONContent => ({ type: 'paragraph', content });

const everything: JSONContent = {
	type: 'doc',
	content: [
		{ type: 'heading', attrs: { level: 2 }, content: [text('Customer focus')] },
		{ type: 'heading', attrs: { level: 3 }, content: [text('For patients')] },
		{ type: 'heading', attrs: { level: 4 }, content: [text('At the front desk')] },
		paragraph(
			text('Every patient '),
			text('understands', { type: 'bold' }),
			text(' what '),
			text('happens', { type: 'italic' }),
			text(' '),
			text('next', { type: 'underline' }),
			text(', '),
			text('never', { type: 'strike' }),
			text(' '),
			text('ICD-10', { type: 'code' }),
			{ type: 'hardBreak' },
			text('see the ', { type: 'bold' }, { type: 'italic' }),
			text('charter', { type: 'link', attrs: { href: 'https://example.com/charter' } })
		),
		{
			type: 'bulletList',
			content: [{ type: 'listItem', content: [paragraph(text('remembered'))] }]
		},
		{
			type: 'orderedList',
			attrs: { start: 1 },
			content: [{ type: 'listItem', content: [paragraph(text('greeted by name'))] }]
		},
		{ type: 'blockquote', content: [paragraph(text('I was expected.'))] },
		{ type: 'codeBlock', content: [text('wait < 10 min')] },
		{ type: 'horizontalRule' },
		paragraph(text('Клиентът е на първо място.'))
	]
};

function typesIn(node: JSONContent, nodes = new Set<string>(), marks = new Set<string>()) {
	if (node.type) nodes.add(node.type);
	for (const mark of node.marks ?? []) marks.add(mark.type);
	for (const child of node.content ?? []) typesIn(child, nodes, marks);
	return { nodes, marks };
}

const tags = (html: string) =>
	[...new Set([...html.matchAll(/<([a-z0-9]+)/g)].map((match) => match[1]))].sort();

function editorHtml(options: { history: boolean }): string {
	const editor = new Editor({ content: everything, extensions: richTextExtensions(options) });
	const html = editor.getHTML();
	editor.destroy();
	return html;
}

function storedDraftHtml(): string {
	const doc = new Y.Doc();
	const fragment = doc.getXmlFragment('definition');
	prosemirrorJSONToYXmlFragment(richTextSchema, everything, fragment);
	return renderDraft(fragment).html;
}

describe('one rich-text schema', () => {
	it('the sample document holds every node and mark of the schema', () => {
		const { nodes, marks } = typesIn(everything);
		expect([...nodes].sort()).toEqual(Object.keys(richTextSchema.nodes).sort());
		expect([...marks].sort()).toEqual(Object.keys(richTextSchema.marks).sort());
	});

	it('the collaborative and the one-person editors make the same HTML', () => {
		expect(editorHtml({ history: false })).toBe(editorHtml({ history: true }));
	});

	it('the stored draft, the published definition and a saved rule hold what the editor made', () => {
		const fromEditor = editorHtml({ history: false });
		const published = sanitizeDefinitionHtml(fromEditor);
		// Nothing the editor makes is lost to the allow-list (the editor's own link target aside).
		expect(tags(published)).toEqual(tags(fromEditor));
		expect(tags(published)).toEqual(schemaTags());
		// sanitize-html writes void tags as <br />: the same HTML.
		const voidTags = (html: string) => html.replace(/<(br|hr) \/>/g, '<$1>');
		expect(voidTags(published)).toBe(voidTags(fromEditor.replaceAll(' target="_blank"', '')));
		expect(storedDraftHtml()).toBe(published);
		expect(sanitizeDefinitionHtml(storedDraftHtml())).toBe(published);
		expect(sanitizeRuleHtml(fromEditor)).toBe(published);
	});
});
