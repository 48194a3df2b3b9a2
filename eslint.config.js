import js from '@eslint/js';
import ts from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import svelteConfig from './svelte.config.js';

const OPENAI = { group: ['openai', 'openai/*'], message: 'Only src/lib/providers imports openai.' };
const DEXIE = { group: ['dexie', 'dexie/*'], message: 'Only src/lib/db imports dexie.' };

export default ts.config(
	{
		ignores: [
			'dist/',
			'dist-*/',
			'node_modules/',
			'test-results/',
			'playwright-report/',
			'.reports/',
			'docs/schemas/'
		]
	},
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	prettier,
	...svelte.configs.prettier,
	{
		languageOptions: { globals: { ...globals.browser, ...globals.node } },
		rules: {
			'@typescript-eslint/no-explicit-any': 'error',
			'@typescript-eslint/no-non-null-assertion': 'error',
			'@typescript-eslint/no-unused-vars': [
				'error',
				{ argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' }
			],
			'svelte/no-at-html-tags': 'error',
			'svelte/require-each-key': 'error'
		}
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
		languageOptions: {
			parserOptions: {
				extraFileExtensions: ['.svelte'],
				parser: ts.parser,
				svelteConfig
			}
		}
	},
	{
		files: ['src/lib/core/**'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						OPENAI,
						DEXIE,
						{ group: ['svelte', 'svelte/*'], message: 'core is framework-free.' },
						{
							group: ['$lib/*', '!$lib/core', '!$lib/core/*'],
							message: 'core imports no other layer.'
						}
					]
				}
			]
		}
	},
	{
		files: ['src/views/**', 'src/components/**'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						OPENAI,
						DEXIE,
						{
							group: ['$lib/providers', '$lib/providers/*'],
							message: 'Views use feature classes.'
						},
						{
							group: ['$lib/db/*', '!$lib/db/queries.svelte'],
							message: 'Views read through $lib/db/queries.svelte only.'
						}
					]
				}
			]
		}
	},
	{
		files: ['src/**'],
		ignores: [
			'src/lib/providers/**',
			'src/lib/db/**',
			'src/lib/core/**',
			'src/views/**',
			'src/components/**'
		],
		rules: { 'no-restricted-imports': ['error', { patterns: [OPENAI, DEXIE] }] }
	},
	{
		files: ['src/lib/providers/**'],
		rules: { 'no-restricted-imports': ['error', { patterns: [DEXIE] }] }
	},
	{
		files: ['src/lib/db/**'],
		rules: { 'no-restricted-imports': ['error', { patterns: [OPENAI] }] }
	}
);
