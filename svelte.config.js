import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter({ out: 'build' }),
		csrf: { trustedOrigins: [] },
		// A page's stylesheets are a dozen small files (one per component group); in the page they
		// cost no round trips before the first paint.
		inlineStyleThreshold: 8192,
		// Every page's Content-Security-Policy header. Scripts only from the app's own origin, and
		// SvelteKit's inline start-up script by a nonce per response ('auto': a hash on a prerendered
		// page). Styles may be inline: Svelte writes `style` attributes and style directives, tiptap
		// injects its own <style>, and pages inline their stylesheets; what a style could fetch
		// (images, fonts, imports) is still held to this origin, so a style cannot send anything
		// elsewhere. connect-src 'self' covers the same origin's ws: and wss: (CSP Level 3) for the
		// sync endpoint. Responses SvelteKit does not render (endpoints, files) get a stricter policy
		// in hooks.server.ts.
		csp: {
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:'],
				'font-src': ['self'],
				'connect-src': ['self'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self'],
				'frame-ancestors': ['none']
			}
		}
	}
};

export default config;
