import { sveltekit } from '@sveltejs/kit/vite';
import { paraglideVitePlugin } from '@inlang/paraglide-js';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';

/** Serves the WebSocket sync endpoint from the dev server, on the same port as the pages. */
function devSyncEndpoint(): Plugin {
	return {
		name: 'focusboard-dev-sync',
		configureServer(server) {
			server.httpServer?.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
				if (!request.url?.startsWith('/sync/')) return;
				server
					.ssrLoadModule('/src/lib/server/app.ts')
					.then((app) => (app as typeof import('./src/lib/server/app')).startApp())
					.then((app) => app.handleUpgrade(request, socket, head))
					.catch((error: unknown) => {
						server.config.logger.error(`sync upgrade failed: ${String(error)}`);
						socket.destroy();
					});
			});
		}
	};
}

export default defineConfig({
	plugins: [
		// Under vitest the messages are compiled once by `npm test` (the plugin's watcher keeps vitest from exiting).
		!process.env.VITEST &&
			paraglideVitePlugin({
				project: './src/lib/i18n/project.inlang',
				outdir: './src/lib/paraglide',
				strategy: ['cookie', 'preferredLanguage', 'baseLocale']
			}),
		sveltekit(),
		devSyncEndpoint()
	],
	build: {
		rolldownOptions: {
			output: {
				codeSplitting: {
					// Each lucide icon would be a chunk of its own (routes use different sets): a page
					// would load some twenty files of half a kilobyte before it could start.
					groups: [{ name: 'icons', test: /node_modules[\\/]@lucide[\\/]svelte[\\/]/ }]
				}
			}
		}
	},
	test: {
		expect: { requireAssertions: true },
		projects: [
			{
				extends: true,
				test: {
					name: 'unit',
					environment: 'node',
					include: ['tests/unit/**/*.test.ts'],
					// Pure functions, no module state between files: sharing the modules halves the time.
					isolate: false
				}
			},
			{
				extends: true,
				test: {
					name: 'integration',
					environment: 'node',
					include: ['tests/integration/**/*.test.ts'],
					exclude: ['tests/integration/**/*.isolated.test.ts'],
					globalSetup: ['tests/utils/global-database.ts'],
					setupFiles: ['tests/utils/fresh-database.ts', 'tests/utils/memoised-password-hash.ts'],
					// Files share modules and, per worker, one database (see fresh-database.ts).
					isolate: false,
					testTimeout: 30_000,
					hookTimeout: 60_000
				}
			},
			{
				extends: true,
				test: {
					// Files that replace a module with vi.mock need modules of their own.
					name: 'integration-isolated',
					environment: 'node',
					include: ['tests/integration/**/*.isolated.test.ts'],
					globalSetup: ['tests/utils/global-database.ts'],
					setupFiles: ['tests/utils/fresh-database.ts', 'tests/utils/memoised-password-hash.ts'],
					testTimeout: 30_000,
					hookTimeout: 60_000
				}
			},
			{
				extends: true,
				test: {
					name: 'e2e',
					environment: 'node',
					include: ['tests/e2e/**/*.test.ts'],
					globalSetup: ['tests/utils/global-app.ts'],
					fileParallelism: false,
					testTimeout: 60_000,
					hookTimeout: 180_000
				}
			}
		]
	}
});
