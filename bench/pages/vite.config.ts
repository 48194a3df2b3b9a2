// Builds the benchmark pages (bench/pages/*.html) with the app's aliases and constants, so they
// run the app's real modules in Chromium. Not part of the shipped app.
import { defineConfig } from 'vite';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import app from '../../vite.config.ts';

const root = fileURLToPath(new URL('.', import.meta.url));
export const BENCH_PAGES_DIR = fileURLToPath(
	new URL('../../node_modules/.cache/bench-pages', import.meta.url)
);

export default defineConfig({
	root,
	base: './',
	resolve: app.resolve,
	define: app.define,
	logLevel: 'error',
	build: {
		target: 'es2022',
		outDir: BENCH_PAGES_DIR,
		emptyOutDir: true,
		reportCompressedSize: false,
		rollupOptions: {
			input: readdirSync(root)
				.filter((name) => name.endsWith('.html'))
				.map((name) => `${root}${name}`)
		}
	}
});
