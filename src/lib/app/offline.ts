// Registers the service worker that makes the app work offline once loaded (raters judging and
// exporting with no network). Production builds only: in development the dev server's modules
// change on every save and a cache would serve stale code. The worker is emitted by
// scripts/vite-offline.ts; a new build installs a new cache and takes over on the next load.
export async function registerOffline(): Promise<void> {
	if (!import.meta.env.PROD || typeof navigator === 'undefined' || !('serviceWorker' in navigator))
		return;
	try {
		await navigator.serviceWorker.register('./sw.js', { scope: './' });
	} catch {
		// Offline use is a bonus: the app works online without it (e.g. private windows refuse).
	}
}
