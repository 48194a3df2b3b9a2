// A rater who opens a study bundle on their own device needs two things: judging and their
// bundles. Rater mode trims the shell to those (the researcher areas stay one click away). It is
// kept in localStorage so the first paint after a reload already shows the rater's menu.
const KEY = 'trait-arena:rater-mode';

function stored(): boolean {
	try {
		return localStorage.getItem(KEY) === '1';
	} catch {
		return false;
	}
}

class RaterMode {
	on = $state(stored());

	enter(): void {
		this.#set(true);
	}

	leave(): void {
		this.#set(false);
	}

	#set(on: boolean): void {
		this.on = on;
		try {
			if (on) localStorage.setItem(KEY, '1');
			else localStorage.removeItem(KEY);
		} catch {
			// Storage refused (private window): the mode lasts for this page only.
		}
	}
}

export const raterMode = new RaterMode();
