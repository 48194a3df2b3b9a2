import { defineConfig, type Plugin } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { offlineServiceWorker } from './scripts/vite-offline.ts';
import { CONTENT_SECURITY_POLICY, SECURITY_HEADERS } from './scripts/security-headers.ts';

export { CONTENT_SECURITY_POLICY };

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as {
	version: string;
};

const alias = {
	$lib: fileURLToPath(new URL('./src/lib', import.meta.url)),
	$components: fileURLToPath(new URL('./src/components', import.meta.url)),
	$views: fileURLToPath(new URL('./src/views', import.meta.url))
};

// The build's meta tag carries the policy (frame-ancestors needs a header: see SECURITY_HEADERS).
// Only the build gets it (the dev server injects inline styles and scripts).
function contentSecurityPolicy(): Plugin {
	return {
		name: 'trait-arena-csp',
		apply: 'build',
		transformIndexHtml: () => [
			{
				tag: 'meta',
				attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY },
				injectTo: 'head-prepend'
			},
			{ tag: 'meta', attrs: { name: 'referrer', content: 'no-referrer' }, injectTo: 'head' }
		]
	};
}

export default defineConfig({
	// Relative base: the build is plain static files that work from any folder of any static host.
	base: './',
	plugins: [
		svelte(),
		contentSecurityPolicy(),
		...(process.env.VITEST ? [] : [offlineServiceWorker()])
	],
	resolve: { alias },
	define: {
		__APP_VERSION__: JSON.stringify(pkg.version),
		__BUILD_ID__: JSON.stringify(process.env.TRAIT_ARENA_BUILD ?? pkg.version)
	},
	build: { target: 'es2022', sourcemap: false, reportCompressedSize: false },
	// `npm start` serves the build with the headers a static host should send.
	preview: { port: 4173, strictPort: true, headers: { ...SECURITY_HEADERS } },
	test: {
		include: ['tests/unit/**/*.test.ts'],
		environment: 'node',
		// Timeouts catch a test that hangs, not a slow one: speed is measured in bench/. Two suites
		// run side by side on two busy cores took property tests well past Vitest's 5 s default.
		testTimeout: 60_000,
		hookTimeout: 60_000
	}
});
