// Workers report progress to a page that only moves a bar: at most one message per interval
// (~20 a second by default), but always the last one (done = total), so the bar ends full.
export function throttleProgress<P extends { done: number; total: number }>(
	send: (progress: P) => void,
	intervalMs = 50,
	now: () => number = Date.now
): (progress: P) => void {
	let last = -Infinity;
	return (progress) => {
		const time = now();
		if (progress.done !== progress.total && time - last < intervalMs) return;
		last = time;
		send(progress);
	};
}
