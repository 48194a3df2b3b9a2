// Work that can wait until the page has painted and has nothing else to do (within two seconds at
// most). Where there is no idle callback (Safari, Node), it runs in the next task.

export function whenIdle(task: () => unknown): void {
	const run = () => void task();
	if (typeof requestIdleCallback === 'function') requestIdleCallback(run, { timeout: 2_000 });
	else setTimeout(run, 0);
}
