// The Content-Security-Policy header of the production build, read from real responses: pages get
// the app's policy with a fresh nonce for SvelteKit's start-up script and no inline scripts;
// endpoints and error pages get a policy too.
import { describe, expect, inject, it } from 'vitest';

/** The directives every page's policy holds, as the header spells them (the nonce aside). */
const PAGE_DIRECTIVES = {
	'default-src': "'self'",
	'style-src': "'self' 'unsafe-inline'",
	'img-src': "'self' data:",
	'font-src': "'self'",
	'connect-src': "'self'",
	'object-src': "'none'",
	'base-uri': "'self'",
	'form-action': "'self'",
	'frame-ancestors': "'none'"
};

/** A policy header as directive name → its sources (one space between them). */
function directivesOf(header: string | null): Record<string, string> {
	if (!header) return {};
	return Object.fromEntries(
		header
			.split(';')
			.map((part) => part.trim().split(/\s+/))
			.filter((words) => words[0])
			.map(([name, ...sources]) => [name, sources.join(' ')])
	);
}

/** GET of a path of the app, redirects not followed. */
const get = (path: string): Promise<Response> =>
	fetch(new URL(path, inject('appUrl')), { redirect: 'manual' });

describe.skipIf(!inject('appUrl'))('the Content-Security-Policy header', () => {
	it('is on every page, with a fresh nonce that the page’s start-up script carries', async () => {
		for (const path of ['/signin', '/signup', '/join']) {
			const first = await get(path);
			const second = await get(path);
			expect(first.status, path).toBe(200);
			const html = await first.text();
			const directives = directivesOf(first.headers.get('content-security-policy'));
			expect(directives, path).toMatchObject(PAGE_DIRECTIVES);
			const nonce = /^'self' 'nonce-([A-Za-z0-9+/=]{16,})'$/.exec(directives['script-src'] ?? '');
			expect(nonce, `${path}: ${directives['script-src']}`).not.toBeNull();
			expect(html).toContain(`<script nonce="${nonce?.[1]}">`);
			// Every script in the page is the nonced start-up script or loads from the app's origin.
			const scripts = [...html.matchAll(/<script\b([^>]*)>/g)].map((match) => match[1]);
			expect(scripts.length).toBeGreaterThan(0);
			for (const attributes of scripts) {
				const allowed =
					attributes.includes(`nonce="${nonce?.[1]}"`) || attributes.includes('src="/');
				expect(allowed, `${path}: <script${attributes}>`).toBe(true);
			}
			expect(html).not.toMatch(/\son[a-z]+=["']/i);
			const again = directivesOf(second.headers.get('content-security-policy'))['script-src'];
			expect(again).toMatch(/'nonce-/);
			expect(again).not.toBe(directives['script-src']);
		}
	});

	it('is on the error page', async () => {
		const response = await get('/no-such-page');
		expect(response.status).toBe(404);
		const directives = directivesOf(response.headers.get('content-security-policy'));
		expect(directives).toMatchObject(PAGE_DIRECTIVES);
		expect(directives['script-src']).toMatch(/^'self' 'nonce-[^']+'$/);
	});

	it('is strict on what is not a page: endpoints and redirects run and load nothing', async () => {
		// A JSON endpoint refusing a stranger, and a page that sends a stranger to the sign-in page.
		for (const [path, status] of [
			['/w/00000000-0000-4000-8000-000000000000/notifications/unread', 401],
			['/', 303]
		] as const) {
			const response = await get(path);
			expect([path, response.status]).toEqual([path, status]);
			expect(directivesOf(response.headers.get('content-security-policy'))).toEqual({
				'default-src': "'none'",
				'style-src': "'unsafe-inline'",
				'img-src': "'self' data:",
				'base-uri': "'none'",
				'form-action': "'none'",
				'frame-ancestors': "'none'",
				sandbox: ''
			});
		}
	});
});
