// An idle timeout, not a total one: a long answer that keeps streaming is healthy however long it
// takes, while a server that goes silent (a hung stream, a model still loading) must not hold a
// concurrency slot forever. Every chunk "bumps" the timer; silence for `ms` fires it once.

export interface IdleTimer {
	/** Restart the countdown (call on every chunk). */
	bump(): void;
	/** Stop for good (call when the stream ends, whichever way). */
	clear(): void;
	readonly fired: boolean;
}

/** For callers that pass none; generation and the live arena pass the endpoint's own setting. */
export const DEFAULT_IDLE_TIMEOUT_MS = 120_000;

export function idleTimer(ms: number, onTimeout: () => void): IdleTimer {
	let handle: ReturnType<typeof setTimeout> | undefined;
	let fired = false;
	let cleared = false;
	const arm = () => {
		if (cleared || fired) return;
		if (handle !== undefined) clearTimeout(handle);
		handle = setTimeout(() => {
			fired = true;
			onTimeout();
		}, ms);
	};
	arm();
	return {
		bump: arm,
		clear() {
			cleared = true;
			if (handle !== undefined) clearTimeout(handle);
		},
		get fired() {
			return fired;
		}
	};
}
