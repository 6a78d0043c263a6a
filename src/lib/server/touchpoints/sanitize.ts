// A touchpoint's rule comes from a rich-text editor in the browser and is shown to every member
// with {@html}: it is sanitized against the shared rich-text schema, as publications are.
import sanitizeHtml from 'sanitize-html';
import { RULE_TEXT_MAX } from '$lib/touchpoints/model';
import { invalid } from '../errors';
import { sanitizeRichText } from '../rich-text/sanitize';

const entities: Record<string, string> = {
	amp: '&',
	lt: '<',
	gt: '>',
	quot: '"',
	'#39': "'",
	nbsp: ' '
};

/** The plain text of sanitized rule HTML: one line per paragraph or list item. */
export function ruleText(html: string): string {
	const broken = html
		.replace(/<br\s*\/?>/gi, '\n')
		.replace(/<\/(p|li|h[2-4]|blockquote|pre)>/gi, '\n');
	return sanitizeHtml(broken, { allowedTags: [], allowedAttributes: {} })
		.replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (_, name: string) => entities[name] ?? '')
		.split('\n')
		.map((line) => line.trim())
		.filter(Boolean)
		.join('\n');
}

/**
 * The rule as stored: sanitized HTML, or '' when no text is left; refuses a rule whose text is
 * longer than RULE_TEXT_MAX.
 */
export function sanitizeRuleHtml(html: string): string {
	const clean = sanitizeRichText(html);
	const text = ruleText(clean);
	if (text.length > RULE_TEXT_MAX) throw invalid('rule_too_long', 'ruleHtml');
	return text ? clean : '';
}
