import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { wilsonInterval } from '$lib/core/stats';

describe('wilsonInterval', () => {
	it('matches R prop.test(8, 10, correct = FALSE): 0.4901625–0.9433178', () => {
		const { lower, upper } = wilsonInterval(8, 10);
		expect(lower).toBeCloseTo(0.4901625, 7);
		expect(upper).toBeCloseTo(0.9433178, 7);
	});

	it('matches Newcombe (1998), Stat. Med. 17:857, Table II, method 3 (score, no correction)', () => {
		const cases: Array<[number, number, number, number]> = [
			[81, 263, 0.2553, 0.3662],
			[15, 148, 0.0624, 0.1605],
			[0, 20, 0, 0.1611],
			[1, 29, 0.0061, 0.1718]
		];
		for (const [k, n, lower, upper] of cases) {
			const interval = wilsonInterval(k, n);
			expect(interval.lower).toBeCloseTo(lower, 4);
			expect(interval.upper).toBeCloseTo(upper, 4);
		}
	});

	it('takes half successes (ties) and another z', () => {
		// 7.5 of 10 at z = 1: centre (0.75 + 0.05) / 1.1, half-width √(0.01875 + 0.0025) / 1.1
		const { lower, upper } = wilsonInterval(7.5, 10, 1);
		expect(lower).toBeCloseTo((0.8 - Math.sqrt(0.02125)) / 1.1, 12);
		expect(upper).toBeCloseTo((0.8 + Math.sqrt(0.02125)) / 1.1, 12);
	});

	it('is [0, 1] without trials and refuses impossible counts', () => {
		expect(wilsonInterval(0, 0)).toEqual({ lower: 0, upper: 1 });
		expect(() => wilsonInterval(11, 10)).toThrow(RangeError);
		expect(() => wilsonInterval(-1, 10)).toThrow(RangeError);
	});

	it('always lies in [0, 1], contains k/n, and narrows as n grows at a fixed share', () => {
		fc.assert(
			fc.property(fc.integer({ min: 1, max: 100_000 }), fc.nat(), (n, seed) => {
				const k = (seed % (2 * n + 1)) / 2;
				const { lower, upper } = wilsonInterval(k, n);
				expect(lower).toBeGreaterThanOrEqual(0);
				expect(upper).toBeLessThanOrEqual(1);
				expect(lower).toBeLessThanOrEqual(k / n);
				expect(upper).toBeGreaterThanOrEqual(k / n);
				const wider = wilsonInterval(k * 4, n * 4);
				expect(wider.upper - wider.lower).toBeLessThan(upper - lower);
			})
		);
	});
});
