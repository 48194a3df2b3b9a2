import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

export default {
	preprocess: vitePreprocess(),
	// Runes only: legacy syntax (export let, $:, on:click, <slot>) is a compile error.
	compilerOptions: { runes: true }
};
