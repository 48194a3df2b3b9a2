// An idle timeout, not a total one: a long answer that keeps streaming is healthy however long it
// takes, while a server that goes silent (a hung stream, a model still loading) must not hold a
// concurrency slot forever. Every chunk "bumps" the timer; silence for `ms` fires it once. A bump
// only notes the time (it comes with every token); the timer, when it runs, waits out the rest.

export interface IdleTimer {
	/** Restart the countdown (call on every chunk). */
	bump(): void;
	/** Stop for good (call when the stream ends, whichever way). */
	clear(): void;
	readonly fired: boolean;
}

/** For callers that pass none; generation and the live arena pass the endpoint's own setting. */
export const DEFAULT_IDLE_TIMEOUT_MS = 120_000;

export function idleTimer(
	ms: number,
	onTimeout: () => void,
	now: () => number = () => performance.now()
): IdleTimer {
	let heardAt = now();
	let fired = false;
	let cleared = false;
	const check = () => {
		if (cleared) return;
		const silent = now() - heardAt;
		if (silent < ms) {
			handle = setTimeout(check, ms - silent);
			return;
		}
		fired = true;
		onTimeout();
	};
	let handle = setTimeout(check, ms);
	return {
		bump() {
			heardAt = now();
		},
		clear() {
			cleared = true;
			clearTimeout(handle);
		},
		get fired() {
			return fired;
		}
	};
}
