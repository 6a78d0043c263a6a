// One allow-list for every rich text shown with {@html}: the tags the shared schema renders to,
// read from the schema itself, with links reduced to a safe href and a fixed rel.
import { getSchema } from '@tiptap/core';
import type { DOMOutputSpec, Schema } from '@tiptap/pm/model';
import sanitizeHtml from 'sanitize-html';
import { HEADING_LEVELS, richTextExtensions } from '$lib/editor/schema';

export const richTextSchema: Schema = getSchema(richTextExtensions());

function tagsOf(spec: DOMOutputSpec, into: Set<string>): void {
	if (!Array.isArray(spec)) return;
	const [tag, ...rest] = spec as [string, ...DOMOutputSpec[]];
	into.add(tag.split(' ').pop()!.toLowerCase());
	for (const child of rest) tagsOf(child, into);
}

/** Every tag the schema's nodes and marks render to (headings at each allowed level). */
export function schemaTags(schema: Schema = richTextSchema): string[] {
	const tags = new Set<string>();
	for (const type of Object.values(schema.nodes)) {
		const toDOM = type.spec.toDOM;
		if (!toDOM) continue;
		const samples =
			type.name === 'heading' ? HEADING_LEVELS.map((level) => ({ level })) : [undefined];
		for (const attrs of samples) tagsOf(toDOM(type.create(attrs)), tags);
	}
	for (const type of Object.values(schema.marks)) {
		const toDOM = type.spec.toDOM;
		if (toDOM) tagsOf(toDOM(type.create({ href: 'https://example.com' }), true), tags);
	}
	return [...tags].sort();
}

const options: sanitizeHtml.IOptions = {
	allowedTags: schemaTags(),
	// `rel` is always the one set below: the transform overwrites whatever came in.
	allowedAttributes: { a: ['href', 'rel'] },
	allowedSchemes: ['http', 'https', 'mailto'],
	allowProtocolRelative: false,
	disallowedTagsMode: 'discard',
	transformTags: {
		// Pasted or imported HTML may carry an h1 (the page's own title) or the old bold/italic tags.
		h1: 'h2',
		h5: 'h4',
		h6: 'h4',
		b: 'strong',
		i: 'em',
		a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer nofollow' })
	}
};

/** Rich-text HTML reduced to what the shared schema can hold; anything else is dropped. */
export function sanitizeRichText(html: string): string {
	return sanitizeHtml(html, options);
}
