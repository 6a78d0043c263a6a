import { sanitizeRichText } from '../rich-text/sanitize';

/**
 * A publication outlives the draft and is shown to every member with {@html}, so its HTML is
 * sanitized again, against the shared rich-text schema's allow-list.
 */
export function sanitizeDefinitionHtml(html: string): string {
	return sanitizeRichText(html);
}
