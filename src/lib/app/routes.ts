// Hash routes work on any static host (no server rewrites) and keep only opaque ids in the URL,
// never a model name or endpoint label (blinding).
export const ROUTES = [
	'arena',
	'studies',
	'prompts',
	'endpoints',
	'results',
	'data',
	'bundle'
] as const;
export type RouteName = (typeof ROUTES)[number];

export interface Route {
	name: RouteName;
	/** Path segments after the route name, e.g. `#/arena/<studyId>` → [studyId]. */
	segments: string[];
	query: Readonly<Record<string, string>>;
}

export function parseHash(hash: string): Route {
	const trimmed = hash.replace(/^#\/?/, '');
	const [path = '', search = ''] = trimmed.split('?', 2);
	const [first = '', ...segments] = path.split('/').filter(Boolean).map(decodeURIComponent);
	const name = (ROUTES as readonly string[]).includes(first) ? (first as RouteName) : 'arena';
	return { name, segments, query: Object.fromEntries(new URLSearchParams(search)) };
}

export function hrefFor(name: RouteName, ...segments: string[]): string {
	return `#/${[name, ...segments.map(encodeURIComponent)].join('/')}`;
}
