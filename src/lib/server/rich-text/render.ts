// Renders a stored rich-text document (a Y.XmlFragment a tiptap editor wrote) to HTML and plain
// text with the shared schema. A client may have written anything into the fragment: unknown
// nodes give way to their content, unknown marks and attributes are dropped, control characters
// are left out, and the HTML goes through the schema's allow-list.
import { generateText, type JSONContent } from '@tiptap/core';
import { generateHTML } from '@tiptap/html/server';
import { yXmlFragmentToProsemirrorJSON } from '@tiptap/y-tiptap';
import type * as Y from 'yjs';
import { richTextExtensions } from '$lib/editor/schema';
import { withoutControlCharacters } from '$lib/validation/fields';
import { richTextSchema, sanitizeRichText } from './sanitize';

const extensions = richTextExtensions();

const safeHref = /^(https?:|mailto:)/i;

/** The marks the schema knows; a link to anything but the web or mail is no link. */
function knownMarks(marks: JSONContent['marks']): JSONContent['marks'] {
	const kept = (marks ?? []).filter(
		(mark) =>
			mark.type in richTextSchema.marks &&
			(mark.type !== 'link' || safeHref.test(String(mark.attrs?.href ?? '')))
	);
	return kept.length ? kept : undefined;
}

/** The node's children as the schema knows them; an unknown node is replaced by its children. */
function repaired(nodes: JSONContent[] | undefined): JSONContent[] {
	const out: JSONContent[] = [];
	for (const node of nodes ?? []) {
		if (node.type === 'text') {
			const text = withoutControlCharacters(node.text ?? '');
			if (text) out.push({ type: 'text', text, marks: knownMarks(node.marks) });
			continue;
		}
		if (!node.type || !(node.type in richTextSchema.nodes) || node.type === 'doc') {
			out.push(...repaired(node.content));
			continue;
		}
		out.push({ type: node.type, attrs: node.attrs, content: repaired(node.content) });
	}
	return out;
}

/** HTML and plain text (one line per block) of a rich-text document in the shared schema. */
export function renderRichText(document: JSONContent): { html: string; text: string } {
	const doc: JSONContent = { type: 'doc', content: repaired(document.content) };
	if (!doc.content!.length) return { html: '', text: '' };
	const html = sanitizeRichText(generateHTML(doc, extensions));
	const text = generateText(doc, extensions, { blockSeparator: '\n' })
		.replace(/\n\s*\n/g, '\n')
		.trim();
	return { html, text };
}

export function renderFragment(fragment: Y.XmlFragment): { html: string; text: string } {
	return renderRichText(yXmlFragmentToProsemirrorJSON(fragment));
}
