// Registers the service worker that makes the app work offline once loaded (raters judging and
// exporting with no network). Production builds only: in development the dev server's modules
// change on every save and a cache would serve stale code. The worker is emitted by
// scripts/vite-offline.ts. A tab left open across a deploy keeps working from the old build's
// cached files; it looks for a new build whenever the user changes view or comes back to the tab,
// and when the new worker takes over it is told a new version is ready (appUpdate).
import { appUpdate } from './update.svelte';

export async function registerOffline(): Promise<void> {
	if (!import.meta.env.PROD || typeof navigator === 'undefined' || !('serviceWorker' in navigator))
		return;
	const workers = navigator.serviceWorker;
	// The first worker taking control of a fresh page is no update; any later change is.
	let controlled = workers.controller !== null;
	workers.addEventListener('controllerchange', () => {
		if (controlled) appUpdate.ready = true;
		controlled = true;
	});
	let registration: ServiceWorkerRegistration;
	try {
		registration = await workers.register('./sw.js', { scope: './' });
	} catch {
		// Offline use is a bonus: the app works online without it (e.g. private windows refuse).
		return;
	}
	const check = () => {
		registration.update().catch(() => {
			// Offline or the host is down: the next view change asks again.
		});
	};
	addEventListener('hashchange', check);
	document.addEventListener('visibilitychange', () => {
		if (document.visibilityState === 'visible') check();
	});
}
