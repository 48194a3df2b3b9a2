// The time estimate follows what is happening: it grows while nothing finishes, and a request
// whose server has gone silent is reported (with when it will be stopped) instead of a guess.
import { describe, expect, it } from 'vitest';
import { Pace, SILENCE_NOTICE_MS } from '$lib/generation/pace';
import { makeEndpoint } from '../factories';

function clock() {
	let time = 0;
	return { now: () => time, advance: (ms: number) => (time += ms) };
}

describe('Pace', () => {
	it('estimates from the pace so far, measured up to now', () => {
		const time = clock();
		const pace = new Pace(time.now);
		pace.start(10);
		expect(pace.read()).toEqual({});
		time.advance(6_000);
		pace.completed();
		pace.completed();
		expect(pace.read()).toEqual({ ratePerMinute: 20, etaSeconds: 24 });
		time.advance(6_000);
		// Nothing finished for six seconds: the pace halves and the estimate doubles.
		expect(pace.read()).toEqual({ ratePerMinute: 10, etaSeconds: 48 });
	});

	it('reports the quietest silent request instead of an estimate, with its idle timeout', () => {
		const time = clock();
		const pace = new Pace(time.now);
		pace.start(4);
		const talking = {};
		const silent = {};
		pace.listen(talking, makeEndpoint({ label: 'Chatty' }));
		pace.listen(silent, makeEndpoint({ label: 'Loading 70B', idleTimeoutSeconds: 600 }));
		time.advance(5_000);
		pace.completed();
		pace.heard(talking);
		time.advance(SILENCE_NOTICE_MS - 5_000 - 1);
		expect(pace.read().etaSeconds).toBeDefined();
		time.advance(31_001);
		expect(pace.read()).toEqual({
			ratePerMinute: expect.any(Number),
			silence: { endpointLabel: 'Loading 70B', seconds: 41, limitSeconds: 600 }
		});
		pace.heard(silent);
		pace.forget(talking);
		expect(pace.read().silence).toBeUndefined();
		expect(pace.read().etaSeconds).toBeGreaterThan(0);
	});

	it('uses the default idle timeout for an endpoint without one', () => {
		const time = clock();
		const pace = new Pace(time.now);
		pace.start(1);
		pace.listen({}, makeEndpoint());
		time.advance(SILENCE_NOTICE_MS);
		expect(pace.read().silence?.limitSeconds).toBe(120);
	});
});
