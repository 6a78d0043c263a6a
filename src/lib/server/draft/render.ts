// Renders the shared draft (a ProseMirror document stored as a Y.XmlFragment) to HTML on the
// server. Everything is escaped and only known nodes and marks become tags, so a crafted
// document cannot smuggle markup into the published page.
import * as Y from 'yjs';
import { withoutControlCharacters } from '$lib/validation/fields';

const blockTags: Record<string, string> = {
	paragraph: 'p',
	blockquote: 'blockquote',
	bulletList: 'ul',
	orderedList: 'ol',
	listItem: 'li'
};

const markTags: [string, string][] = [
	['bold', 'strong'],
	['italic', 'em'],
	['underline', 'u'],
	['strike', 's'],
	['code', 'code']
];

export function escapeHtml(value: string): string {
	return value
		.replaceAll('&', '&amp;')
		.replaceAll('<', '&lt;')
		.replaceAll('>', '&gt;')
		.replaceAll('"', '&quot;')
		.replaceAll("'", '&#39;');
}

function safeHref(value: unknown): string | null {
	if (
		typeof value !== 'object' ||
		value === null ||
		!('href' in value) ||
		typeof value.href !== 'string'
	)
		return null;
	return /^(https?:|mailto:)/i.test(value.href) ? value.href : null;
}

type Delta = { insert?: unknown; attributes?: Record<string, unknown> };

function renderText(text: Y.XmlText): { html: string; text: string } {
	let html = '';
	let plain = '';
	for (const op of text.toDelta() as Delta[]) {
		if (typeof op.insert !== 'string') continue;
		plain += op.insert;
		let piece = escapeHtml(op.insert);
		const attributes = op.attributes ?? {};
		for (const [mark, tag] of markTags) if (mark in attributes) piece = `<${tag}>${piece}</${tag}>`;
		const href = safeHref(attributes.link);
		if (href) piece = `<a href="${escapeHtml(href)}" rel="noopener noreferrer">${piece}</a>`;
		html += piece;
	}
	return { html, text: plain };
}

function renderNodes(nodes: (Y.XmlElement | Y.XmlText | Y.XmlHook)[]): {
	html: string;
	text: string;
} {
	let html = '';
	let text = '';
	for (const node of nodes) {
		if (node instanceof Y.XmlText) {
			const rendered = renderText(node);
			html += rendered.html;
			text += rendered.text;
			continue;
		}
		if (!(node instanceof Y.XmlElement)) continue;
		const name = node.nodeName;
		if (name === 'hardBreak') {
			html += '<br>';
			text += '\n';
			continue;
		}
		if (name === 'horizontalRule') {
			html += '<hr>';
			text += '\n';
			continue;
		}
		const inner = renderNodes(node.toArray());
		if (name === 'heading') {
			const level = Math.min(6, Math.max(2, Number(node.getAttribute('level')) || 2));
			html += `<h${level}>${inner.html}</h${level}>`;
			text += `${inner.text}\n`;
			continue;
		}
		if (name === 'codeBlock') {
			html += `<pre><code>${inner.html}</code></pre>`;
			text += `${inner.text}\n`;
			continue;
		}
		const tag = blockTags[name];
		html += tag ? `<${tag}>${inner.html}</${tag}>` : inner.html;
		text += name === 'paragraph' || name === 'listItem' ? `${inner.text}\n` : inner.text;
	}
	return { html, text };
}

/** Sanitised HTML and plain text of a draft fragment. */
export function renderDraft(fragment: Y.XmlFragment): { html: string; text: string } {
	// A client writes into the shared document what no form would accept (a NUL, which
	// PostgreSQL refuses in text): the stored copy leaves it out.
	const { html, text } = renderNodes(fragment.toArray());
	return {
		html: withoutControlCharacters(html),
		text: withoutControlCharacters(text)
			.replace(/\n{3,}/g, '\n\n')
			.trim()
	};
}
