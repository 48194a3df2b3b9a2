// Whether a newer build of the app has taken over this tab's service worker: the shell then offers
// a Reload. Until the user reloads, the tab keeps running (and loading views of) its own build.
class AppUpdate {
	ready = $state(false);

	reload(): void {
		location.reload();
	}
}

export const appUpdate = new AppUpdate();
