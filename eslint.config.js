import { fileURLToPath } from 'node:url';
import { includeIgnoreFile } from '@eslint/compat';
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import svelte from 'eslint-plugin-svelte';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

const gitignorePath = fileURLToPath(new URL('./.gitignore', import.meta.url));

export default defineConfig(
	includeIgnoreFile(gitignorePath),
	globalIgnores(['drizzle/', 'bench/results/', 'test-results/', '.e2e-builds/']),
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	prettier,
	...svelte.configs.prettier,
	{
		languageOptions: { globals: { ...globals.browser, ...globals.node } },
		rules: {
			// typescript-eslint strongly recommend that you do not use the no-undef lint rule on TypeScript projects.
			// see: https://typescript-eslint.io/troubleshooting/faqs/eslint/#i-get-errors-from-the-no-undef-rule-about-global-variables-not-being-defined-even-though-there-are-no-typescript-errors
			'no-undef': 'off',
			// The app is served from the origin's root (no kit.paths.base), so resolve() would only prepend ''.
			'svelte/no-navigation-without-resolve': 'off',
			// Dropping a field by destructuring the rest (`{ id: _id, ...copy }`) is how we copy without it.
			'@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }]
		}
	},
	{
		// Type-aware rules on script files, from ONE program (tsconfig.eslint.json). The project service
		// built a program per tsconfig (the root's, four benches', a default one) and re-checked the
		// project for every .svelte file; that took 4-5 minutes, this takes about one.
		files: ['**/*.ts', '**/*.js', '**/*.mjs'],
		extends: [ts.configs.recommendedTypeCheckedOnly],
		languageOptions: {
			parserOptions: { project: './tsconfig.eslint.json', tsconfigRootDir: import.meta.dirname }
		},
		rules: {
			// yjs's declarations omit toString(), which returns the text (Y.Text) or the XML (Y.XmlFragment).
			'@typescript-eslint/no-base-to-string': [
				'error',
				{
					ignoredTypeNames: [
						'Error',
						'RegExp',
						'URL',
						'URLSearchParams',
						'YText',
						'YXmlFragment',
						'YXmlText',
						'YXmlElement'
					]
				}
			]
		}
	},
	{
		// Vitest's asymmetric matchers (expect.any(String), expect.stringMatching(...)) are typed `any` by design.
		files: ['tests/**'],
		rules: { '@typescript-eslint/no-unsafe-assignment': 'off' }
	},
	{
		// Components are linted without type information (see above); their logic lives in .ts modules.
		files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
		languageOptions: { parserOptions: { parser: ts.parser, svelteConfig } }
	}
);
