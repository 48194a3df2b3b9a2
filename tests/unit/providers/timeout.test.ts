// The idle timer fires once after `ms` of silence, however often it was bumped before; fake
// timers and a fake clock, so nothing here depends on the machine's speed.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { idleTimer } from '$lib/providers/timeout';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('idleTimer', () => {
	it('fires after ms of silence, counted from the last bump', () => {
		const onTimeout = vi.fn();
		const timer = idleTimer(1_000, onTimeout, () => Date.now());
		for (let step = 0; step < 10; step++) {
			vi.advanceTimersByTime(900);
			timer.bump();
		}
		expect(onTimeout).not.toHaveBeenCalled();
		vi.advanceTimersByTime(999);
		expect(timer.fired).toBe(false);
		vi.advanceTimersByTime(1);
		expect(onTimeout).toHaveBeenCalledTimes(1);
		expect(timer.fired).toBe(true);
		vi.advanceTimersByTime(5_000);
		expect(onTimeout).toHaveBeenCalledTimes(1);
	});

	it('never fires once cleared', () => {
		const onTimeout = vi.fn();
		const timer = idleTimer(1_000, onTimeout, () => Date.now());
		timer.clear();
		vi.advanceTimersByTime(10_000);
		expect(onTimeout).not.toHaveBeenCalled();
	});
});
