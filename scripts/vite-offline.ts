import { createHash } from 'node:crypto';
import type { Plugin } from 'vite';

// Raters judge on trains and in basements: once the app has loaded, a service worker serves every
// built file (all views and the built-in data) from its cache. A hand-written worker instead of
// vite-plugin-pwa: workbox pulls in rollup, whose per-platform binaries the package mirror lacks,
// which breaks `npm ci`. The precache list and the cache name are fixed at build time, so a new
// build installs a cache of its own and takes over at once (the page then offers a Reload).
// Older builds' caches stay: a tab still running an old build loads its not-yet-opened views from
// them after the host has replaced those files. They go once a page loads with no other tab open
// (nobody can need them any more), and beyond the newest KEEP builds whatever happens.
const SERVICE_WORKER = String.raw`
const PREFIX = 'trait-arena-';
const CACHE = PREFIX + '__VERSION__';
const FILES = __FILES__;
const KEEP = 3;
const STAMP = '__installed__';
self.addEventListener('install', (event) => {
	event.waitUntil(
		caches.open(CACHE)
			.then((cache) => cache.addAll(FILES).then(() => cache.put(STAMP, new Response(String(Date.now())))))
			.then(() => self.skipWaiting())
	);
});
async function installedAt(name) {
	const stamp = await (await caches.open(name)).match(STAMP);
	return stamp ? Number(await stamp.text()) || 0 : 0;
}
async function prune(keep) {
	const names = (await caches.keys()).filter((name) => name.startsWith(PREFIX) && name !== CACHE);
	const dated = await Promise.all(names.map(async (name) => ({ name, at: await installedAt(name) })));
	dated.sort((a, b) => b.at - a.at);
	await Promise.all(dated.slice(keep).map(({ name }) => caches.delete(name)));
}
async function pruneIfAlone() {
	const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
	if (windows.length <= 1) await prune(0);
}
self.addEventListener('activate', (event) => {
	event.waitUntil(prune(KEEP - 1).then(() => self.clients.claim()));
});
self.addEventListener('fetch', (event) => {
	const request = event.request;
	if (request.method !== 'GET') return;
	const url = new URL(request.url);
	// Only the app's own files: model endpoints and hosted bundles always go to the network.
	if (url.origin !== self.location.origin) return;
	const scope = new URL(self.registration.scope);
	if (!url.pathname.startsWith(scope.pathname)) return;
	if (request.mode === 'navigate') {
		// A page load gets this build; with no other tab open, older builds' files can go.
		event.waitUntil(pruneIfAlone());
		const page = new URL('index.html', scope).href;
		event.respondWith(
			caches.open(CACHE)
				.then((cache) => cache.match(page, { ignoreSearch: true }))
				.then((hit) => hit || fetch(request))
		);
		return;
	}
	const key = url.href.split('#')[0];
	// This build's files first, then any older build's (a tab still running it), then the network.
	event.respondWith(
		caches.open(CACHE)
			.then((cache) => cache.match(key))
			.then((hit) => hit || caches.match(key))
			.then((hit) => hit || fetch(request))
	);
});
`;

const MANIFEST = {
	name: 'Trait Arena',
	short_name: 'Trait Arena',
	description: 'Blind side-by-side judgments of model behaviour',
	start_url: './',
	display: 'standalone',
	background_color: '#ffffff',
	theme_color: '#ffffff',
	icons: []
};

export function offlineServiceWorker(): Plugin {
	return {
		name: 'trait-arena-offline',
		enforce: 'post',
		apply: 'build',
		transformIndexHtml: () => [
			{ tag: 'link', attrs: { rel: 'manifest', href: './manifest.webmanifest' }, injectTo: 'head' }
		],
		generateBundle(_options, bundle) {
			this.emitFile({
				type: 'asset',
				fileName: 'manifest.webmanifest',
				source: JSON.stringify(MANIFEST)
			});
			const files = [
				'./',
				...Object.keys(bundle).map((name) => `./${name}`),
				'./manifest.webmanifest'
			];
			const unique = [...new Set(files)].filter((f) => !f.endsWith('.map')).sort();
			const version = createHash('sha256').update(unique.join('\n')).digest('hex').slice(0, 16);
			this.emitFile({
				type: 'asset',
				fileName: 'sw.js',
				source: SERVICE_WORKER.replace('__VERSION__', version).replace(
					'__FILES__',
					JSON.stringify(unique)
				)
			});
		}
	};
}
