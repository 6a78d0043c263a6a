// A touchpoint's rule comes from a rich-text editor in the browser and is shown to every member
// with {@html}: it is sanitised here against the editor's short list of formatting (paragraphs,
// emphasis, lists, small headings, quotes, plain links), as publications are.
import sanitizeHtml from 'sanitize-html';
import { RULE_TEXT_MAX } from '$lib/touchpoints/model';
import { invalid } from '../errors';

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
		'ul',
		'ol',
		'li',
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
		h1: 'h3',
		h2: 'h3',
		a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer nofollow' })
	}
};

const entities: Record<string, string> = {
	amp: '&',
	lt: '<',
	gt: '>',
	quot: '"',
	'#39': "'",
	nbsp: ' '
};

/** The plain text of sanitised rule HTML: one line per paragraph or list item. */
export function ruleText(html: string): string {
	const broken = html.replace(/<br\s*\/?>/gi, '\n').replace(/<\/(p|li|h3|h4|blockquote)>/gi, '\n');
	return sanitizeHtml(broken, { allowedTags: [], allowedAttributes: {} })
		.replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (_, name: string) => entities[name] ?? '')
		.split('\n')
		.map((line) => line.trim())
		.filter(Boolean)
		.join('\n');
}

/**
 * The rule as stored: sanitised HTML, or '' when no text is left; refuses a rule whose text is
 * longer than RULE_TEXT_MAX.
 */
export function sanitizeRuleHtml(html: string): string {
	const clean = sanitizeHtml(html, options);
	const text = ruleText(clean);
	if (text.length > RULE_TEXT_MAX) throw invalid('rule_too_long', 'ruleHtml');
	return text ? clean : '';
}
