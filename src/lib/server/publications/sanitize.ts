import sanitizeHtml from 'sanitize-html';

// Stage 4 stores draft versions as sanitised HTML, but a publication outlives the draft and is
// shown to every member with {@html}: sanitise again against a short allow-list of what the
// rich-text editor produces (text formatting, lists, headings, quotes and plain links).
const options: sanitizeHtml.IOptions = {
	allowedTags: [
		'p',
		'br',
		'strong',
		'b',
		'em',
		'i',
		'u',
		's',
		'mark',
		'code',
		'ul',
		'ol',
		'li',
		'h2',
		'h3',
		'h4',
		'blockquote',
		'a'
	],
	// `rel` is always the one set below: the transform overwrites whatever came in.
	allowedAttributes: { a: ['href', 'rel'] },
	allowedSchemes: ['http', 'https', 'mailto'],
	allowProtocolRelative: false,
	disallowedTagsMode: 'discard',
	transformTags: {
		// The page has its own h1; a heading in the text becomes the next level.
		h1: 'h2',
		a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer nofollow' })
	}
};

/** The definition's HTML reduced to the editor's formatting; anything else is dropped. */
export function sanitizeDefinitionHtml(html: string): string {
	return sanitizeHtml(html, options);
}
