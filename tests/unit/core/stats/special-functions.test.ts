import { describe, expect, it } from 'vitest';
import { logChoose, logGamma, normalQuantile, sigmoid, twoSidedZ } from '$lib/core/stats';

describe('logGamma', () => {
	it('matches closed forms: Γ(1/2) = √π and Γ(n + 1) = n!', () => {
		expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 14);
		// 20! = 2432902008176640000 exactly.
		expect(logGamma(21)).toBeCloseTo(Math.log(2432902008176640000), 12);
		expect(logGamma(1)).toBeCloseTo(0, 14);
		expect(logGamma(0.1)).toBeCloseTo(2.252712651734206, 13); // R: lgamma(0.1)
	});

	it('stays relatively exact for large n, against a direct sum of logs', () => {
		let sum = 0;
		for (let k = 2; k <= 100_000; k++) sum += Math.log(k);
		expect(Math.abs(logGamma(100_001) - sum) / sum).toBeLessThan(1e-12);
	});

	it('gives C(n, k) and C(n, n − k) bit-identical', () => {
		expect(logChoose(1001, 17)).toBe(logChoose(1001, 984));
		expect(Math.exp(logChoose(10, 3))).toBeCloseTo(120, 9);
	});

	it('rejects non-positive arguments', () => {
		expect(() => logGamma(0)).toThrow(RangeError);
	});
});

describe('normalQuantile', () => {
	it('matches R qnorm', () => {
		expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 14);
		expect(normalQuantile(0.8)).toBeCloseTo(0.8416212335729143, 14);
		expect(normalQuantile(0.001)).toBeCloseTo(-3.090232306167813, 13);
		expect(normalQuantile(1e-10)).toBeCloseTo(-6.361340902404056, 12);
		expect(normalQuantile(0)).toBe(-Infinity);
		expect(normalQuantile(1)).toBe(Infinity);
		expect(normalQuantile(0.5)).toBe(0);
		expect(twoSidedZ(0.95)).toBeCloseTo(1.959963984540054, 14);
	});

	it('is accurate far in the tail, checked by the Mills-ratio expansion of log Φ', () => {
		const x = -normalQuantile(1e-300);
		const series = 1 - 1 / x ** 2 + 3 / x ** 4 - 15 / x ** 6;
		const logTail = (-x * x) / 2 - Math.log(x * Math.sqrt(2 * Math.PI)) + Math.log(series);
		expect(logTail).toBeCloseTo(Math.log(1e-300), 9);
	});

	it('is antisymmetric', () => {
		for (const p of [0.01, 0.2, 0.4, 0.49]) {
			expect(normalQuantile(p)).toBeCloseTo(-normalQuantile(1 - p), 12);
		}
	});
});

describe('sigmoid', () => {
	it('is stable at both extremes', () => {
		expect(sigmoid(0)).toBe(0.5);
		expect(sigmoid(-800)).toBe(0);
		expect(sigmoid(800)).toBe(1);
		expect(sigmoid(2) + sigmoid(-2)).toBeCloseTo(1, 15);
	});
});
