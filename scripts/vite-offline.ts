import { createHash } from 'node:crypto';
import type { Plugin } from 'vite';

// Raters judge on trains and in basements: once the app has loaded, a service worker serves every
// built file (all views and the built-in data) from its cache. A hand-written worker instead of
// vite-plugin-pwa: workbox pulls in rollup, whose per-platform binaries the package mirror lacks,
// which breaks `npm ci`. The precache list and the cache name are fixed at build time, so a new
// build installs a fresh cache and drops the old one.
const SERVICE_WORKER = String.raw`
const CACHE = 'trait-arena-__VERSION__';
const FILES = __FILES__;
self.addEventListener('install', (event) => {
	event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(FILES)).then(() => self.skipWaiting()));
});
self.addEventListener('activate', (event) => {
	event.waitUntil(
		caches.keys()
			.then((keys) => Promise.all(keys.filter((k) => k.startsWith('trait-arena-') && k !== CACHE).map((k) => caches.delete(k))))
			.then(() => self.clients.claim())
	);
});
self.addEventListener('fetch', (event) => {
	const request = event.request;
	if (request.method !== 'GET') return;
	const url = new URL(request.url);
	// Only the app's own files: model endpoints and hosted bundles always go to the network.
	if (url.origin !== self.location.origin) return;
	const scope = new URL(self.registration.scope);
	if (!url.pathname.startsWith(scope.pathname)) return;
	const key = request.mode === 'navigate' ? new URL('index.html', scope).href : url.href.split('#')[0];
	event.respondWith(
		caches.open(CACHE).then((cache) =>
			cache.match(key, { ignoreSearch: request.mode === 'navigate' }).then((hit) => hit || fetch(request))
		)
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
