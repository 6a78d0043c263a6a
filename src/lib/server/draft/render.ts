import type * as Y from 'yjs';
import { renderFragment } from '../rich-text/render';

/** Sanitized HTML and plain text of the shared draft (or a portrait section). */
export function renderDraft(fragment: Y.XmlFragment): { html: string; text: string } {
	return renderFragment(fragment);
}
