import { describe, expect, it } from 'vitest';
import { RunControl } from '$lib/generation/run-control.svelte';

const settled = async (promise: Promise<boolean>) => {
	let value: boolean | undefined;
	void promise.then((result) => (value = result));
	for (let tick = 0; tick < 5; tick++) await Promise.resolve();
	return value;
};

describe('run control', () => {
	it('holds workers while paused and lets them go on resume', async () => {
		const control = new RunControl();
		control.pause();
		expect(control.state).toBe('idle'); // nothing to pause before a run
		control.begin();
		control.pause();
		expect(control.state).toBe('paused');
		const waiting = control.proceed();
		expect(await settled(waiting)).toBeUndefined();
		control.resume();
		expect(await waiting).toBe(true);
		control.end();
		expect(control.state).toBe('finished');
	});

	it('cancel aborts open requests, releases paused workers with a stop, and ends as cancelled', async () => {
		const control = new RunControl();
		control.begin();
		const open = control.open();
		const closed = control.open();
		control.close(closed);
		control.pause();
		const waiting = control.proceed();
		control.cancel();
		expect(await waiting).toBe(false);
		expect(open.signal.aborted).toBe(true);
		expect(closed.signal.aborted).toBe(false);
		expect(control.cancelled).toBe(true);
		control.end();
		expect(control.state).toBe('cancelled');
		// A new run starts clean.
		control.begin();
		expect([control.state, control.cancelled, await control.proceed()]).toEqual([
			'running',
			false,
			true
		]);
	});

	it('a refused run is idle again and cannot be cancelled', () => {
		const control = new RunControl();
		control.begin();
		control.refuse();
		expect(control.running).toBe(false);
		control.cancel();
		expect(control.cancelled).toBe(false);
	});
});
