// Each area is its own chunk, loaded when first opened: the judging view never pays for the
// SDK, and the first paint never pays for parsers or charts.
import type { Component } from 'svelte';
import type { RouteName } from '$lib/app/routes';

type Loader = () => Promise<{
	default: Component<{ segments: string[]; query: Readonly<Record<string, string>> }>;
}>;

export const NAV: { name: RouteName; label: string }[] = [
	{ name: 'arena', label: 'Arena' },
	{ name: 'studies', label: 'Studies' },
	{ name: 'prompts', label: 'Prompts' },
	{ name: 'endpoints', label: 'Endpoints' },
	{ name: 'results', label: 'Results' },
	{ name: 'data', label: 'Data' }
];

/** What a rater needs (rater mode): judging and the bundles opened on this device. */
export const RATER_NAV: { name: RouteName; label: string }[] = [
	{ name: 'arena', label: 'Judge' },
	{ name: 'bundle', label: 'My bundles' }
];

export const VIEWS: Record<RouteName, Loader> = {
	arena: () => import('./arena/ArenaView.svelte'),
	studies: () => import('./studies/StudiesView.svelte'),
	prompts: () => import('./prompts/PromptsView.svelte'),
	endpoints: () => import('./endpoints/EndpointsView.svelte'),
	results: () => import('./results/ResultsView.svelte'),
	data: () => import('./data/DataView.svelte'),
	bundle: () => import('./bundle/BundleView.svelte')
};
