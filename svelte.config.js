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
		inlineStyleThreshold: 8192
	}
};

export default config;
